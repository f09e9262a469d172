// repeated-word: the same word twice in a row in a segment's target ("the
// the", "invités invités", "SQL SQL"), when its source does not repeat it.
//
// Words are ICU word-break segments (BreakIterator, the target's locale) of
// the prose (no code, URL or tag), separated by whitespace only. They are
// compared case-sensitively: "Vous vous connectez" and "Die die" at a
// sentence start are grammar, not a doubled word. The one case difference
// kept is a lower-case word followed by its capitalized form ("microsoft
// Microsoft"), which no grammar writes (German "sie Sie" is in de.yaml).
//
// Not compared: numbers ("1 1" is a table of values); Han and kana words,
// where reduplication is grammar (時々, いろいろ); a word joined by a hyphen
// to the next or previous one (Russian "что что-то", French "lui-même même
// si"); and the language's legitimate repeats, data file key
// `repeated-word: legitimate` (French reflexive "nous nous", "vous vous";
// German article + relative pronoun "die die"; ...).
#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <set>

#include "locale/locale_profile.h"
#include "qa_common.h"

namespace tmlint {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// Cheap exit, before any ICU work: some whitespace-separated token begins
// with letters that end the token before it (ASCII case ignored): "the the",
// "« Cette Cette", "silver-learning Learning". Nearly every segment has none.
bool may_repeat(std::string_view s) {
  // Bytes of the letters (and apostrophes: "l’achat") at the start of `tok`;
  // Han and kana end them, as they are never compared (and are most of a ja
  // or zh target, decided here without ICU).
  auto leading_letters = [](std::string_view tok) {
    int32_t i = 0, n = static_cast<int32_t>(tok.size());
    while (i < n) {
      unsigned char b = static_cast<unsigned char>(tok[i]);
      if (b < 0x80) {
        if (!ascii_alnum(b) && b != '\'') break;
        ++i;
        continue;
      }
      int32_t k = i;
      UChar32 c;
      U8_NEXT(tok.data(), k, n, c);
      bool han_or_kana = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF);
      if (c < 0 || han_or_kana || !(u_isalnum(c) || c == 0x2019)) break;
      i = k;
    }
    return static_cast<size_t>(i);
  };
  std::string_view prev;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    std::string_view tok = s.substr(b, i - b);
    size_t lead = leading_letters(tok);
    if (lead > 0 && prev.size() >= lead) {
      std::string_view tail = prev.substr(prev.size() - lead);
      bool same = true;
      for (size_t k = 0; k < lead && same; ++k) same = tail[k] == tok[k] || (tail[k] | 0x20) == (tok[k] | 0x20);
      if (same) return true;
    }
    prev = tok;
  }
  return false;
}

struct Word {
  size_t begin, end;
};

bool ideographic(std::string_view w) {
  for (int32_t i = 0, n = static_cast<int32_t>(w.size()); i < n;) {
    UChar32 c;
    U8_NEXT(w.data(), i, n, c);
    if (c < 0x80) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) return true;
  }
  return false;
}

// The letter words of `text` (ICU rule status "letter": no number, no kana
// or ideographic word), as byte spans.
std::vector<Word> letter_words(icu::BreakIterator& words, std::string_view text) {
  std::vector<Word> out;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return out;
  words.setText(ut, status);
  if (U_SUCCESS(status)) {
    int32_t begin = words.first();
    for (int32_t end = words.next(); end != icu::BreakIterator::DONE; begin = end, end = words.next()) {
      int32_t kind = words.getRuleStatus();
      if (kind < UBRK_WORD_LETTER || kind >= UBRK_WORD_LETTER_LIMIT) continue;
      std::string_view w = text.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
      if (ideographic(w)) continue;
      out.push_back({static_cast<size_t>(begin), static_cast<size_t>(end)});
    }
  }
  utext_close(ut);
  return out;
}

std::string lower(std::string_view w, const icu::Locale& locale) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size()))).toLower(locale).toUTF8String(out);
  return out;
}

// A hyphen between letters at `at` (U+2010 and U+2011 too).
bool hyphen_at(std::string_view t, size_t at) {
  if (at >= t.size()) return false;
  if (t[at] == '-') return true;
  return t.compare(at, 3, "\u2010") == 0 || t.compare(at, 3, "\u2011") == 0;
}

struct Doubled {
  size_t first, second;  // byte offsets of the two words in the text
  size_t length;         // bytes of each
  std::string lower;     // the word, lower case
};

// Word pairs of a text written twice in a row (see the header comment).
// `loose` (for the source, the reference of what is not the target's doing):
// any case, compounds too ("silver-learning Learning").
std::vector<Doubled> doubled(icu::BreakIterator& breaks, const icu::Locale& locale, std::string_view text,
                             bool loose = false) {
  std::vector<Doubled> out;
  if (!may_repeat(text)) return out;
  std::vector<Word> ws = letter_words(breaks, text);
  for (size_t i = 1; i < ws.size(); ++i) {
    const Word& a = ws[i - 1];
    const Word& b = ws[i];
    std::string_view between = text.substr(a.end, b.begin - a.end);
    if (between.empty() || !std::all_of(between.begin(), between.end(), is_space)) continue;
    std::string_view wa = text.substr(a.begin, a.end - a.begin);
    std::string_view wb = text.substr(b.begin, b.end - b.begin);
    if (wa.size() != wb.size()) continue;  // the case forms compared below keep their length
    std::string la = lower(wa, locale);
    if (loose) {
      if (lower(wb, locale) == la) out.push_back({a.begin, b.begin, wa.size(), std::move(la)});
      continue;
    }
    if (wa != wb) {
      // "microsoft Microsoft": the second is the first capitalized.
      if (wa != la || lower(wb, locale) != la) continue;
      int32_t k = 0, n = static_cast<int32_t>(wb.size());
      UChar32 c;
      U8_NEXT(wb.data(), k, n, c);
      if (!u_isupper(c) || wb.substr(static_cast<size_t>(k)) != wa.substr(static_cast<size_t>(k))) continue;
    }
    // Compounds: "что-то", "lui-même".
    if (hyphen_at(text, b.end) || (a.begin > 0 && (text[a.begin - 1] == '-' || (a.begin >= 3 && hyphen_at(text, a.begin - 3)))))
      continue;
    out.push_back({a.begin, b.begin, wa.size(), std::move(la)});
  }
  return out;
}

std::unique_ptr<icu::BreakIterator> word_breaks(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> out(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status)) out.reset();
  return out;
}

void check(const ArticleContext& ctx) {
  std::unique_ptr<icu::BreakIterator> breaks;  // made on the first candidate
  const icu::Locale locale(ctx.locale.tag().c_str());
  const std::vector<std::string>& legitimate = ctx.locale.list("repeated-word", "legitimate");
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    if (!may_repeat(target.text)) continue;
    if (!breaks && !(breaks = word_breaks(locale))) return;
    std::vector<Doubled> found = doubled(*breaks, locale, target.text);
    if (found.empty()) continue;
    std::set<std::string> in_source;
    for (Doubled& d : doubled(*breaks, icu::Locale::getEnglish(), ctx.text.prose(i, Side::Source).text, true))
      in_source.insert(std::move(d.lower));
    for (const Doubled& d : found) {
      if (in_source.count(d.lower)) continue;
      if (std::find(legitimate.begin(), legitimate.end(), d.lower) != legitimate.end()) continue;
      std::string pair = target.text.substr(d.first, d.second + d.length - d.first);  // as written
      std::replace(pair.begin(), pair.end(), '\n', ' ');
      Location at = ctx.article.locate(s.target.location.offset + target.origin[d.second]);
      ctx.report(at,
                 fmt::format("segment {}: \"{}\": a word written twice in a row, which the source does not do", s.id,
                             pair),
                 s.id);
      break;
    }
  }
}

TMLINT_RULE({.info = {.id = "repeated-word",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "A word is written twice in a row in the target (case-sensitive; not Han or kana; "
                                 "the language's legitimate repeats excepted)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
