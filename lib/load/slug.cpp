#include "load/slug.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "load/entities.h"

namespace tmlint {

std::string heading_slug(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    if (c == ' ') {
      out.push_back('-');
      continue;
    }
    if (c == '-') {
      out.push_back('-');
      continue;
    }
    int8_t type = u_charType(c);
    uint32_t mask = U_MASK(type);
    if (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_PC_MASK)) {
      append_utf8(out, static_cast<char32_t>(u_tolower(c)));
    }
  }
  return out;
}

std::string strip_inline_markup(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  size_t i = 0;
  while (i < md.size()) {
    char c = md[i];
    if (c == '<') {
      size_t close = md.find('>', i);
      if (close == std::string_view::npos) {
        out.push_back(c);
        ++i;
        continue;
      }
      i = close + 1;
      continue;
    }
    if (c == '!' && i + 1 < md.size() && md[i + 1] == '[') {
      // Image: drop alt text and target.
      size_t close = md.find("](", i);
      size_t end = close == std::string_view::npos ? std::string_view::npos : md.find(')', close);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') {
      size_t end = md.find(')', i);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    if (c == '[') {
      ++i;
      continue;
    }
    if (c == '{' && i + 1 < md.size() && md[i + 1] == '#') {
      size_t end = md.find('}', i);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    if (c == '&') {
      std::string decoded;
      if (size_t used = decode_one_entity(md.substr(i), decoded)) {
        out += decoded;
        i += used;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  // Trim.
  size_t b = out.find_first_not_of(" \t");
  size_t e = out.find_last_not_of(" \t");
  if (b == std::string::npos) return {};
  return out.substr(b, e - b + 1);
}

}  // namespace tmlint
