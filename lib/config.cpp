#include "config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include <fmt/format.h>

namespace tmlint {
namespace {

struct ConfigFailure {
  YAML::Mark mark;
  std::string message;
};

[[noreturn]] void fail(const YAML::Node& at, std::string message) { throw ConfigFailure{at.Mark(), std::move(message)}; }

std::vector<std::string> string_list(const YAML::Node& n, const char* key) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
  } else if (n.IsSequence()) {
    for (const auto& item : n) {
      if (!item.IsScalar()) fail(item, fmt::format("'{}' must be a list of strings", key));
      out.push_back(item.Scalar());
    }
  } else if (!n.IsNull()) {
    fail(n, fmt::format("'{}' must be a string or a list of strings", key));
  }
  return out;
}

// off/false, on/true, or a severity.
void apply_scalar(RuleSetting& s, const YAML::Node& n) {
  const std::string& v = n.Scalar();
  Severity sev;
  if (v == "off" || v == "false" || v == "no") s.enabled = false;
  else if (v == "on" || v == "true" || v == "yes") s.enabled = true;
  else if (parse_severity(v, sev)) s.enabled = true, s.severity = sev;
  else fail(n, fmt::format("'{}' is not off, on, error, warning or info", v));
}

bool known_name(std::string_view name) {
  for (const Rule& r : all_rules())
    if (r.info.id == name || r.info.category == name) return true;
  return false;
}

// A typo in a rule name must not silently disable a check: unknown names
// are errors at their line (unless no rule is registered, as in parser tests).
void check_name(const YAML::Node& at, const std::string& name, const char* where) {
  if (!all_rules().empty() && !known_name(name))
    fail(at, fmt::format("unknown rule or category '{}' in '{}'", name, where));
}

std::vector<std::string> name_list(const YAML::Node& n, const char* key) {
  std::vector<std::string> out = string_list(n, key);
  if (n.IsSequence()) {
    size_t i = 0;
    for (const auto& item : n) check_name(item, out[i++], key);
  } else if (n.IsScalar()) {
    check_name(n, out.front(), key);
  }
  return out;
}

std::map<std::string, RuleSetting> parse_rules(const YAML::Node& n) {
  std::map<std::string, RuleSetting> out;
  if (n.IsNull()) return out;
  if (!n.IsMap()) fail(n, "'rules' must map rule ids or categories to settings");
  for (const auto& kv : n) {
    std::string name = kv.first.as<std::string>();
    check_name(kv.first, name, "rules");
    RuleSetting s;
    const YAML::Node& v = kv.second;
    if (v.IsScalar()) {
      apply_scalar(s, v);
    } else if (v.IsMap()) {
      for (const auto& opt : v) {
        std::string key = opt.first.as<std::string>();
        if (key == "severity" || key == "enabled") {
          if (!opt.second.IsScalar()) fail(opt.second, fmt::format("'{}' must be a scalar", key));
          apply_scalar(s, opt.second);
        } else {
          s.options[key] = string_list(opt.second, key.c_str());
        }
      }
    } else {
      fail(v, fmt::format("the setting of '{}' must be a severity, off, or a map", name));
    }
    out[name] = std::move(s);
  }
  return out;
}

bool listed(const std::vector<std::string>& list, const Rule& rule) {
  for (const auto& s : list)
    if (s == rule.info.id || s == rule.info.category) return true;
  return false;
}

void apply(EffectiveRule& e, const RuleSetting& s) {
  if (s.enabled) e.enabled = *s.enabled;
  if (s.severity) e.severity = *s.severity;
}

// Category entries first, then the id: the id is more specific.
void apply_map(EffectiveRule& e, std::map<std::string, std::vector<std::string>>& options,
               const std::map<std::string, RuleSetting>& settings, const Rule& rule) {
  for (std::string_view key : {rule.info.category, rule.info.id}) {
    auto it = settings.find(std::string(key));
    if (it == settings.end()) continue;
    apply(e, it->second);
    for (const auto& [k, v] : it->second.options) options[k] = v;
  }
}

// Glob matching on one path component or across them ('**').
bool match_here(std::string_view p, std::string_view s) {
  // Iterative matcher with single-star backtracking per component and
  // '**' backtracking across components; no exponential blow-up because
  // each star remembers only its last restart point.
  size_t pi = 0, si = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  size_t dstar_p = std::string_view::npos, dstar_s = 0;
  while (si < s.size()) {
    if (pi + 1 < p.size() + 1 && p.substr(pi, 2) == "**") {
      // "**/" matches zero or more whole components; "**" at the end, the rest.
      size_t after = pi + 2;
      if (after < p.size() && p[after] == '/') ++after;
      dstar_p = after;
      dstar_s = si;
      star_p = std::string_view::npos;
      pi = after;
      continue;
    }
    if (pi < p.size() && p[pi] == '*') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size() && p[pi] == '[') {
      size_t close = p.find(']', pi + 1);
      if (close != std::string_view::npos && s[si] != '/') {
        std::string_view set = p.substr(pi + 1, close - pi - 1);
        bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool hit = false;
        for (size_t k = 0; k < set.size(); ++k) {
          if (k + 2 < set.size() && set[k + 1] == '-') {
            hit |= s[si] >= set[k] && s[si] <= set[k + 2];
            k += 2;
          } else {
            hit |= s[si] == set[k];
          }
        }
        if (hit != negate) {
          pi = close + 1;
          ++si;
          continue;
        }
      }
    } else if (pi < p.size() && (p[pi] == s[si] || (p[pi] == '?' && s[si] != '/'))) {
      ++pi;
      ++si;
      continue;
    }
    if (star_p != std::string_view::npos && s[star_s] != '/') {
      pi = star_p;
      si = ++star_s;
      continue;
    }
    if (dstar_p != std::string_view::npos) {
      // Let '**' swallow one more component.
      size_t slash = s.find('/', dstar_s);
      if (slash == std::string_view::npos) {
        if (dstar_p == p.size()) return true;
        return false;
      }
      dstar_s = slash + 1;
      si = dstar_s;
      pi = dstar_p;
      star_p = std::string_view::npos;
      continue;
    }
    return false;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.rfind("./", 0) == 0) pattern.remove_prefix(2);
  if (match_here(pattern, path)) return true;
  // A pattern without '/' also matches the file name, like .gitignore.
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = path.rfind('/');
    if (slash != std::string_view::npos) return match_here(pattern, path.substr(slash + 1));
  }
  return false;
}

bool validate_rule_names(const Config& c, ConfigError& error) {
  if (all_rules().empty()) return true;
  auto check = [&](const std::string& name, const char* where) {
    if (known_name(name)) return true;
    error.message = fmt::format("unknown rule or category '{}' in '{}'", name, where);
    return false;
  };
  for (const auto& s : c.select)
    if (!check(s, "select")) return false;
  for (const auto& s : c.ignore)
    if (!check(s, "ignore")) return false;
  for (const auto& [name, _] : c.rules)
    if (!check(name, "rules")) return false;
  for (const auto& o : c.overrides)
    for (const auto& [name, _] : o.rules)
      if (!check(name, "overrides")) return false;
  return true;
}

std::optional<Config> parse_config(std::string_view text, const std::string& origin, ConfigError& error) {
  error = ConfigError{origin, 1, 1, {}};
  Config c;
  c.origin = origin;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull()) return c;
    if (!root.IsMap()) fail(root, "the configuration must be a map of keys");
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "select") c.select = name_list(v, "select");
      else if (key == "ignore") c.ignore = name_list(v, "ignore");
      else if (key == "exclude") c.exclude = string_list(v, "exclude");
      else if (key == "locale") c.locale = v.as<std::string>();
      else if (key == "fail-on") {
        Severity s;
        if (!v.IsScalar() || !parse_severity(v.Scalar(), s)) fail(v, "'fail-on' must be error, warning or info");
        c.fail_on = s;
      } else if (key == "rules") {
        c.rules = parse_rules(v);
      } else if (key == "overrides") {
        if (!v.IsSequence()) fail(v, "'overrides' must be a list");
        for (const auto& item : v) {
          if (!item.IsMap()) fail(item, "each override must be a map with 'files' and 'rules'");
          Override o;
          for (const auto& okv : item) {
            std::string ok = okv.first.as<std::string>();
            if (ok == "files") o.files = string_list(okv.second, "files");
            else if (ok == "rules") o.rules = parse_rules(okv.second);
            else fail(okv.first, fmt::format("unknown key '{}' in an override (files, rules)", ok));
          }
          if (o.files.empty()) fail(item, "an override needs 'files'");
          c.overrides.push_back(std::move(o));
        }
      } else {
        fail(kv.first, fmt::format("unknown key '{}' (select, ignore, fail-on, locale, exclude, rules, overrides)", key));
      }
    }
  } catch (const ConfigFailure& f) {
    error.line = f.mark.line + 1;
    error.column = f.mark.column + 1;
    error.message = f.message;
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error.line = e.mark.line + 1;
    error.column = e.mark.column + 1;
    error.message = e.msg;
    return std::nullopt;
  }
  if (!validate_rule_names(c, error)) return std::nullopt;
  return c;
}

std::string find_config_file(const std::string& start_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  while (!dir.empty()) {
    fs::path candidate = dir / ".tmlint.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

RuleResolver::RuleResolver(const Config& config, std::vector<std::string> cli_select,
                           std::vector<std::string> cli_ignore)
    : config_(config), select_(std::move(cli_select)), ignore_(std::move(cli_ignore)) {}

bool RuleResolver::excluded(std::string_view rel_path) const {
  for (const auto& g : config_.exclude)
    if (glob_match(g, rel_path)) return true;
  return false;
}

EffectiveRule RuleResolver::resolve(const Rule& rule, std::string_view rel_path) const {
  EffectiveRule e;
  e.severity = rule.info.default_severity;
  std::map<std::string, std::vector<std::string>> options;
  // The file's settings, then its overrides; the command line last.
  apply_map(e, options, config_.rules, rule);
  for (const Override& o : config_.overrides) {
    bool match = false;
    for (const auto& g : o.files) match |= glob_match(g, rel_path);
    if (match) apply_map(e, options, o.rules, rule);
  }
  // --select picks the rules to run, even ones the file turned off; the
  // file's select only narrows.
  if (!select_.empty()) e.enabled = listed(select_, rule);
  else if (!config_.select.empty() && !listed(config_.select, rule)) e.enabled = false;
  if (listed(config_.ignore, rule) || listed(ignore_, rule)) e.enabled = false;
  e.options = RuleOptions(std::move(options));
  return e;
}

}  // namespace tmlint
