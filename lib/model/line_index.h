#pragma once
// Maps byte offsets of one file to line/column. Line breaks are LF, CRLF and
// a lone CR, so CR-only files still get real line numbers.
#include <string_view>
#include <vector>

#include "model/location.h"

namespace tmlint {

class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  // Location of a byte offset (clamped to the end of the text).
  Location locate(uint32_t offset) const;
  // Number of lines (a file without a final newline still has its last line).
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }
  // Byte offset where line (1-based) starts.
  uint32_t line_start(uint32_t line) const { return starts_[line - 1]; }
  // The text of a line without its line break.
  std::string_view line_text(uint32_t line) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
  // Lines longer than kCheckpointStride: every stride, an offset (never
  // inside a UTF-8 sequence's state) and its column count from the line
  // start, so locate() stays O(stride) on a 50 MB single line.
  static constexpr uint32_t kCheckpointStride = 16 * 1024;
  struct Checkpoint {
    uint32_t offset;
    uint32_t code_points;  // from the start of its line to offset
  };
  std::vector<Checkpoint> checkpoints_;
  void build_checkpoints();
};

// Number of code points in a UTF-8 byte range; each byte of an invalid
// sequence counts as one.
uint32_t count_code_points(std::string_view bytes);

}  // namespace tmlint
