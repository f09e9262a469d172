#include "base/text_escape.h"

#include <fmt/format.h>

namespace tmlint {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t utf8_length(std::string_view s, size_t i, uint32_t& cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  unsigned char c = p[i];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (!len || i + len > s.size()) return 0;
  cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (size_t k = 1; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i + k] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return len;
}

}  // namespace

void json_escape(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    size_t len = utf8_length(s, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      ++i;
      continue;
    }
    if (len == 1) {
      char c = s[i];
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
          else out.push_back(c);
      }
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
}

std::string xml_safe(std::string_view s, size_t* replaced) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    size_t len = utf8_length(s, i, cp);
    // XML 1.0 allows TAB, LF, CR and everything from U+0020 but U+FFFE/U+FFFF.
    bool allowed = len != 0 && (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF));
    if (!allowed) {
      out += "\xEF\xBF\xBD";
      if (replaced) ++*replaced;
      i += len ? len : 1;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

void append_xml_escaped(std::string& out, std::string_view s, size_t* replaced) {
  out.reserve(out.size() + s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    if (c == '\t' || c == '\n') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c == '\r') {
      out += "&#13;";
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t len = c >= 0x80 ? utf8_length(s, i, cp) : 0;
    if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";
      if (replaced) ++*replaced;
      i += len ? len : 1;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
}

}  // namespace tmlint
