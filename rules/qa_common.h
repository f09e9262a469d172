#pragma once
#include <cstring>
// Helpers shared by the segment QA rules (inline-code-mismatch,
// number-mismatch, markup-mismatch, ...). Every one of them reads segment
// text through the one inline lexer (lib/text/inline_lexer.h), so a link's URL,
// an HTML tag or a code span is never taken for prose.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "text/inline_lexer.h"
#include "text/segment_text_cache.h"

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

// Prose and prose_of live in lib/text/segment_text_cache.h (the per-article cache).
using tmlint::Prose;
using tmlint::prose_of;

// True when `s` holds any byte of `set`. The cheap exits of the QA rules
// ask this of every segment; std::string_view::find_first_of calls memchr
// on the set once per byte of `s`, which was 5% of a whole check.
// A small set is searched a byte at a time by memchr (vectorised), which
// reads a text that has none of them (the usual answer) several times
// faster than a table lookup per byte.
inline bool contains_any_of(std::string_view s, std::string_view set) {
  if (s.empty()) return false;
  if (set.size() <= 8) {
    for (size_t k = 0; k < set.size(); ++k)
      if (set.find(set[k]) == k && std::memchr(s.data(), set[k], s.size())) return true;
    return false;
  }
  bool in_set[256] = {};
  for (char c : set) in_set[static_cast<unsigned char>(c)] = true;
  for (char c : s)
    if (in_set[static_cast<unsigned char>(c)]) return true;
  return false;
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
