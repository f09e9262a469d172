#pragma once
// Normalised forms of segment text for comparing segments with each other
// (the consistency rules) and finding glossary terms in them (term-mismatch,
// dnt-violated). Unicode work is ICU's: NFC/NFKC normalisation, case
// folding and word boundaries; nothing here splits on spaces.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>

namespace tmlint {

// Unicode NFC of UTF-8 text (invalid bytes become U+FFFD).
std::string nfc(std::string_view utf8);

// What two segments must share to be "the same text": the visible text
// (entities decoded, no HTML tags, no link URLs, no emphasis markers or
// escapes) with inline code kept verbatim, in NFC, every run of Unicode
// white space (NBSP, U+3000 too) one space, trimmed.
std::string segment_form(std::string_view markdown);
// The last steps of segment_form, for a text already visible (NFC, white
// space collapsed): segment_form(m) == normalize_visible(visible_text(m))
// when m has no inline code.
std::string normalize_visible(std::string_view visible);
// segment_form as SegmentTextCache::form computes it, from the visible text
// when there is no inline code: the batch phase computes some forms again
// from the raw texts in the facts and must get the same bytes.
std::string form_of_markdown(std::string_view markdown);

namespace detail {
// True when NFC leaves the UTF-8 text as it is by a cheap test: every code
// point is ASCII, U+0080..U+02FF, kana and CJK (U+3000..U+9FFF but the
// combining U+302A..U+302F, U+3099, U+309A), a Hangul syllable, a
// full-width form or white space other than U+2000 and U+2001, each with
// NFC_Quick_Check=Yes and combining class 0 (UAX #15). False is "not
// known": ICU's quick check decides.
bool surely_nfc(std::string_view utf8);
}  // namespace detail

// A looser form for telling variants apart: NFKC with case folded (so
// full-width and half-width forms, and case, are one), white space and
// punctuation removed. Two translations with the same loose form differ only
// in spacing, width, case or punctuation.
std::string loose_form(std::string_view text);

// True when the text has a letter or digit outside inline code.
bool has_letter_or_digit(std::string_view text);
// The same for a text already visible (visible_text): has_letter_or_digit(m)
// == has_letter_or_digit_visible(visible_text(m)) when m has no backtick.
bool has_letter_or_digit_visible(std::string_view visible);

// A term compiled for TermFinder: NFC, and case-folded when insensitive.
struct TermPattern {
  icu::UnicodeString text;
  bool case_sensitive = true;
};
TermPattern compile_term(std::string_view term, bool case_sensitive);

// Finds terms in one text at a time. With `whole_words`, a match must start
// and end on an ICU word boundary, except next to a CJK character (Han, kana,
// Hangul, full-width forms: there a substring is a match, because those
// scripts do not separate words) or before an apostrophe ("Microsoft's").
// Not thread-safe: one per thread.
class TermFinder {
 public:
  TermFinder();
  ~TermFinder();
  TermFinder(const TermFinder&) = delete;
  TermFinder& operator=(const TermFinder&) = delete;

  void set_text(std::string_view utf8);  // the text is taken in NFC
  bool contains(const TermPattern& term, bool whole_words);

 private:
  bool edge_ok(int32_t offset);
  icu::UnicodeString text_, folded_;
  bool folded_ready_ = false;
  bool breaks_ready_ = false;
  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace tmlint
