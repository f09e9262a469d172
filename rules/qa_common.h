#pragma once
// Helpers shared by the segment QA rules (inline-code-mismatch,
// number-mismatch, markup-mismatch, ...). Every one of them reads segment
// text through the one inline lexer (lib/inline_tokens.h), so a link's URL,
// an HTML tag or a code span is never taken for prose.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "inline_tokens.h"
#include "rule.h"

namespace tmlint::qa {

// The article's locale: ms.contentlocale, else --locale; lower case.
inline std::string article_locale(const ArticleContext& ctx) {
  std::string locale = ctx.facts.locale;
  if (const auto* e = ctx.article.front("ms.contentlocale"); e && !e->value.empty()) locale = e->value;
  for (char& c : locale)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return locale;
}

// "ja" of "ja-jp".
inline std::string_view language_of(std::string_view locale) {
  size_t dash = locale.find_first_of("-_");
  return dash == std::string_view::npos ? locale : locale.substr(0, dash);
}

inline bool is_cjk_language(std::string_view language) {
  return language == "ja" || language == "zh" || language == "ko";
}

// The prose of a fragment as the reader sees it, with the byte offset in the
// fragment of each piece: Text tokens (link text included), and the
// characters of Escape tokens. Code, URLs, HTML, placeholders, entities and
// emphasis markers are left out; each becomes a boundary (a '\x1F' byte) so
// that words and numbers never join across them.
struct Prose {
  std::string text;
  std::vector<uint32_t> origin;  // fragment offset of each byte of text
};

inline Prose prose_of(const std::vector<InlineToken>& tokens) {
  Prose p;
  auto add = [&](std::string_view s, uint32_t at, bool map_each) {
    for (size_t i = 0; i < s.size(); ++i) {
      p.text.push_back(s[i]);
      p.origin.push_back(map_each ? at + static_cast<uint32_t>(i) : at);
    }
  };
  for (const InlineToken& t : tokens) {
    switch (t.kind) {
      case InlineKind::Text: add(t.text, t.offset, true); break;
      case InlineKind::Escape: add(t.detail, t.offset, false); break;
      default:
        if (p.text.empty() || p.text.back() != '\x1F') add("\x1F", t.offset, false);
        break;
    }
  }
  return p;
}

// Counts of keys, for multiset comparisons.
using Counts = std::map<std::string, int>;

// Keys whose count in `a` exceeds their count in `b`, each as many times.
inline std::vector<std::string> missing_from(const Counts& a, const Counts& b) {
  std::vector<std::string> out;
  for (const auto& [k, n] : a) {
    auto it = b.find(k);
    int m = it == b.end() ? 0 : it->second;
    for (int i = m; i < n; ++i) out.push_back(k);
  }
  return out;
}

inline std::string join_quoted(const std::vector<std::string>& items, size_t max = 3) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < max; ++i) {
    if (i) out += ", ";
    out += '"';
    out += items[i];
    out += '"';
  }
  if (items.size() > max) out += ", ...";
  return out;
}

}  // namespace tmlint::qa
