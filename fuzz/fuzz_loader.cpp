// libFuzzer target: the whole article loader on arbitrary bytes, then the
// invariants every rule relies on (views inside the file, locations that
// agree with the line index).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "load/loader.h"

using namespace tmlint;

static void require(bool ok) {
  if (!ok) std::abort();
}

static bool inside(const Article& a, std::string_view v) {
  return v.data() >= a.text.data() && v.data() + v.size() <= a.text.data() + a.text.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const char* name : {"fuzz.md", "TOC.yml"}) {
    auto a = load_article(name, name, bytes);
    for (const auto& s : a->segments) {
      require(inside(*a, s.id) && inside(*a, s.target.raw) && inside(*a, s.source.raw));
      require(a->locate(s.location.offset) == s.location);
    }
    for (const auto& l : a->links) {
      require(inside(*a, l.target));
      require(l.segment < static_cast<int32_t>(a->segments.size()));
    }
    for (const auto& i : a->issues) require(i.location.line >= 1 && i.location.line <= a->lines.line_count());
  }
  return 0;
}
