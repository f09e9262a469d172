#pragma once
// Configuration: `.tmlint.yaml` (found by walking up from the current
// directory, or given with --config) merged with the command line.
//
//   select: [structure, links]      # rule ids or categories; default: all
//   ignore: [partially-translated]
//   fail-on: error                  # error | warning | info
//   locale: ja-JP
//   exclude: ["**/includes/**"]     # globs of files not to check
//   rules:
//     missing-target: warning       # off | info | warning | error
//     partially-translated: {severity: info, threshold: 0.2}
//   overrides:
//     - files: ["Archive/**"]       # globs on the path relative to the batch root
//       rules: {broken-link: off}
//   terms:                          # glossary, per target locale (term-mismatch)
//     ja-JP:
//       - {source: Partner Center, target: [パートナー センター], case-sensitive: false}
//   do-not-translate: [Microsoft, Azure]   # dnt-violated
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "engine/rule_options.h"
#include "model/diagnostic.h"
#include "sources/glossary.h"

namespace tmlint {

struct RuleSetting {
  std::optional<bool> enabled;          // unset: inherit
  std::optional<Severity> severity;     // unset: inherit
  std::map<std::string, std::vector<std::string>> options;
};

struct Override {
  std::vector<std::string> files;                   // globs
  std::map<std::string, RuleSetting> rules;         // by rule id or category
};

struct Config {
  std::string origin;                  // file it came from, or empty
  std::vector<std::string> select;     // rule ids or categories; empty = all
  std::vector<std::string> ignore;
  std::optional<Severity> fail_on;
  std::string locale;
  std::vector<std::string> exclude;
  std::map<std::string, RuleSetting> rules;
  std::vector<Override> overrides;
  Glossary glossary;                   // terms: and do-not-translate:
};

struct ConfigError {
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;
};

// Parses a configuration file's text. Unknown keys and unknown rule ids are
// errors (a typo must not silently disable a check).
std::optional<Config> parse_config(std::string_view text, const std::string& origin,
                                   ConfigError& error);
// Checks that every rule id or category named in `config` is registered
// (skipped when the registry is empty, as in parser unit tests).
bool validate_rule_names(const Config& config, ConfigError& error);
// Walks up from `start_dir` looking for `.tmlint.yaml`; returns its path or empty.
std::string find_config_file(const std::string& start_dir);

// Glob on '/'-separated relative paths: `*` (not '/'), `**` (any depth), `?`, `[...]`.
bool glob_match(std::string_view pattern, std::string_view path);

// The decision for one rule on one file, after select/ignore, rules: and
// overrides (later overrides win).
struct EffectiveRule {
  bool enabled = true;
  Severity severity = Severity::Error;
  RuleOptions options;
  // Set by the user (configuration, --select by id), so a locale's default
  // (the `rules:` of lib/locale/data/<lang>.yaml) does not override it.
  bool enabled_by_user = false;
  bool severity_by_user = false;

  // Whether the rule runs on an article of `locale`, and at what severity:
  // a rule whose judged precision is too low in a locale is off there by
  // default, and its severity follows its precision (docs/rules.md).
  bool runs_in(std::string_view rule_id, const LocaleProfile& locale) const;
  Severity severity_in(std::string_view rule_id, const LocaleProfile& locale) const;
};

class RuleResolver {
 public:
  // `cli_select`/`cli_ignore` come from the command line and win over the file.
  RuleResolver(const Config& config, std::vector<std::string> cli_select,
               std::vector<std::string> cli_ignore);
  EffectiveRule resolve(const Rule& rule, std::string_view rel_path) const;
  bool excluded(std::string_view rel_path) const;

 private:
  const Config& config_;
  std::vector<std::string> select_;
  std::vector<std::string> ignore_;
};

}  // namespace tmlint
