#include "model/line_index.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tmlint {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.reserve(text.size() / 40 + 1);
  starts_.push_back(0);
  const char* p = text.data();
  const char* end = p + text.size();
  if (!std::memchr(p, '\r', text.size())) {
    // LF-only files (nearly all): let memchr find the breaks.
    for (const char* q = p; (q = static_cast<const char*>(std::memchr(q, '\n', end - q))); ++q)
      starts_.push_back(static_cast<uint32_t>(q + 1 - p));
    build_checkpoints();
    return;
  }
  for (const char* q = p; q < end; ++q) {
    if (*q == '\n') {
      starts_.push_back(static_cast<uint32_t>(q + 1 - p));
    } else if (*q == '\r') {
      if (q + 1 < end && q[1] == '\n') continue;  // CRLF: the LF ends the line
      starts_.push_back(static_cast<uint32_t>(q + 1 - p));
    }
  }
  build_checkpoints();
}

void LineIndex::build_checkpoints() {
  if (text_.size() <= kCheckpointStride) return;
  auto continuation = [&](uint32_t i) { return (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80; };
  size_t line = 0;  // index into starts_
  uint32_t prev = 0, prev_count = 0;
  for (uint64_t b = kCheckpointStride; b < text_.size(); b += kCheckpointStride) {
    while (line + 1 < starts_.size() && starts_[line + 1] <= b) ++line;
    uint32_t start = starts_[line];
    if (b - start < kCheckpointStride) continue;  // a short line: counting from its start is cheap
    // After three continuation bytes, or at any other byte, the counting
    // state of count_code_points is the same as at the start of a text.
    auto c = static_cast<uint32_t>(b);
    while (c < text_.size() && c < b + 3 && continuation(c)) ++c;
    if (c >= text_.size()) break;
    uint32_t from = prev >= start && prev > 0 ? prev : start;
    uint32_t count = (from == start ? 0 : prev_count) + count_code_points(text_.substr(from, c - from));
    checkpoints_.push_back({c, count});
    prev = c;
    prev_count = count;
  }
}

uint32_t count_code_points(std::string_view bytes) {
  // Count every byte that is not a UTF-8 continuation byte, plus continuation
  // bytes that do not follow a lead byte (stray bytes of invalid UTF-8).
  uint32_t n = 0;
  int expect = 0;
  // Runs of ASCII (the markup of every segment) eight bytes at a time.
  size_t i = 0;
  const char* p = bytes.data();
  while (i + 8 <= bytes.size()) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    if (word & 0x8080808080808080ULL) break;
    n += 8;
    i += 8;
  }
  bytes.remove_prefix(i);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      ++n;
      expect = 0;
    } else if ((c & 0xC0) == 0x80) {
      if (expect > 0) {
        --expect;
      } else {
        ++n;
      }
    } else {
      ++n;
      expect = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
      if (c >= 0xF8) expect = 0;
    }
  }
  return n;
}

Location LineIndex::locate(uint32_t offset) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin());
  uint32_t start = starts_[line - 1];
  uint32_t from = start, base = 0;
  if (offset - start > kCheckpointStride && !checkpoints_.empty()) {
    auto cp = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                               [](uint32_t o, const Checkpoint& c) { return o < c.offset; });
    if (cp != checkpoints_.begin() && std::prev(cp)->offset >= start) {
      from = std::prev(cp)->offset;
      base = std::prev(cp)->code_points;
    }
  }
  uint32_t column = 1 + base + count_code_points(text_.substr(from, offset - from));
  return Location{offset, line, column};
}

std::string_view LineIndex::line_text(uint32_t line) const {
  uint32_t start = starts_[line - 1];
  uint32_t end = line < starts_.size() ? starts_[line] : static_cast<uint32_t>(text_.size());
  std::string_view s = text_.substr(start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace tmlint
