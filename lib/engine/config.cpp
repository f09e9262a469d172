#include "engine/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

namespace tmlint {
namespace {

constexpr size_t npos = std::string_view::npos;

// ================================================================ parsing
// Parsing stops at the first problem: a ConfigFailure carries it, with the
// position of the node at fault, to parse_config's one catch.
struct ConfigFailure {
  YAML::Mark mark;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& at, std::string message) {
  throw ConfigFailure{at.Mark(), std::move(message)};
}

// Where a rule id or category was written, so an unknown one is reported
// at its own line rather than at the top of the file.
struct NameUse {
  std::string name;
  std::string where;  // "select", "rules", "overrides[2].rules"
  YAML::Mark mark;    // null when the config was not parsed from text
};

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The YAML 1.1 words for booleans, which users write without thinking.
std::optional<bool> bool_word(std::string_view lowered) {
  if (lowered == "true" || lowered == "on" || lowered == "yes") return true;
  if (lowered == "false" || lowered == "off" || lowered == "no") return false;
  return std::nullopt;
}

// Visits a map's entries in file order. A repeated key is an error: YAML
// would let the second silently replace (or shadow) the first.
template <class Fn>
void for_each_entry(const YAML::Node& map, std::string_view what, Fn&& visit) {
  std::set<std::string, std::less<>> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) fail(kv.first, fmt::format("the keys of {} must be strings", what));
    const std::string& key = kv.first.Scalar();
    if (!seen.insert(key).second) fail(kv.first, fmt::format("'{}' appears twice in {}", key, what));
    visit(key, kv.first, kv.second);
  }
}

// A string or a list of strings; an empty value is an empty list.
std::vector<std::string> string_list(const YAML::Node& n, std::string_view key) {
  std::vector<std::string> out;
  if (n.IsNull()) return out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) fail(n, fmt::format("'{}' must be a string or a list of strings", key));
  for (const auto& item : n) {
    if (!item.IsScalar()) fail(item, fmt::format("'{}' must be a list of strings", key));
    out.push_back(item.Scalar());
  }
  return out;
}

std::vector<std::string> name_list(const YAML::Node& n, std::string_view key, std::vector<NameUse>& names) {
  std::vector<std::string> out = string_list(n, key);
  if (n.IsScalar()) names.push_back({out.front(), std::string(key), n.Mark()});
  if (n.IsSequence())
    for (size_t i = 0; i < out.size(); ++i) names.push_back({out[i], std::string(key), n[i].Mark()});
  return out;
}

// `off`/`false`, `on`/`true`, or a severity, which also turns the rule on
// (so `links: off` then `broken-link: warning` runs broken-link).
RuleSetting setting_from_scalar(const YAML::Node& n, std::string_view name) {
  RuleSetting s;
  std::string v = lowercase(n.Scalar());
  Severity severity;
  if (auto on = bool_word(v)) {
    s.enabled = *on;
  } else if (parse_severity(v, severity)) {
    s.enabled = true;
    s.severity = severity;
  } else {
    fail(n, fmt::format("'{}' for '{}' is not off, on, error, warning or info", n.Scalar(), name));
  }
  return s;
}

// `{severity: ..., enabled: ..., <option>: <scalar or list>, ...}`.
RuleSetting setting_from_map(const YAML::Node& n, std::string_view name) {
  RuleSetting s;
  for_each_entry(n, fmt::format("the settings of '{}'", name), [&](const std::string& key, const YAML::Node&,
                                                                   const YAML::Node& v) {
    if (key == "severity") {
      Severity severity;
      if (!v.IsScalar() || !parse_severity(lowercase(v.Scalar()), severity))
        fail(v, fmt::format("'severity' of '{}' must be error, warning or info (to turn it off: enabled: false)", name));
      s.severity = severity;
    } else if (key == "enabled") {
      std::optional<bool> on = v.IsScalar() ? bool_word(lowercase(v.Scalar())) : std::nullopt;
      if (!on) fail(v, fmt::format("'enabled' of '{}' must be true or false", name));
      s.enabled = *on;
    } else {
      s.options[key] = string_list(v, key);
    }
  });
  // `{severity: info}` means what the scalar `info` means, whatever the key order.
  if (s.severity && !s.enabled) s.enabled = true;
  return s;
}

std::map<std::string, RuleSetting> parse_rules(const YAML::Node& n, const std::string& where,
                                               std::vector<NameUse>& names) {
  std::map<std::string, RuleSetting> out;
  if (n.IsNull()) return out;
  if (!n.IsMap()) fail(n, fmt::format("'{}' must map rule ids or categories to settings", where));
  for_each_entry(n, fmt::format("'{}'", where), [&](const std::string& name, const YAML::Node& key,
                                                    const YAML::Node& v) {
    names.push_back({name, where, key.Mark()});
    if (v.IsScalar()) out[name] = setting_from_scalar(v, name);
    else if (v.IsMap()) out[name] = setting_from_map(v, name);
    // An empty value has no position of its own: blame its key.
    else fail(v.IsNull() ? key : v, fmt::format("the setting of '{}' must be off, on, a severity, or a map", name));
  });
  return out;
}


Override parse_override(const YAML::Node& n, size_t index, std::vector<NameUse>& names) {
  const std::string where = fmt::format("overrides[{}]", index + 1);
  if (!n.IsMap()) fail(n, fmt::format("{} must be a map with 'files' and 'rules'", where));
  Override o;
  for_each_entry(n, where, [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
    if (key == "files") o.files = string_list(v, "files");
    else if (key == "rules") o.rules = parse_rules(v, where + ".rules", names);
    else fail(k, fmt::format("unknown key '{}' in {} (files, rules)", key, where));
  });
  // Without globs the override would apply nowhere: surely a mistake.
  if (o.files.empty()) fail(n, fmt::format("{} needs 'files'", where));
  return o;
}

std::vector<Override> parse_overrides(const YAML::Node& n, std::vector<NameUse>& names) {
  std::vector<Override> out;
  if (n.IsNull()) return out;
  if (!n.IsSequence()) fail(n, "'overrides' must be a list of {files, rules} maps");
  for (size_t i = 0; i < n.size(); ++i) out.push_back(parse_override(n[i], i, names));
  return out;
}

std::optional<Severity> parse_fail_on(const YAML::Node& n) {
  if (n.IsNull()) return std::nullopt;
  Severity s;
  if (!n.IsScalar() || !parse_severity(lowercase(n.Scalar()), s)) fail(n, "'fail-on' must be error, warning or info");
  return s;
}

std::string parse_locale(const YAML::Node& n) {
  if (n.IsNull()) return {};
  if (!n.IsScalar()) fail(n, "'locale' must be a string such as ja-JP");
  return n.Scalar();
}

// `terms:`: locale -> list of {source, target, case-sensitive}.
GlossaryTerm parse_term(const YAML::Node& n, const std::string& where) {
  if (!n.IsMap()) fail(n, fmt::format("each entry of {} must be a map with 'source' and 'target'", where));
  GlossaryTerm t;
  bool has_source = false, has_target = false;
  for_each_entry(n, where, [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
    if (key == "source") {
      if (!v.IsScalar() || v.Scalar().empty()) fail(v.IsNull() ? k : v, fmt::format("'source' in {} must be a non-empty string", where));
      t.source = v.Scalar();
      has_source = true;
    } else if (key == "target") {
      t.targets = string_list(v, "target");
      for (size_t i = 0; i < t.targets.size(); ++i)
        if (t.targets[i].empty()) fail(v, fmt::format("'target' in {} must not hold an empty string", where));
      if (t.targets.empty()) fail(v.IsNull() ? k : v, fmt::format("'target' in {} needs at least one translation", where));
      has_target = true;
    } else if (key == "case-sensitive") {
      std::optional<bool> on = v.IsScalar() ? bool_word(lowercase(v.Scalar())) : std::nullopt;
      if (!on) fail(v.IsNull() ? k : v, fmt::format("'case-sensitive' in {} must be true or false", where));
      t.case_sensitive = *on;
    } else {
      fail(k, fmt::format("unknown key '{}' in {} (source, target, case-sensitive)", key, where));
    }
  });
  if (!has_source) fail(n, fmt::format("{} needs 'source'", where));
  if (!has_target) fail(n, fmt::format("{} needs 'target'", where));
  return t;
}

std::map<std::string, std::vector<GlossaryTerm>> parse_terms(const YAML::Node& n) {
  std::map<std::string, std::vector<GlossaryTerm>> out;
  if (n.IsNull()) return out;
  if (!n.IsMap()) fail(n, "'terms' must map locales (ja-JP) to lists of {source, target} terms");
  for_each_entry(n, "'terms'", [&](const std::string& locale, const YAML::Node& k, const YAML::Node& v) {
    if (locale.empty()) fail(k, "a locale of 'terms' must not be empty");
    auto& list = out[locale];
    if (v.IsNull()) return;
    if (!v.IsSequence()) fail(v, fmt::format("'terms.{}' must be a list of {{source, target}} terms", locale));
    for (size_t i = 0; i < v.size(); ++i) list.push_back(parse_term(v[i], fmt::format("terms.{}[{}]", locale, i + 1)));
  });
  return out;
}

std::vector<std::string> parse_do_not_translate(const YAML::Node& n) {
  std::vector<std::string> out = string_list(n, "do-not-translate");
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].empty()) fail(n.IsSequence() ? n[i] : n, "'do-not-translate' must not hold an empty string");
  return out;
}

void parse_top_level(const YAML::Node& root, Config& c, std::vector<NameUse>& names) {
  if (root.IsNull()) return;  // an empty file, or only comments
  if (!root.IsMap()) fail(root, "the configuration must be a map of keys (select, ignore, rules, ...)");
  for_each_entry(root, "the configuration", [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
    if (key == "select") c.select = name_list(v, key, names);
    else if (key == "ignore") c.ignore = name_list(v, key, names);
    else if (key == "fail-on") c.fail_on = parse_fail_on(v);
    else if (key == "locale") c.locale = parse_locale(v);
    else if (key == "exclude") c.exclude = string_list(v, key);
    else if (key == "rules") c.rules = parse_rules(v, key, names);
    else if (key == "overrides") c.overrides = parse_overrides(v, names);
    else if (key == "terms") c.glossary.terms = parse_terms(v);
    else if (key == "do-not-translate") c.glossary.do_not_translate = parse_do_not_translate(v);
    else fail(k, fmt::format("unknown key '{}' (select, ignore, fail-on, locale, exclude, rules, overrides, terms, "
                             "do-not-translate)", key));
  });
}

// ============================================================ rule names
bool known_name(std::string_view name, const std::vector<Rule>& rules) {
  return std::any_of(rules.begin(), rules.end(),
                     [&](const Rule& r) { return r.info.id == name || r.info.category == name; });
}

// A typo in a rule name must not silently disable (or fail to disable) a
// check. Reports the first unknown name, at its position when it has one.
bool check_names(const std::vector<NameUse>& names, ConfigError& error) {
  const std::vector<Rule>& rules = all_rules();
  if (rules.empty()) return true;  // parser unit tests link no rules
  for (const NameUse& use : names) {
    if (known_name(use.name, rules)) continue;
    if (!use.mark.is_null()) {
      error.line = use.mark.line + 1;
      error.column = use.mark.column + 1;
    }
    error.message = fmt::format("unknown rule or category '{}' in '{}' (see `tmlint rules`)", use.name, use.where);
    return false;
  }
  return true;
}

std::vector<NameUse> names_in(const Config& c) {
  std::vector<NameUse> out;
  for (const auto& s : c.select) out.push_back({s, "select", YAML::Mark::null_mark()});
  for (const auto& s : c.ignore) out.push_back({s, "ignore", YAML::Mark::null_mark()});
  for (const auto& [name, _] : c.rules) out.push_back({name, "rules", YAML::Mark::null_mark()});
  for (size_t i = 0; i < c.overrides.size(); ++i)
    for (const auto& [name, _] : c.overrides[i].rules)
      out.push_back({name, fmt::format("overrides[{}].rules", i + 1), YAML::Mark::null_mark()});
  return out;
}

void set_position(ConfigError& error, const YAML::Mark& mark) {
  error.line = mark.is_null() ? 0 : mark.line + 1;
  error.column = mark.is_null() ? 0 : mark.column + 1;
}

// ================================================================= globs
// One UTF-8 character of s at i, advancing i past it. An invalid byte is a
// character of its own (mapped above U+10FFFF so it equals nothing valid):
// `?` and `[...]` must take a whole character of a Japanese file name.
char32_t next_char(std::string_view s, size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 1) return s[i++];
  bool valid = len != 0 && i + len <= s.size();
  char32_t c = valid ? lead & (0x7F >> len) : 0;
  for (size_t k = 1; valid && k < len; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    valid = (cont & 0xC0) == 0x80;
    c = (c << 6) | (cont & 0x3F);
  }
  if (!valid) {
    ++i;
    return 0x110000 + lead;
  }
  i += len;
  return c;
}

// The class `[...]` starting at p[pi]: `[abc]`, `[a-z]`, `[!a]` (or `[^a]`);
// a ']' right after the opening (or its '!') is a member. Sets `hit` and
// returns the index after the class, or npos when it is never closed (the
// '[' is then a plain character).
size_t match_class(std::string_view p, size_t pi, char32_t c, bool& hit) {
  size_t j = pi + 1;
  const bool negated = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negated) ++j;
  bool in = false;
  for (bool first = true; j < p.size() && (first || p[j] != ']'); first = false) {
    if (p[j] == '\\' && j + 1 < p.size()) ++j;
    const char32_t lo = next_char(p, j);
    char32_t hi = lo;
    if (j + 1 < p.size() && p[j] == '-' && p[j + 1] != ']') {
      ++j;
      if (p[j] == '\\' && j + 1 < p.size()) ++j;
      hi = next_char(p, j);
    }
    in = in || (lo <= c && c <= hi);
  }
  if (j >= p.size()) return npos;
  hit = in != negated;
  return j + 1;
}

// One pattern element (not '*') at p[pi] against the character at s[si];
// advances both on a match.
bool match_one(std::string_view p, size_t& pi, std::string_view s, size_t& si) {
  size_t next_s = si;
  const char32_t c = next_char(s, next_s);
  size_t next_p = pi;
  bool hit = false;
  if (p[pi] == '?') {
    ++next_p;
    hit = true;
  } else if (size_t after = p[pi] == '[' ? match_class(p, pi, c, hit) : npos; after != npos) {
    next_p = after;
  } else {
    if (p[pi] == '\\' && pi + 1 < p.size()) ++next_p;  // `\*` is a literal '*'
    hit = next_char(p, next_p) == c;
  }
  if (hit) {
    pi = next_p;
    si = next_s;
  }
  return hit;
}

// One path component (no '/') against a pattern component. The classic
// iterative wildcard algorithm: only the last '*' is ever backtracked into,
// so the cost is at most |p| * |s|, never exponential.
bool match_component(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0;
  size_t star_p = npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      while (pi < p.size() && p[pi] == '*') ++pi;  // `a**b` is `a*b`
      star_p = pi;
      star_s = si;
      continue;
    }
    if (pi < p.size() && match_one(p, pi, s, si)) continue;
    if (star_p == npos) return false;
    next_char(s, star_s);  // the last '*' takes one more character
    pi = star_p;
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// The components of a '/'-separated string, walked by offset so that
// matching allocates nothing: offset `at` is done once past the end.
struct Parts {
  std::string_view s;

  size_t end_of(size_t at) const { return std::min(s.find('/', at), s.size()); }
  std::string_view at(size_t at) const { return s.substr(at, end_of(at) - at); }
  size_t next(size_t at) const { return end_of(at) + 1; }
  bool done(size_t at) const { return at > s.size(); }
};

// The same algorithm one level up: a `**` component is the star, any other
// pattern component matches exactly one path component.
bool match_parts(std::string_view pattern, std::string_view path) {
  const Parts p{pattern}, s{path};
  size_t pi = 0, si = 0;
  size_t star_p = npos, star_s = 0;
  while (!s.done(si)) {
    if (!p.done(pi) && p.at(pi) == "**") {
      pi = p.next(pi);
      star_p = pi;
      star_s = si;
      continue;
    }
    if (!p.done(pi) && match_component(p.at(pi), s.at(si))) {
      pi = p.next(pi);
      si = s.next(si);
      continue;
    }
    if (star_p == npos) return false;
    star_s = s.next(star_s);
    pi = star_p;
    si = star_s;
  }
  // Left-over `**` match zero components, except a final one after a
  // folder: `docs/**` is what is inside docs, not docs itself (as in git).
  while (!p.done(pi) && p.at(pi) == "**") {
    if (pi > 0 && p.done(p.next(pi))) return false;
    pi = p.next(pi);
  }
  return p.done(pi);
}

std::string_view basename(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == npos ? path : path.substr(slash + 1);
}

// ============================================================== resolver
bool listed(const std::vector<std::string>& names, const Rule& rule) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n == rule.info.id || n == rule.info.category; });
}

// A category's entry, then the rule's own: the id is more specific. Options
// merge key by key, later settings replacing earlier values.
void apply_settings(const std::map<std::string, RuleSetting>& settings, const Rule& rule, EffectiveRule& e,
                    std::map<std::string, std::vector<std::string>>& options) {
  for (std::string_view key : {rule.info.category, rule.info.id}) {
    auto it = settings.find(std::string(key));
    if (it == settings.end()) continue;
    const RuleSetting& s = it->second;
    if (s.enabled) {
      e.enabled = *s.enabled;
      e.enabled_by_user = true;
    }
    if (s.severity) {
      e.severity = *s.severity;
      e.severity_by_user = true;
    }
    for (const auto& [k, v] : s.options) options[k] = v;
  }
}

bool any_glob_matches(const std::vector<std::string>& globs, std::string_view rel_path) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, rel_path); });
}

}  // namespace

std::optional<Config> parse_config(std::string_view text, const std::string& origin, ConfigError& error) {
  error = ConfigError{origin, 0, 0, {}};
  Config c;
  c.origin = origin;
  std::vector<NameUse> names;
  try {
    parse_top_level(YAML::Load(std::string(text)), c, names);
  } catch (const ConfigFailure& f) {
    set_position(error, f.mark);
    error.message = f.message;
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    set_position(error, e.mark);
    error.message = e.msg;  // `what()` would repeat the position
    return std::nullopt;
  } catch (const std::exception& e) {  // e.g. bad_alloc: still no exception escapes
    error.message = e.what();
    return std::nullopt;
  }
  // validate_rule_names, with the names' positions in the file.
  if (!check_names(names, error)) return std::nullopt;
  return c;
}

bool validate_rule_names(const Config& config, ConfigError& error) {
  error = ConfigError{config.origin, 0, 0, {}};  // no positions: the config may not come from a file
  return check_names(names_in(config), error);
}

std::string find_config_file(const std::string& start_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir.empty() ? "." : start_dir, ec).lexically_normal();
  if (ec) return {};
  if (!dir.has_filename() && dir != dir.root_path()) dir = dir.parent_path();  // "a/b/" -> "a/b"
  for (;;) {
    fs::path candidate = dir / ".tmlint.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_relative_path()) return {};  // the root: nothing above
    dir = dir.parent_path();
  }
}

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  if (path.starts_with("./")) path.remove_prefix(2);
  const bool rooted = pattern.starts_with('/');  // `/TOC.md`: only at the top
  if (rooted) pattern.remove_prefix(1);
  if (pattern.empty()) return false;
  // `name/` is a folder: every file inside it (at any depth when it has no
  // other '/', as in .gitignore).
  if (pattern.ends_with('/')) {
    pattern.remove_suffix(1);
    const bool anywhere = !rooted && pattern.find('/') == npos;
    return match_parts((anywhere ? "**/" : "") + std::string(pattern) + "/**", path);
  }
  // A pattern without '/' names a file anywhere: it matches the file name.
  if (!rooted && pattern.find('/') == npos) return match_component(pattern, basename(path));
  return match_parts(pattern, path);
}

RuleResolver::RuleResolver(const Config& config, std::vector<std::string> cli_select,
                           std::vector<std::string> cli_ignore)
    : config_(config), select_(std::move(cli_select)), ignore_(std::move(cli_ignore)) {}

bool RuleResolver::excluded(std::string_view rel_path) const { return any_glob_matches(config_.exclude, rel_path); }

// Only the overrides make the result depend on rel_path: the engine relies on
// that to resolve once per set of matching overrides.
EffectiveRule RuleResolver::resolve(const Rule& rule, std::string_view rel_path) const {
  EffectiveRule e;
  e.severity = rule.info.default_severity;
  std::map<std::string, std::vector<std::string>> options;
  apply_settings(config_.rules, rule, e, options);
  for (const Override& o : config_.overrides)
    if (any_glob_matches(o.files, rel_path)) apply_settings(o.rules, rule, e, options);
  if (!select_.empty()) {
    // --select is an explicit request: it runs what it names even where the
    // file turned it off (by select, ignore, rules or overrides).
    e.enabled = listed(select_, rule);
    if (std::find(select_.begin(), select_.end(), rule.info.id) != select_.end()) e.enabled_by_user = true;
  } else {
    if (!config_.select.empty() && !listed(config_.select, rule)) e.enabled = false;
    if (std::find(config_.select.begin(), config_.select.end(), rule.info.id) != config_.select.end())
      e.enabled_by_user = true;
    if (listed(config_.ignore, rule)) e.enabled = false;
  }
  if (listed(ignore_, rule)) e.enabled = false;
  e.options = RuleOptions(std::move(options));
  return e;
}

bool EffectiveRule::runs_in(std::string_view rule_id, const LocaleProfile& locale) const {
  if (!enabled) return false;
  if (enabled_by_user) return true;
  return locale.rule_default(rule_id).enabled.value_or(true);
}

Severity EffectiveRule::severity_in(std::string_view rule_id, const LocaleProfile& locale) const {
  if (severity_by_user) return severity;
  return locale.rule_default(rule_id).severity.value_or(severity);
}

}  // namespace tmlint
