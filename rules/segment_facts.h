#pragma once
// Facts helpers the batch rules share: a segment's texts for a finding's
// report (capped as the engine caps every finding's texts), and a hash that
// is the same on every machine and in every build (the facts of a shard are
// read by `tmlint merge` elsewhere, and the cache outlives the process,
// so std::hash, which may differ between builds, will not do).
#include <cstdint>
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

}  // namespace tmlint::facts
