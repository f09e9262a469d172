#pragma once
// A fast 64-bit hash of bytes (MurmurHash3's 64-bit mixing, eight bytes a
// step): the facts cache's content hashes and checksums, and fingerprints
// of trees. Not cryptographic: it tells accidental changes apart (an edited
// file, a truncated cache), which is all it is asked.
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tmlint {

inline uint64_t hash64_mix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

inline uint64_t hash64(std::string_view s, uint64_t seed = 0) {
  constexpr uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
  auto rotl = [](uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
  uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ull);
  size_t i = 0;
  // Long inputs (file contents, the cache file's checksum): four
  // independent lanes of 8 bytes, about half an instruction a byte.
  if (s.size() >= 64) {
    uint64_t a = h + c1, b = h ^ c2, c = h - c1, d = ~h;
    auto word = [&](size_t at) {
      uint64_t w;
      std::memcpy(&w, s.data() + at, 8);
      return w;
    };
    for (; i + 32 <= s.size(); i += 32) {
      a = rotl(a + word(i) * c2, 31) * c1;
      b = rotl(b + word(i + 8) * c2, 31) * c1;
      c = rotl(c + word(i + 16) * c2, 31) * c1;
      d = rotl(d + word(i + 24) * c2, 31) * c1;
    }
    h = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18);
  }
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t k;
    std::memcpy(&k, s.data() + i, 8);
    k = rotl(k * c1, 31) * c2;
    h = rotl(h ^ k, 27) * 5 + 0x52dce729;
  }
  uint64_t tail = 0;
  for (size_t j = 0; i + j < s.size(); ++j) tail |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + j])) << (8 * j);
  h ^= rotl(tail * c1, 31) * c2;
  return hash64_mix(h);
}

// Folds one more value into a running hash (order matters).
inline uint64_t hash64_combine(uint64_t h, uint64_t v) { return hash64_mix(h ^ (v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2))); }
inline uint64_t hash64_combine(uint64_t h, std::string_view s) { return hash64_combine(h, hash64(s, s.size())); }

}  // namespace tmlint
