#pragma once
// The one tokenizer rules share for segment text: what a reader sees of a
// raw Markdown fragment (link text without its URL, no inline code, no HTML
// tags, no emphasis markers or escapes, entities decoded, whitespace
// collapsed), and its words.
#include <string>
#include <string_view>
#include <vector>

namespace tmlint {

// Visible text of a Markdown fragment. Inline code becomes a single space.
std::string visible_text(std::string_view markdown);

// Words of English-like text: maximal runs of ASCII letters and apostrophes
// (digits break words; "A5" and "365" are not words), with a flag for
// tokens that look like names or identifiers rather than prose.
struct Word {
  std::string_view text;
  bool name_like;  // Capitalized, ALL CAPS, CamelCase, or glued
  bool glued;      // touches digits, '_', '.', '-' or '/': part of an identifier, GUID or path
};
std::vector<Word> english_words(std::string_view text);

// The form in which a segment's source is looked up in the source file:
// entities decoded, backslash escapes, emphasis markers and all whitespace
// removed, and '>' (blockquote markers of joined lines). The pipeline joins soft-wrapped lines, expands tabs, escapes '*'
// and respaces '**' (FORMAT.md §9); none of that survives this form.
std::string match_form(std::string_view markdown);

// A text for a message: whitespace runs collapsed to one space, at most
// `max` bytes, cut on a code point boundary with "..." appended.
std::string excerpt(std::string_view text, size_t max = 80);

bool is_english_stop_word(std::string_view lower_word);

// True when the text has a letter in one of the scripts used to write
// `locale` (ICU: ja -> Han, Hiragana, Katakana; ru -> Cyrillic; ...).
// `known` is set false when the locale's scripts are unknown or Latin.
bool has_locale_script_letter(std::string_view text, std::string_view locale, bool& known);

}  // namespace tmlint
