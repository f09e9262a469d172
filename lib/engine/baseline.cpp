#include "engine/baseline.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "base/sha1.h"
#include "base/text_escape.h"

namespace tmlint {
namespace {

// Numbers change when text moves ("also used in a.md:12"): mask them.
std::string mask_numbers(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      out.push_back('#');
      while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  json_escape(out, s);
  return out + "\"";
}

}  // namespace

std::string baseline_fingerprint(const Diagnostic& d) {
  return sha1_hex(fmt::format("{}\n{}\n{}\n{}", d.rel_path.empty() ? d.path : d.rel_path, d.rule, d.segment,
                              mask_numbers(d.message)));
}

std::string baseline_json(const Baseline& b) {
  std::string out = "{\"tool\": \"tmlint\", \"baseline\": 1, \"findings\": [";
  bool first = true;
  for (const auto& [fp, e] : b.entries) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += fmt::format("{{\"fingerprint\": \"{}\", \"count\": {}, \"path\": {}, \"rule\": {}, \"segment\": {}, "
                       "\"message\": {}}}",
                       fp, e.count, quoted(e.path), quoted(e.rule), quoted(e.segment), quoted(e.message));
  }
  out += first ? "]}\n" : "\n]}\n";
  return out;
}

std::string baseline_json(const CheckResult& result) {
  Baseline b;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    BaselineEntry& e = b.entries[baseline_fingerprint(d)];
    if (e.count++ == 0) e = {d.rel_path.empty() ? d.path : d.rel_path, std::string(d.rule), d.segment, d.message, 1};
  }
  return baseline_json(b);
}

std::optional<Baseline> parse_baseline(std::string_view json, std::string& error) {
  try {
    YAML::Node root = YAML::Load(std::string(json));
    YAML::Node list = root["findings"];
    if (!root.IsMap() || !list || !list.IsSequence()) {
      error = "not a tmlint baseline (no \"findings\" list)";
      return std::nullopt;
    }
    Baseline b;
    for (const auto& item : list) {
      if (!item.IsMap() || !item["fingerprint"]) {
        error = "a baseline entry has no fingerprint";
        return std::nullopt;
      }
      BaselineEntry e;
      auto text = [&](const char* key) { return item[key] ? item[key].as<std::string>() : std::string(); };
      e.path = text("path");
      e.rule = text("rule");
      e.segment = text("segment");
      e.message = text("message");
      e.count = item["count"] ? item["count"].as<size_t>() : 1;
      b.entries[item["fingerprint"].as<std::string>()] = std::move(e);
    }
    return b;
  } catch (const YAML::Exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

BaselineOutcome apply_baseline(CheckResult& result, const Baseline& baseline) {
  BaselineOutcome out;
  std::map<std::string, size_t> left;
  for (const auto& [fp, e] : baseline.entries) left[fp] = e.count;
  for (Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    std::string fp = baseline_fingerprint(d);
    auto it = left.find(fp);
    if (it == left.end() || it->second == 0) continue;
    --it->second;
    d.suppressed = true;
    d.baselined = true;
    ++out.matched;
    BaselineEntry& used = out.used.entries[fp];
    used = baseline.entries.at(fp);
    used.count = baseline.entries.at(fp).count - it->second;
    Summary& s = result.summary;
    (d.severity == Severity::Error ? s.errors : d.severity == Severity::Warning ? s.warnings : s.infos)--;
    ++s.baselined;
  }
  for (const auto& [fp, n] : left) {
    if (n == 0) continue;
    BaselineEntry e = baseline.entries.at(fp);
    e.count = n;
    out.stale.entries[fp] = e;
  }
  return out;
}

}  // namespace tmlint
