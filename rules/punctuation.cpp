// punctuation: end punctuation and spacing of a segment's target against
// the conventions of its locale. For ja and zh targets:
//   - a sentence of the source ends with '.', and the target's last
//     character is an ASCII '.' right after a CJK character (should be '。');
//   - a space before '。' or '、' (or '，' for zh);
//   - for zh, ASCII '?' '!' ',' ':' ';' right after a CJK character ('？' '！'
//     '，' '：' '；', GB/T 15834). Not for ja: Microsoft's ja-JP documents
//     use the ASCII '?' and '!' (all 1,000+ questions of the corpus do).
// For every locale: a run of two spaces inside the prose that the source does
// not have. Options: `conventions: false` turns the locale checks off,
// `double-space: false` the spacing check. Locales other than ja and zh have
// no end-punctuation check (no convention configured).
#include <fmt/format.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "qa_common.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

bool is_cjk(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

// The code point that ends at byte `end` of s (0 when none).
UChar32 before(std::string_view s, size_t end) {
  if (end == 0) return 0;
  int32_t i = static_cast<int32_t>(end);
  UChar32 c;
  U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, i);
  int32_t j = i;
  U8_NEXT(s.data(), j, static_cast<int32_t>(end), c);
  return c;
}

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t' || s.back() == '\x1F'))
    s.remove_suffix(1);
  return s;
}

bool has_double_space(std::string_view prose) {
  size_t start = prose.find_first_not_of(" \n");
  if (start == std::string_view::npos) return false;
  size_t end = prose.find_last_not_of(" \n\x1F");
  if (end == std::string_view::npos) return false;  // only spaces and boundaries
  for (size_t i = start; i + 1 < end; ++i)
    if (prose[i] == ' ' && prose[i + 1] == ' ' && (i + 2 >= prose.size() || prose[i + 2] != '\n')) return true;
  return false;
}

void check(const ArticleContext& ctx) {
  std::string locale = qa::article_locale(ctx);
  std::string_view language = qa::language_of(locale);
  bool conventions = ctx.options.get_bool("conventions", true) && (language == "ja" || language == "zh");
  bool double_space = ctx.options.get_bool("double-space", true);
  for (size_t seg = 0; seg < ctx.article.segments.size(); ++seg) {
    const Segment& s = ctx.article.segments[seg];
    if (!s.has_source) continue;
    const Prose& target = ctx.text.prose(seg, Side::Target);
    std::string_view t = target.text;
    std::vector<std::string> problems;
    if (conventions) {
      const Prose& source = ctx.text.prose(seg, Side::Source);
      std::string_view st = trim_end(source.text), tt = trim_end(t);
      if (!st.empty() && st.back() == '.' && !tt.empty() && tt.back() == '.' && is_cjk(before(tt, tt.size() - 1)))
        problems.push_back("ends with '.' instead of '。'");
      for (std::string_view mark : {"\xE3\x80\x82", "\xE3\x80\x81", "\xEF\xBC\x8C"}) {  // 。 、 ，
        if (mark == "\xEF\xBC\x8C" && language != "zh") continue;
        size_t at = t.find(mark);
        while (at != std::string_view::npos && !(at > 0 && t[at - 1] == ' ')) at = t.find(mark, at + 1);
        if (at != std::string_view::npos) {
          problems.push_back(fmt::format("a space before '{}'", mark));
          break;
        }
      }
      std::string_view ascii = language == "zh" ? "?!,:;" : "";
      for (size_t i = 1; i < t.size(); ++i) {
        if (ascii.find(t[i]) == std::string_view::npos) continue;
        if (i + 1 < t.size() && t[i + 1] != ' ' && t[i + 1] != '\n' && t[i + 1] != '\x1F' &&
            static_cast<unsigned char>(t[i + 1]) < 0x80)
          continue;  // part of a token ("a?b", "x!=y")
        if (!is_cjk(before(t, i))) continue;
        problems.push_back(fmt::format("ASCII '{}' after a {} character (full-width expected)", t[i], language));
        break;
      }
    }
    if (double_space && has_double_space(t)) {
      const Prose& source = ctx.text.prose(seg, Side::Source);
      if (!has_double_space(source.text)) problems.push_back("two spaces in a row");
    }
    if (problems.empty()) continue;
    std::string message = fmt::format("segment {}: punctuation: ", s.id);
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i) message += "; ";
      message += problems[i];
    }
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "punctuation",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "End punctuation and spacing of the target against its locale's conventions"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
