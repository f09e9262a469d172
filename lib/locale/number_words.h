#pragma once
// Numbers written as words, in both directions, from CLDR's rule-based
// number formats through ICU (RuleBasedNumberFormat): "drei", "cinq",
// "vingt et un", "两", "第二", "二十" parse to their values, and 3 spells
// "trois" in French. No word list is typed in here.
//
// Parsing with ICU is slow (tens of microseconds), so results are memoised
// per locale and word; every call is thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace tmlint {

class LocaleProfile;

// The value of `words` when the whole of it is a spelled-out cardinal or
// ordinal number in the locale ("cinquante" 50, "第二" 2, "两" 2), else empty.
// Digits are not words: "12" gives empty (read digits yourself).
std::optional<double> parse_number_words(const LocaleProfile& locale, std::string_view words);

// `value` spelled out in the locale ("trois", "三"), or empty when ICU has no
// spellout rules for it.
std::string spell_number(const LocaleProfile& locale, double value);

}  // namespace tmlint
