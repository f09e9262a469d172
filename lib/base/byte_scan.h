#pragma once
// Scanning bytes for the next one of a set of ASCII bytes (the markup bytes
// the loader and the inline lexers stop at). A byte table per byte is about
// three instructions a byte; the text of a CJK article is mostly bytes of
// multi-byte characters (0x80 and over, never in such a set), which are
// skipped eight at a time.
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tmlint {

// The first offset in [from, end) of `p` whose byte is marked in `stops`
// (256 entries, only ASCII bytes marked), or `end`.
inline size_t find_stop_byte(const char* p, size_t from, size_t end, const bool* stops) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = from;
  while (i + 8 <= end) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & kHigh) != kHigh) {
      for (size_t k = 0; k < 8; ++k)
        if (stops[static_cast<unsigned char>(p[i + k])]) return i + k;
    }
    i += 8;
  }
  for (; i < end; ++i)
    if (stops[static_cast<unsigned char>(p[i])]) return i;
  return end;
}

}  // namespace tmlint
