#include "number_mismatch_locale.h"

#include <unicode/dtfmtsym.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <map>
#include <memory>
#include <mutex>

namespace tmlint {
namespace {

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::Locale icu_locale(std::string_view tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(tag.empty() ? "und" : std::string(tag), status);
  return U_FAILURE(status) ? icu::Locale::getRoot() : loc;
}

// The rule sets that spell a plain number: cardinals (every gender and case)
// and ordinals. Years ("元", "一〇〇〇"), days ("初一") and the financial
// numerals (壹, 贰) are how a date or a cheque is written, not prose; the
// "verbose" sets only add "and" above a hundred.
bool prose_rule_set(const std::string& name) {
  if (name.find("year") != std::string::npos || name.find("days") != std::string::npos ||
      name.find("financial") != std::string::npos || name.find("verbose") != std::string::npos)
    return false;
  return name.find("spellout-cardinal") != std::string::npos || name.find("spellout-ordinal") != std::string::npos ||
         name == "%spellout-numbering";
}

// Words of a spelled-out number: split at spaces and hyphens, soft hyphens
// (which German and Italian rules put between the parts) removed.
std::vector<std::string> words_of(const std::string& spelled) {
  std::vector<std::string> out;
  std::string word;
  for (size_t i = 0; i < spelled.size();) {
    if (spelled.compare(i, 2, "\xC2\xAD") == 0) {  // U+00AD soft hyphen
      i += 2;
      continue;
    }
    char c = spelled[i];
    if (c == ' ' || c == '-') {
      if (!word.empty()) out.push_back(lower_word(word));
      word.clear();
    } else {
      word.push_back(c);
    }
    ++i;
  }
  if (!word.empty()) out.push_back(lower_word(word));
  return out;
}

bool is_han_or_hangul(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return U_SUCCESS(status) && (script == USCRIPT_HAN || script == USCRIPT_HANGUL);
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

UChar32 last_code_point(const std::string& s) {
  if (s.empty()) return -1;
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

void add_spellouts(const icu::Locale& loc, NumberLocale& out) {
  UErrorCode status = U_ZERO_ERROR;
  icu::RuleBasedNumberFormat rbnf(icu::URBNF_SPELLOUT, loc, status);
  if (U_FAILURE(status)) return;
  std::vector<double> values;
  for (int v = 0; v <= 100; ++v) values.push_back(v);
  for (int v = 200; v <= 1000; v += 100) values.push_back(v);
  for (int v = 2000; v <= 10000; v += 1000) values.push_back(v);
  for (double v : {2e4, 5e4, 1e5, 1e6, 2e6, 5e6, 1e7, 1e8, 1e9, 2e9, 5e9, 1e12}) values.push_back(v);
  auto spell = [&](double v) {
    icu::UnicodeString s;
    rbnf.format(v, s);
    return utf8(s);
  };
  bool has_cardinal = false;  // then "%spellout-numbering" spells the same words again
  for (int32_t r = 0; r < rbnf.getNumberOfRuleSetNames(); ++r)
    has_cardinal = has_cardinal || utf8(rbnf.getRuleSetName(r)).starts_with("%spellout-cardinal");
  for (int32_t r = 0; r < rbnf.getNumberOfRuleSetNames(); ++r) {
    icu::UnicodeString name = rbnf.getRuleSetName(r);
    std::string n = utf8(name);
    if (!prose_rule_set(n) || (has_cardinal && n == "%spellout-numbering")) continue;
    status = U_ZERO_ERROR;
    rbnf.setDefaultRuleSet(name, status);
    if (U_FAILURE(status)) continue;
    bool cardinal = n.find("ordinal") == std::string::npos;
    for (double v : values) {
      std::string spelled = spell(v);
      if (spelled.empty() || (spelled[0] >= '0' && spelled[0] <= '9')) continue;  // "1000000." in Russian ordinals
      out.spelled.emplace(spelled_key(spelled), v);
      for (std::string& w : words_of(spelled)) out.number_words.insert(std::move(w));
      const char* p = spelled.c_str();
      int32_t i = 0, len = static_cast<int32_t>(spelled.size());
      while (i < len) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        if (c > 0 && is_han(c)) out.han_numerals.insert(c);
      }
    }
    if (!cardinal) continue;
    // "deux millions": the last word of a number of several words that
    // ends in a power of ten multiplies what comes before it.
    for (int power : {3, 6, 9, 12})
      for (double k : {1.0, 2.0, 5.0}) {
        double v = k;
        for (int e = 0; e < power; ++e) v *= 10;
        std::vector<std::string> words = words_of(spell(v));
        if (words.size() >= 2) out.multiplier_words.emplace(words.back(), power);
      }
  }
  // 十 百 千 万 亿: the character a power of ten ends with, when it is Han
  // or Hangul ("一万", "만"), in the locale's default rule set.
  status = U_ZERO_ERROR;
  rbnf.setDefaultRuleSet(icu::UnicodeString(), status);
  if (U_FAILURE(status)) return;
  for (int power : {1, 2, 3, 4, 8, 12}) {
    double v = 1;
    for (int e = 0; e < power; ++e) v *= 10;
    UChar32 c = last_code_point(spell(v));
    if (c > 0 && is_han_or_hangul(c)) out.unit_characters.emplace(c, power);
  }
}

void add_months(const icu::Locale& loc, NumberLocale& out) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(loc, status);
  if (U_FAILURE(status)) return;
  for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE})
    for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* names = symbols.getMonths(count, context, width);
      for (int32_t m = 0; m < count && m < 12; ++m) {
        std::string name = lower_word(utf8(names[m]));
        while (!name.empty() && name.back() == '.') name.pop_back();
        bool digit = false;
        std::string rest;  // "1月" without its digits: the mark of a month written in digits
        for (char c : name) {
          digit = digit || (c >= '0' && c <= '9');
          if (c < '0' || c > '9') rest.push_back(c);
        }
        if (!name.empty() && !digit) out.months.emplace(name, m + 1);
        if (digit && !rest.empty() && width == icu::DateFormatSymbols::ABBREVIATED) {
          if (m == 0) out.month_marker = rest;
          else if (rest != out.month_marker) out.month_marker.clear();
        }
      }
    }
}

// The literal that follows the hour in the locale's pattern for skeleton
// "H": "HH 'h'" (fr), "HH 'Uhr'" (de), "H時" (ja), "HH" (en: nothing).
// CLDR's availableFormats/H of the Gregorian calendar, read from ICU's
// resource bundles (a DateTimePatternGenerator gives the same pattern, at
// a hundred times the cost), walking the locale's parents: fr_CA to fr.
std::string marker_for(std::string_view tag, const char* skeleton) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc = icu_locale(tag);
  std::string name = loc.getName();
  std::string pattern;
  for (int guard = 0; !name.empty() && guard < 8 && pattern.empty(); ++guard) {
    status = U_ZERO_ERROR;
    UResourceBundle* bundle = ures_open(nullptr, name.c_str(), &status);
    UResourceBundle* calendar = ures_getByKey(bundle, "calendar", nullptr, &status);
    UResourceBundle* gregorian = ures_getByKey(calendar, "gregorian", nullptr, &status);
    UResourceBundle* formats = ures_getByKey(gregorian, "availableFormats", nullptr, &status);
    UResourceBundle* h = ures_getByKey(formats, skeleton, nullptr, &status);
    int32_t len = 0;
    const UChar* u = ures_getString(h, &len, &status);
    if (U_SUCCESS(status)) pattern = utf8(icu::UnicodeString(u, len));
    for (UResourceBundle* r : {h, formats, gregorian, calendar, bundle}) ures_close(r);
    char parent[ULOC_FULLNAME_CAPACITY];
    status = U_ZERO_ERROR;
    uloc_getParent(name.c_str(), parent, sizeof parent, &status);
    name = U_SUCCESS(status) ? parent : "";
  }
  std::string marker;
  for (char c : pattern)
    if (c != skeleton[0] && c != '\'' && c != ' ') marker.push_back(c);
  return marker;
}

}  // namespace

std::string lower_word(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(word);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  u.toLower(icu::Locale::getRoot());
  return utf8(u);
}

std::string spelled_key(std::string_view words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words.compare(i, 2, "\xC2\xAD") == 0) {
      ++i;
      continue;
    }
    out.push_back(words[i] == '-' ? ' ' : words[i]);
  }
  return lower_word(out);
}

const std::string& hour_marker(std::string_view tag) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::string, std::string, std::less<>>();
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache->find(tag); it != cache->end()) return it->second;
  return cache->emplace(std::string(tag), marker_for(tag, "H")).first->second;
}

const NumberLocale& number_locale(std::string_view tag) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::string, std::unique_ptr<NumberLocale>, std::less<>>();
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache->find(tag); it != cache->end()) return *it->second;
  auto built = std::make_unique<NumberLocale>();
  icu::Locale loc = icu_locale(tag);
  add_spellouts(loc, *built);
  add_months(loc, *built);
  built->day_marker = marker_for(tag, "d");
  built->year_marker = marker_for(tag, "y");
  return *cache->emplace(std::string(tag), std::move(built)).first->second;
}

}  // namespace tmlint
