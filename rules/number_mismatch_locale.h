#pragma once
// What number-mismatch knows of how a language writes numbers, all from CLDR
// through ICU, built once per locale tag: the words of its spelled-out
// numbers (every cardinal and ordinal rule set of RuleBasedNumberFormat, so
// "une", "deuxième", "zwei", "два", "两", "第二" are all there), the words and
// Han characters that multiply the number before them ("million", "万", "億"),
// its month names (DateFormatSymbols) and the mark of its hours (CLDR's
// "H" pattern: "h" in French, "時" in Japanese).
// What CLDR does not hold stays in the data files, read by the rule.
#include <unicode/umachine.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tmlint {

class LocaleProfile;

struct NumberLocale {
  // Lower-cased words that occur in the locale's spelled-out numbers (soft
  // hyphens removed, split at spaces and hyphens): "vingt", "et", "un".
  std::unordered_set<std::string> number_words;
  // Every spelled-out number of those rule sets for 0 to 100 and the round
  // numbers above, lower-cased, hyphens as spaces, soft hyphens removed:
  // "vingt et un" 21, "deuxième" 2, "二十一" 21, "第二" 2, "两" 2. Reading a
  // word from here costs a lookup; ICU's lenient parsing is kept for the
  // rare spelling not listed ("deux mille cinq cents").
  std::unordered_map<std::string, double> spelled;
  // Lower-cased words that multiply the number written before them:
  // "million" and "millions" 6, "mille" 3 (never a word that is a whole
  // number by itself, such as German "zweitausend").
  std::unordered_map<std::string, int> multiplier_words;
  // Han characters of the spelled-out numbers (一, 二, 十, 百, 万, 两, 第),
  // empty when the locale spells numbers in another script.
  std::unordered_set<UChar32> han_numerals;
  // Han characters (or Hangul syllables) that multiply the digits before
  // them, with their power of ten: 十 1, 百 2, 千 3, 万 4, 亿/億 8.
  std::unordered_map<UChar32, int> unit_characters;
  // Lower-cased month names, wide and abbreviated, format and stand-alone
  // forms, without a final '.': "janvier", "janv", "мая", "май".
  std::unordered_map<std::string, int> months;
  // What follows a month, a day and a year written in digits, when the
  // locale marks them (from the abbreviated month names "1月" and CLDR's "d"
  // and "y" patterns "d日", "y年"): "月", "日", "年" in Japanese and Chinese,
  // "월", "일", "년" in Korean.
  std::string month_marker, day_marker, year_marker;
};

// The tables of a locale tag ("fr-fr", "zh-cn", "en"), built on first use and
// kept for the process; thread-safe.
const NumberLocale& number_locale(std::string_view tag);

// What follows the hour in the locale's CLDR pattern for an hour alone
// (availableFormats "H"): "h" (fr), "Uhr" (de), "時" (ja), "" (en).
const std::string& hour_marker(std::string_view tag);

// Lower case of a word, with the locale-independent ICU mapping.
std::string lower_word(std::string_view word);

// A spelled-out number as `spelled` keys it: lower case, '-' as ' ', soft hyphens removed.
std::string spelled_key(std::string_view words);

}  // namespace tmlint
