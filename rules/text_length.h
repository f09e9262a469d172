#pragma once
// How long a segment's text is for length-ratio and repeated-text: the
// letters of its prose (no code, URL or tag, which the prose leaves out),
// without numbers, and, when both sides are compared, without what the
// translation copies unchanged (product names, SKU codes, GUIDs: Latin-script
// tokens present verbatim in both sides). A source that is mostly names
// ("Forms Pro Addl Responses for GCC Offer ID: ac14473c-...") says nothing of
// how long its translation should be; only its translatable part does.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "locale/locale_profile.h"

namespace tmlint::text_length {

// A code point and its bytes in the text (a segment's text is far under
// 4 GB: the loader's limits), 12 bytes.
struct CodePoint {
  UChar32 c;
  uint32_t begin, end;
};

// Fills `out` (cleared first) with the code points of `s`. Callers that
// measure every segment keep one buffer for all of them: a vector per
// segment and side was a large part of length-ratio's malloc traffic.
inline void code_points(std::string_view s, std::vector<CodePoint>& out) {
  out.clear();
  out.reserve(s.size());  // at most one code point per byte
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t b = i;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back({static_cast<unsigned char>(s[i]), static_cast<uint32_t>(b), static_cast<uint32_t>(i + 1)});
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back({c < 0 ? 0xFFFD : c, static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
  }
}

inline std::vector<CodePoint> code_points(std::string_view s) {
  std::vector<CodePoint> out;
  code_points(s, out);
  return out;
}

// A letter counts toward a length; a digit does not (numbers are copied or
// reformatted, "6:00 PM" as "18 h", never translated).
// The letters of the common CJK blocks, decided without ICU (most of a
// ja or zh target): Han, kana, Hangul syllables.
inline bool common_cjk_letter(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
         (c >= 0xAC00 && c <= 0xD7A3);
}

inline bool is_letter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return common_cjk_letter(c) || u_isalpha(c) != 0;
}

inline bool is_word_char(UChar32 c) {
  if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
  return common_cjk_letter(c) || u_isalnum(c) != 0;
}

// White space or a markup boundary (the prose's '\x1F'); CJK text decided
// without ICU.
inline bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\x1F' || (c >= '\t' && c <= '\r');
  if (c > 0x3000 && c < 0xFF00) return false;
  return u_isUWhiteSpace(c) != 0;
}

inline size_t letter_count(std::string_view text) {
  size_t n = 0;
  for (int32_t k = 0, len = static_cast<int32_t>(text.size()); k < len;) {
    unsigned char b = static_cast<unsigned char>(text[k]);
    if (b < 0x80) {  // the English source: one byte, no decoding
      n += static_cast<unsigned>((b | 0x20) - 'a') < 26;
      ++k;
      continue;
    }
    UChar32 c;
    U8_NEXT(text.data(), k, len, c);
    n += c >= 0 && is_letter(c);
  }
  return n;
}

// letter_count(text), and in `latin` how many of those letters are of the
// Latin script (the letters latin_tokens can hold: a bound on what
// copied_tokens can take away from a side).
inline size_t letter_count(std::string_view text, size_t& latin) {
  size_t n = 0;
  latin = 0;
  for (int32_t k = 0, len = static_cast<int32_t>(text.size()); k < len;) {
    unsigned char b = static_cast<unsigned char>(text[k]);
    if (b < 0x80) {
      bool letter = static_cast<unsigned>((b | 0x20) - 'a') < 26;
      n += letter;
      latin += letter;
      ++k;
      continue;
    }
    UChar32 c;
    U8_NEXT(text.data(), k, len, c);
    if (c >= 0 && is_letter(c)) {
      ++n;
      latin += c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF);
    }
  }
  return n;
}

// Byte ranges of a text that do not count toward its length.
struct Range {
  size_t begin, end;
};

// The Latin-script tokens of a text (runs of letters and digits, joined by
// '.', '-', '_' or an apostrophe between them: "nuget.org", "add-on",
// "ac14473c-8e5d-4e44"), with their byte ranges. Tokens of other scripts
// end at the first letter of that script, so "面向GCC的" has "GCC".
struct Token {
  std::string_view text;
  Range at;
};

inline bool latin_or_digit(UChar32 c) {
  if (c < 0x80) return is_word_char(c);
  // Latin-1 to Latin Extended-B, and Latin Extended Additional (Vietnamese).
  if (!(c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF))) return false;
  return u_isalnum(c) != 0;
}

inline void latin_tokens(std::string_view text, const std::vector<CodePoint>& cps, std::vector<Token>& out) {
  out.clear();
  size_t i = 0;
  while (i < cps.size()) {
    if (!latin_or_digit(cps[i].c)) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < cps.size()) {
      if (latin_or_digit(cps[i].c)) {
        ++i;
      } else if ((cps[i].c == '.' || cps[i].c == '-' || cps[i].c == '_' || cps[i].c == '\'' || cps[i].c == 0x2019) &&
                 i + 1 < cps.size() && latin_or_digit(cps[i + 1].c)) {
        i += 2;
      } else {
        break;
      }
    }
    Range r{cps[b].begin, cps[i - 1].end};
    out.push_back({text.substr(r.begin, r.end - r.begin), r});
  }
}

inline std::vector<Token> latin_tokens(std::string_view text, const std::vector<CodePoint>& cps) {
  std::vector<Token> out;
  latin_tokens(text, cps, out);
  return out;
}

// A token that names something rather than says it: an upper-case letter, a
// digit or a joiner in it ("Azure", "CRMOL", "add-on", "GUID-like"). A
// lower-case word copied into a CJK target is part of an English sentence
// kept as a gloss ("*No users found with skills data.* (スキル データの...)"),
// which counts on both sides as it did before; in a Latin-script target it
// is the same word in both languages ("service", "date"), which counts the same.
inline bool name_like(std::string_view token) {
  bool ascii = true;
  for (char c : token) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') return true;
    ascii &= static_cast<unsigned char>(c) < 0x80;
  }
  if (ascii) return false;  // a lower-case English word: nothing to decode
  // Non-ASCII capitals (É, Ö) too.
  for (int32_t i = 0, n = static_cast<int32_t>(token.size()); i < n;) {
    UChar32 c;
    U8_NEXT(token.data(), i, n, c);
    if (c >= 0x80 && u_isupper(c)) return true;
  }
  return false;
}

// What both sides share verbatim: each name-like Latin-script token of the
// source that the target has too (case-sensitive, as many times as both have it).
// For a text w that the source has s times (name-like) and the target t
// times, the first min(s, t) of each side are copied: the same pairs as
// matching each source token with the target's first unused equal one, found
// by sorting the source's few name-like tokens instead of all the target's.
inline void copied_tokens(std::string_view source, const std::vector<CodePoint>& scps, std::string_view target,
                          const std::vector<CodePoint>& tcps, std::vector<Range>& in_source,
                          std::vector<Range>& in_target) {
  struct Scratch {
    std::vector<Token> st, tt;
    std::vector<uint32_t> names;  // indexes into st of the name-like tokens, sorted by text
    std::vector<uint32_t> group;  // per source token: its text's first entry in `names`, or kNone
    std::vector<uint32_t> count, in_target, taken;  // per first entry: source copies, target copies, taken
  };
  constexpr uint32_t kNone = UINT32_MAX;
  thread_local Scratch x;
  latin_tokens(source, scps, x.st);
  if (x.st.empty()) return;
  const std::vector<Token>& st = x.st;
  x.names.clear();
  for (size_t k = 0; k < st.size(); ++k)
    if (name_like(st[k].text)) x.names.push_back(static_cast<uint32_t>(k));
  if (x.names.empty()) return;
  latin_tokens(target, tcps, x.tt);
  if (x.tt.empty()) return;
  std::sort(x.names.begin(), x.names.end(),
            [&](uint32_t a, uint32_t b) { return st[a].text != st[b].text ? st[a].text < st[b].text : a < b; });
  const size_t m = x.names.size();
  x.group.assign(st.size(), kNone);
  x.count.assign(m, 0);
  x.in_target.assign(m, 0);
  x.taken.assign(m, 0);
  for (size_t p = 0, g = 0; p < m; ++p) {
    if (st[x.names[p]].text != st[x.names[g]].text) g = p;
    x.group[x.names[p]] = static_cast<uint32_t>(g);
    ++x.count[g];
  }
  for (const Token& t : x.tt) {
    auto it = std::lower_bound(x.names.begin(), x.names.end(), t.text,
                               [&](uint32_t k, std::string_view v) { return st[k].text < v; });
    if (it == x.names.end() || st[*it].text != t.text) continue;
    size_t g = static_cast<size_t>(it - x.names.begin());
    if (x.in_target[g] >= x.count[g]) continue;
    ++x.in_target[g];
    in_target.push_back(t.at);
  }
  for (size_t k = 0; k < st.size(); ++k) {
    uint32_t g = x.group[k];
    if (g == kNone || x.taken[g] >= x.in_target[g]) continue;
    ++x.taken[g];
    in_source.push_back(st[k].at);
  }
}

// True when byte `at` lies in one of `ranges` (sorted by begin; `next` is a
// cursor that only moves forward).
inline bool in_ranges(const std::vector<Range>& ranges, size_t at, size_t& next) {
  while (next < ranges.size() && ranges[next].end <= at) ++next;
  return next < ranges.size() && ranges[next].begin <= at;
}

// The locale's usual target/source ratio of letters: the rule option
// `usual-ratio`, else the data file's `length-ratio: usual`, else 0 (unknown).
inline double usual_ratio(const ArticleContext& ctx) {
  double fallback = ctx.locale.number("length-ratio", "usual").value_or(0);
  return ctx.options.get_double("usual-ratio", fallback);
}

}  // namespace tmlint::text_length
