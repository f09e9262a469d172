// libFuzzer target: the front-matter guard and yaml-cpp behind it, with the
// input always framed as front matter (and once with the fast path off).
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/loader.h"

using namespace tmlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string yaml(reinterpret_cast<const char*>(data), size);
  std::string text = "---\n" + yaml + "\n---\nbody\n";
  auto fast = load_article("f.md", "f.md", text);
  LoadLimits slow;
  slow.yaml_fast_path = false;
  auto full = load_article("f.md", "f.md", text, slow);
  // The fast path must never read something yaml-cpp reads differently.
  if (fast->issues.empty() && full->issues.empty() && fast->front_matter.size() == full->front_matter.size())
    for (size_t i = 0; i < fast->front_matter.size(); ++i)
      if (fast->front_matter[i].key != full->front_matter[i].key ||
          fast->front_matter[i].value != full->front_matter[i].value)
        __builtin_trap();
  return 0;
}
