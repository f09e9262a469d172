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
#include <vector>

namespace tmlint {

class LocaleProfile;

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
};

// The numbers of an English source's prose. `source` is the profile of the
// source language, whose data file (en.yaml, number-mismatch) holds the
// idioms, the units a number may be glued to, and the words of comparison.
std::vector<Mention> source_mentions(std::string_view prose, const LocaleProfile& source);

// The numbers of a target's prose, in every reading the locale allows, with
// its spelled-out numbers and month names (word mentions).
std::vector<Mention> target_mentions(std::string_view prose, const LocaleProfile& target);

// True when `prose` has an ASCII digit (the cheap exit of the rule).
bool has_ascii_digit(std::string_view s);

}  // namespace tmlint
