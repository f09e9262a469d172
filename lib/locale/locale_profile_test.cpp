#include "locale/locale_profile.h"

#include <catch2/catch.hpp>

#include "locale/number_words.h"

using namespace tmlint;

namespace {
bool has_pair(const LocaleProfile& p, std::string_view open, std::string_view close) {
  for (const QuotePair& q : p.quotes())
    if (q.open == open && q.close == close) return true;
  return false;
}
}  // namespace

TEST_CASE("every locale data file parses", "[locale]") {
  std::vector<std::string> files = locale_data_files();
  REQUIRE(std::find(files.begin(), files.end(), "default") != files.end());
  for (const std::string& name : {"ja", "zh", "fr", "de", "es", "it", "pt", "ko", "ru", "en"})
    CHECK(std::find(files.begin(), files.end(), name) != files.end());
  for (const std::string& f : files) {
    INFO(f);
    CHECK(locale_data_error(f).empty());
  }
}

TEST_CASE("every locale data file is compiled in as yaml-cpp reads it", "[locale]") {
  // The build reads the files (lib/locale/flatten/main.cpp); a run must see
  // exactly what parsing their text gives, file by file.
  for (const std::string& f : locale_data_files()) {
    INFO(f);
    CHECK(locale_data_compiled_as_read(f));
  }
}

TEST_CASE("quotation marks and number symbols come from CLDR", "[locale]") {
  const LocaleProfile& ja = locale_profile("ja-JP");
  CHECK(ja.language() == "ja");
  CHECK(has_pair(ja, "「", "」"));
  CHECK(has_pair(ja, "『", "』"));
  CHECK(ja.decimal_separator() == ".");
  CHECK_FALSE(ja.spaces_between_words());

  const LocaleProfile& zh = locale_profile("zh-cn");
  CHECK(has_pair(zh, "“", "”"));
  CHECK(has_pair(zh, "‘", "’"));

  const LocaleProfile& fr = locale_profile("fr_FR");
  CHECK(fr.tag() == "fr-fr");
  CHECK(has_pair(fr, "«", "»"));
  CHECK(fr.decimal_separator() == ",");
  CHECK(fr.spaces_between_words());

  const LocaleProfile& de = locale_profile("de-DE");
  CHECK(has_pair(de, "„", "“"));  // German closes with the mark English opens with
  CHECK(de.decimal_separator() == ",");
  CHECK(de.grouping_separator() == ".");
  // The ASCII mark MT keeps, from default.yaml.
  CHECK(has_pair(de, "\"", "\""));
}

TEST_CASE("a tag is case- and separator-insensitive, and an unknown one falls back", "[locale]") {
  CHECK(&locale_profile("ZH-CN") == &locale_profile("zh_cn"));
  const LocaleProfile& x = locale_profile("xx-yy");
  CHECK(x.language() == "xx");
  CHECK(x.spaces_between_words());
  CHECK(x.decimal_separator() == ".");
  const LocaleProfile& none = locale_profile("");
  CHECK_FALSE(none.known());
  CHECK(none.list("no-such-rule", "key").empty());
}

TEST_CASE("spelled-out numbers parse in both directions through ICU", "[locale]") {
  CHECK(parse_number_words(locale_profile("fr-fr"), "cinq") == 5.0);
  CHECK(parse_number_words(locale_profile("fr-fr"), "vingt et un") == 21.0);
  CHECK(parse_number_words(locale_profile("de-de"), "drei") == 3.0);
  CHECK(parse_number_words(locale_profile("zh-cn"), "两") == 2.0);
  CHECK(parse_number_words(locale_profile("zh-cn"), "三十") == 30.0);
  CHECK(parse_number_words(locale_profile("ja-jp"), "十二") == 12.0);
  CHECK_FALSE(parse_number_words(locale_profile("fr-fr"), "chat"));
  CHECK_FALSE(parse_number_words(locale_profile("fr-fr"), "12"));
  CHECK(spell_number(locale_profile("fr-fr"), 3) == "trois");
}

TEST_CASE("data file keys: rule sections, lists, fallbacks and per-locale rule defaults", "[locale]") {
  std::string error;
  LocaleProfile p = LocaleProfile::with_data("fr-fr", R"(
spaces-between-words: false
repeated-word:
  legitimate: [nous, vous]
  min-length: 2
length-ratio:
  usual: 1.15
rules:
  repeated-word: {enabled: false, judged: "0.07 on fr-FR"}
  inconsistent-source: {severity: info}
)", &error);
  CHECK(error.empty());
  CHECK_FALSE(p.spaces_between_words());  // the given layer wins over fr.yaml
  CHECK(p.list("repeated-word", "legitimate") == std::vector<std::string>{"nous", "vous"});
  CHECK(p.number("repeated-word", "min-length") == 2.0);
  CHECK(p.number("length-ratio", "usual") == 1.15);
  CHECK_FALSE(p.number("length-ratio", "absent"));
  CHECK(p.list("quotes", "extra").size() == 2);  // from fr.yaml, below
  CHECK(p.rule_default("repeated-word").enabled == false);
  CHECK(p.rule_default("inconsistent-source").severity == Severity::Info);
  CHECK_FALSE(p.rule_default("number-mismatch").enabled);

  LocaleProfile bad = LocaleProfile::with_data("fr-fr", "rules: {x: {severity: loud}}", &error);
  CHECK_FALSE(error.empty());
}
