#include "load/entities.h"

#include <algorithm>
#include <iterator>

namespace tmlint {
namespace {

struct Entity {
  std::string_view name;
  std::string_view utf8;
};

constexpr Entity kEntities[] = {
#include "entities_table.inc"
};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t decode_one_entity(std::string_view text, std::string& out) {
  if (text.size() < 3 || text[0] != '&') return 0;
  if (text[1] == '#') {
    size_t i = 2;
    bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    char32_t cp = 0;
    size_t digits = 0;
    for (; i < text.size() && digits < 8; ++i, ++digits) {
      char c = text[i];
      int v;
      if (c >= '0' && c <= '9') v = c - '0';
      else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      else break;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
    }
    if (digits == 0 || i >= text.size() || text[i] != ';') return 0;
    append_utf8(out, cp);
    return i + 1;
  }
  size_t i = 1;
  while (i < text.size() && i < 40 && is_alnum(text[i])) ++i;
  if (i == 1 || i >= text.size() || text[i] != ';') return 0;
  std::string_view name = text.substr(1, i - 1);
  auto it = std::lower_bound(std::begin(kEntities), std::end(kEntities), name,
                             [](const Entity& e, std::string_view n) { return e.name < n; });
  if (it == std::end(kEntities) || it->name != name) return 0;
  out.append(it->utf8);
  return i + 1;
}

bool decode_entities(std::string_view text, std::string& out) {
  bool changed = false;
  size_t start = 0;
  for (size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    std::string decoded;
    size_t used = decode_one_entity(text.substr(amp), decoded);
    if (used == 0) continue;
    out.append(text.substr(start, amp - start));
    out.append(decoded);
    start = amp + used;
    amp = start - 1;
    changed = true;
  }
  out.append(text.substr(start));
  return changed;
}

}  // namespace tmlint
