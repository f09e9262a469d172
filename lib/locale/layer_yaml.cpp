#include "locale/layer_yaml.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

namespace tmlint {
namespace {

void flatten(const YAML::Node& node, const std::string& prefix, LayerData& layer) {
  if (node.IsScalar()) {
    layer.scalars[prefix] = node.Scalar();
  } else if (node.IsSequence()) {
    std::vector<std::string>& list = layer.lists[prefix];
    for (const auto& item : node)
      if (item.IsScalar()) list.push_back(item.Scalar());
  } else if (node.IsMap()) {
    for (const auto& kv : node)
      flatten(kv.second, prefix.empty() ? kv.first.Scalar() : prefix + "." + kv.first.Scalar(), layer);
  }
}

std::optional<Severity> severity_named(std::string_view s) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "info") return Severity::Info;
  return std::nullopt;
}

}  // namespace

LayerData parse_layer_yaml(std::string_view text) {
  LayerData layer;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsMap() && !root.IsNull()) throw std::runtime_error("the file is not a mapping");
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "rules") {
        flatten(kv.second, key, layer);
        continue;
      }
      for (const auto& rule : kv.second) {
        LocaleRuleDefault d;
        const YAML::Node& s = rule.second;
        if (!s.IsMap()) throw std::runtime_error("rules." + rule.first.Scalar() + " is not a mapping");
        if (s["enabled"]) d.enabled = s["enabled"].as<bool>();
        if (s["severity"]) {
          d.severity = severity_named(s["severity"].Scalar());
          if (!d.severity) throw std::runtime_error("rules." + rule.first.Scalar() + ": unknown severity");
        }
        for (const auto& field : s) {
          const std::string f = field.first.Scalar();
          if (f != "enabled" && f != "severity" && f != "judged")
            throw std::runtime_error("rules." + rule.first.Scalar() + ": unknown key " + f);
        }
        layer.rules[rule.first.Scalar()] = d;
      }
    }
  } catch (const std::exception& e) {
    LayerData failed;
    failed.error = e.what();
    return failed;
  }
  return layer;
}

bool operator==(const LocaleRuleDefault& a, const LocaleRuleDefault& b) {
  return a.enabled == b.enabled && a.severity == b.severity;
}

bool operator==(const LayerData& a, const LayerData& b) {
  return a.error == b.error && a.scalars == b.scalars && a.lists == b.lists && a.rules == b.rules;
}

}  // namespace tmlint
