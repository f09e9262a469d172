#include "rule_options.h"

#include <cstdlib>

namespace tmlint {

std::optional<std::string> RuleOptions::get_string(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

double RuleOptions::get_double(const std::string& key, double fallback) const {
  auto s = get_string(key);
  if (!s) return fallback;
  char* end = nullptr;
  double v = std::strtod(s->c_str(), &end);
  return end && *end == '\0' && end != s->c_str() ? v : fallback;
}

long RuleOptions::get_int(const std::string& key, long fallback) const {
  auto s = get_string(key);
  if (!s) return fallback;
  char* end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  return end && *end == '\0' && end != s->c_str() ? v : fallback;
}

bool RuleOptions::get_bool(const std::string& key, bool fallback) const {
  auto s = get_string(key);
  if (!s) return fallback;
  if (*s == "true" || *s == "yes" || *s == "on" || *s == "1") return true;
  if (*s == "false" || *s == "no" || *s == "off" || *s == "0") return false;
  return fallback;
}

std::vector<std::string> RuleOptions::get_list(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace tmlint
