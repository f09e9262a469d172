#pragma once
// Facts helpers the batch rules share: a segment's texts for a finding's
// report (capped as the engine caps every finding's texts), and a hash that
// is the same on every machine and in every build (the facts of a shard are
// read by `tmlint merge` elsewhere, and the cache outlives the process,
// so std::hash, which may differ between builds, will not do).
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "engine/rule.h"

namespace tmlint::facts {

// At most this many bytes of each text (engine/collate.cpp's bound).
constexpr size_t kMaxText = 4096;

inline std::string_view capped(std::string_view text) {
  if (text.size() <= kMaxText) return text;
  size_t cut = kMaxText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a whole code point
  return text.substr(0, cut);
}

// The segment's raw texts (or two empty strings without a segment).
inline void write_texts(FactWriter& out, const Article& a, int32_t segment) {
  if (segment < 0) {
    out.str({});
    out.str({});
    return;
  }
  const Segment& s = a.segments[static_cast<size_t>(segment)];
  out.str(capped(s.source.raw));
  out.str(capped(s.target.raw));
}

inline SegmentTexts read_texts(FactReader& in) {
  SegmentTexts t;
  t.source = in.str();
  t.target = in.str();
  return t;
}

// FNV-1a, 64 bits.
inline uint64_t stable_hash(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// A 64-bit hash of a text, 8 bytes at a time (MurmurHash3's block mix and
// finaliser), the bytes read little-endian whatever the machine: several
// times faster than FNV-1a on segment texts, for hashing every form.
inline uint64_t text_hash(std::string_view s) {
  constexpr uint64_t c1 = 0x87C37B91114253D5ull, c2 = 0x4CF5AD432745937Full;
  auto rotl = [](uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
  auto block = [&](uint64_t k) {
    k *= c1;
    k = rotl(k, 31);
    return k * c2;
  };
  auto load = [](const char* p, size_t n) {  // little-endian
    uint64_t v = 0;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(&v, p, n);
    } else {
      for (size_t b = 0; b < n; ++b) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[b])) << (8 * b);
    }
    return v;
  };
  uint64_t h = 0x9E3779B97F4A7C15ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    h ^= block(load(s.data() + i, 8));
    h = rotl(h, 27) * 5 + 0x52DCE729;
  }
  if (i < s.size()) h ^= block(load(s.data() + i, s.size() - i));
  h ^= s.size();
  h ^= h >> 33;  // fmix64
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace tmlint::facts
