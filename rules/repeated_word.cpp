// repeated-word: the same word twice in a row in a segment's target ("the
// the", "Microsoft Microsoft"), when its source does not repeat it.
//
// Words are maximal runs of letters and digits (ICU properties) in the
// prose (tokenize_inline: no code, URL or tag), compared case-insensitively,
// separated by whitespace only. Words in Han, Hiragana, Katakana or Hangul are
// never compared: reduplication is grammar there (時々, いろいろ, 様々). Numbers
// are not words ("1 1" is a table of values).
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <set>

#include "qa_common.h"

namespace tmlint {
namespace {

struct WordSpan {
  std::string lower;
  size_t begin, end;
  bool cjk, has_letter;
};

std::vector<WordSpan> words(std::string_view s) {
  std::vector<WordSpan> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t b = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0 || !(u_isalnum(c) || c == '\'')) continue;
    if (c == '\'') continue;
    WordSpan w{{}, static_cast<size_t>(b), 0, false, false};
    int32_t j = b;
    while (j < n) {
      int32_t k = j;
      UChar32 d;
      U8_NEXT(s.data(), k, n, d);
      if (d < 0 || !(u_isalnum(d) || (d == '\'' && k < n && u_isalpha(static_cast<unsigned char>(s[k]))))) break;
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode script = uscript_getScript(d, &status);
      if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
          script == USCRIPT_HANGUL)
        w.cjk = true;
      if (u_isalpha(d)) w.has_letter = true;
      j = k;
      if (w.cjk) continue;  // never compared: no need for its lower case
      UChar32 l = u_tolower(d);
      char buf[4];
      int32_t len = 0;
      UBool error = false;
      U8_APPEND(buf, len, 4, l, error);
      (void)error;
      w.lower.append(buf, static_cast<size_t>(len));
    }
    w.end = static_cast<size_t>(j);
    i = j;
    out.push_back(std::move(w));
  }
  return out;
}

// Doubled words of a prose text.
std::vector<std::string> doubled(std::string_view text) {
  std::vector<std::string> out;
  std::vector<WordSpan> ws = words(text);
  for (size_t i = 1; i < ws.size(); ++i) {
    const WordSpan& a = ws[i - 1];
    const WordSpan& b = ws[i];
    if (a.cjk || b.cjk || !a.has_letter || a.lower != b.lower) continue;
    std::string_view between = text.substr(a.end, b.begin - a.end);
    if (between.empty() || between.find_first_not_of(" \t\n\r") != std::string_view::npos) continue;
    out.push_back(std::string(text.substr(a.begin, a.end - a.begin)));
  }
  return out;
}

void check(const ArticleContext& ctx) {
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    std::vector<std::string> found = doubled(target.text);
    if (found.empty()) continue;
    const Prose& source = ctx.text.prose(i, Side::Source);
    std::set<std::string> in_source;
    for (const std::string& w : doubled(source.text)) {
      std::string l;
      for (const WordSpan& x : words(w)) l += x.lower;
      in_source.insert(l);
    }
    for (const std::string& w : found) {
      std::string l;
      for (const WordSpan& x : words(w)) l += x.lower;
      if (in_source.count(l)) continue;
      ctx.report(s.target.location, fmt::format("segment {}: the word \"{}\" is repeated in the target", s.id, w),
                 s.id);
      break;
    }
  }
}

TMLINT_RULE({.info = {.id = "repeated-word",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "A word is doubled in the target (not in CJK scripts)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
