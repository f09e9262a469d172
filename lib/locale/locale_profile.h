#pragma once
// What tmlint knows of a target locale, from two places only:
//  - CLDR, through ICU: quotation delimiters, decimal and grouping symbols,
//    spelled-out numbers (number_words.h). Nothing of that is typed in here.
//  - one data file per language or locale, lib/locale/data/<tag>.yaml, for
//    what CLDR does not hold (bold UI labels rendered as quotation marks in
//    Chinese, the words a language legitimately repeats, per-locale rule
//    defaults with their judged precision). The files are compiled into the
//    binary, so a rule never reads a file.
// Rules ask for knowledge by their own id and a key ("repeated-word",
// "legitimate"), never `if (language == "fr")`: a new locale is a new data
// file, not a code change. lib/locale/README.md describes the files.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace tmlint {

struct QuotePair {
  std::string open, close;
};

// A rule's default in one locale, from the data file's `rules:` map.
struct LocaleRuleDefault {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
};

class LocaleProfile {
 public:
  // `tag` as in ms.contentlocale ("zh-cn", "fr-FR", "pt_BR"); empty gives the
  // profile of an unknown locale (defaults only, CLDR root).
  explicit LocaleProfile(std::string_view tag);
  // A profile whose most specific data file is `yaml` (tests, and a future
  // `--locale-data FILE`); the compiled-in files stay below it.
  static LocaleProfile with_data(std::string_view tag, std::string_view yaml, std::string* error = nullptr);

  const std::string& tag() const { return tag_; }            // lower case, '-' separated: "zh-cn"
  const std::string& language() const { return language_; }  // "zh"
  bool known() const { return !language_.empty(); }

  // CLDR (ICU): the locale's quotation marks, primary then alternate, each
  // pair once (French has « » for both); then the data file's
  // `quotes.extra` pairs (the marks the locale's texts also use).
  const std::vector<QuotePair>& quotes() const { return quotes_; }
  // CLDR (ICU DecimalFormatSymbols): "," and " " (U+202F) for fr, "." and "," for ja.
  const std::string& decimal_separator() const { return decimal_; }
  const std::string& grouping_separator() const { return grouping_; }

  // Whether the script separates words by spaces (data file key
  // `spaces-between-words`, default true): false for ja, zh.
  bool spaces_between_words() const { return flag("", "spaces-between-words", true); }

  // The data file's knowledge for `rule` (its id, or "" for top-level keys).
  // Lookups go locale file ("zh-tw"), then language file ("zh"), then
  // default.yaml; the first that has the key wins (a list is replaced, not merged).
  bool flag(std::string_view rule, std::string_view key, bool fallback = false) const;
  std::optional<double> number(std::string_view rule, std::string_view key) const;
  std::optional<std::string> text(std::string_view rule, std::string_view key) const;
  // An absent key is an empty list.
  const std::vector<std::string>& list(std::string_view rule, std::string_view key) const;

  // The `rules: {<id>: {enabled: false, severity: info}}` entry, if any.
  LocaleRuleDefault rule_default(std::string_view rule_id) const;

  struct Layer;  // one parsed data file (locale_profile.cpp)

 private:
  std::string tag_, language_;
  std::vector<QuotePair> quotes_;
  std::string decimal_, grouping_;
  std::vector<const Layer*> layers_;  // most specific first; owned by the data registry
  std::shared_ptr<const Layer> own_;  // the layer of with_data, if any
};

// The profile of a locale tag, built once per tag and kept for the process
// (thread-safe). Case and '_' versus '-' do not matter.
const LocaleProfile& locale_profile(std::string_view tag);

// The data files compiled in, by name ("default", "ja", "zh", "zh-tw", ...),
// for tests and `tmlint rules --locale`. A file that does not parse is a
// build-time test failure (locale_profile_test.cpp), never a runtime one.
std::vector<std::string> locale_data_files();
// Why a data file does not parse, or empty (tests).
std::string locale_data_error(std::string_view name);
// True when the compiled-in data file `name` was read at build time and that
// reading equals parse_layer_yaml of its text now (tests).
bool locale_data_compiled_as_read(std::string_view name);

}  // namespace tmlint
