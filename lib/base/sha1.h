#pragma once
// SHA-1 of a file's bytes as a localization pipeline would have checked it
// out: with LF line endings and with CRLF line endings, both in one pass.
#include <string>
#include <string_view>

namespace tmlint {

struct LineEndingHashes {
  std::string lf;    // 40 lowercase hex digits
  std::string crlf;
};

LineEndingHashes sha1_both_line_endings(std::string_view bytes);
std::string sha1_hex(std::string_view bytes);

}  // namespace tmlint
