#pragma once
// The numbers of one side of a segment, as number-mismatch compares them:
// each a "mention" standing for one or more canonical values, so that two
// spellings of one value meet ("50,000" of the source and "50 000",
// "50，000", "5 万" or "cinquante mille" of a target all stand for 50000).
//
// Values are strings: a number in canonical form ("50000", "0.5", "1.17.0"
// for a version), a time ("18:00"). A source number names every form a
// translator may legitimately give it ("6 PM": "18:00", "6:00", "18", "6";
// "2/11/17" is three mentions, 2, 11 and 17 or 2017); a target number names
// every reading its text allows (the locale's CLDR separators, the English
// ones MT keeps, full-width forms, space grouping).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "number_mismatch_locale.h"

namespace tmlint {

class LocaleProfile;

// What the scanner knows of one side's language, gathered once per article:
// its CLDR tables and its data file's keys (under number-mismatch).
struct Conventions {
  explicit Conventions(const LocaleProfile& profile);
  const LocaleProfile& profile;
  const NumberLocale& tables;
  // Of the source language (en.yaml): phrases whose numbers may be dropped,
  // letters a quantity may be glued to before and after it, "more than",
  // the words after which "1 month" may be "the month".
  const std::vector<std::string>&idioms, &units, &prefixes, &more_than, &less_than, &implicit_one;
  // Of a target: the marks of an hour (CLDR's and the data file's), words
  // that multiply ("Mio. 6"), words that say 100% ("全額").
  std::vector<std::string> hour_markers;
  std::vector<std::pair<std::string, int>> multipliers;
  const std::vector<std::string>& hundred_percent_words;
  const std::vector<std::string>& back_references;  // "ce délai": a number said in the sentence before
};

// The conventions of a profile, gathered on first use and kept for the
// process (profiles from locale_profile() live as long); thread-safe.
const Conventions& conventions_of(const LocaleProfile& profile);

struct Mention {
  enum class Kind : uint8_t {
    Required,  // a quantity the target must have
    Optional,  // may be dropped: a number word, a month name, an idiom ("24/7")
    Name,      // digits inside a name ("21Vianet", "FY21", "COVID-19"): compared only
               // when the target keeps the name (key) with other digits
  };
  Kind kind = Kind::Required;
  bool word = false;                // spelled out or a month name, not digits
  std::vector<std::string> values;  // the canonical values it stands for
  std::string shown;                // as written: "50,000", "FY21"; for a part, the part ("17")
  std::string whole;                // the token a part comes from ("2/11/17"), else empty
  std::string digits;               // its digits, to tell a changed number from another one
  std::string key;                  // the letters around glued digits: "fy#", "#vianet", "covid-#"
  uint32_t at = 0;                  // first byte in the prose
  bool percent = false;             // followed by '%' ("100%", which a target may say as "全額")
  bool alias = false;               // a target's date or range as written, besides its parts: never a change
  // Its part in a date, where the text says: the month ("March", "3 月",
  // "mars"), the day ("March 3", "3 日"), the year ("2021", "2021 年"); any
  // other number is Any. A month meets only a month, a day only a day, so
  // that "March 3" and "5 月 3 日" differ by the month, not the day, and
  // "July 14" is not "14 年 7 月".
  enum class Role : uint8_t { Any, Month, Day, Year };
  Role role = Role::Any;
};

inline bool roles_meet(Mention::Role a, Mention::Role b) {
  return a == Mention::Role::Any || b == Mention::Role::Any || a == b;
}

// The numbers of an English source's prose.
// Without `words`, only its digits and the month names of its dates (the
// cheap pass: most segments need no more).
std::vector<Mention> source_mentions(std::string_view prose, const Conventions& source, bool words = true);

// The numbers of a target's prose, in every reading the locale allows, with
// its spelled-out numbers and month names (word mentions).
// Without `words`, only its digits. `english` for the English month names
// and number words MT leaves in a target.
std::vector<Mention> target_mentions(std::string_view prose, const Conventions& target, const Conventions& english,
                                     bool words = true);

// True when the target writes every number of the source exactly as the
// source does (with the letters glued to it: "FY21", "v5.0", "6PM") and the
// source has no date with a month name: then every mention matches, and the
// rule needs to read no further (most segments end here).
bool digits_kept(std::string_view source_prose, std::string_view target_prose, const Conventions& source);

// True when `prose` has an ASCII digit (the cheap exit of the rule).
bool has_ascii_digit(std::string_view s);

}  // namespace tmlint
