#pragma once
// A position in a loaded file. Offsets are bytes from the start of the file;
// line and column are 1-based, and columns count Unicode code points (an
// invalid UTF-8 byte counts as one code point), as editors and SARIF expect.
#include <cstdint>

namespace tmlint {

struct Location {
  uint32_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;

  friend bool operator==(const Location&, const Location&) = default;
};

}  // namespace tmlint
