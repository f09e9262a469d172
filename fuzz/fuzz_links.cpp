// libFuzzer target: link and anchor parsing inside a segment and in the
// skeleton, then link resolution against a small tree (no disk access).
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/loader.h"
#include "sources/link_resolver.h"
#include "sources/tree_index.h"

using namespace tmlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string s(reinterpret_cast<const char*>(data), size);
  std::string text = "# " + s + "\n\n<span data-ttu-id=\"abcde-101\">" + s +
                     "</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">" + s + "</span></span>\n" + s;
  auto a = load_article("docs/a.md", "docs/a.md", text);
  static const TreeIndex tree = TreeIndex::from_paths({"docs/a.md", "docs/B.md", "docs/media/x.png", "index.md"});
  RunFacts facts;
  facts.batch_files = &tree;
  for (const Link& l : a->links) resolve_link(*a, l, facts);
  return 0;
}
