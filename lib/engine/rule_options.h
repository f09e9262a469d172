#pragma once
// Per-rule options from the configuration (`rules: {<id>: {options...}}`),
// behind a small read-only interface so rules do not depend on yaml-cpp.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tmlint {

class RuleOptions {
 public:
  RuleOptions() = default;
  explicit RuleOptions(std::map<std::string, std::vector<std::string>> values)
      : values_(std::move(values)) {}

  bool has(const std::string& key) const { return values_.count(key) != 0; }
  std::optional<std::string> get_string(const std::string& key) const;
  double get_double(const std::string& key, double fallback) const;
  long get_int(const std::string& key, long fallback) const;
  bool get_bool(const std::string& key, bool fallback) const;
  // A scalar is a one-item list.
  std::vector<std::string> get_list(const std::string& key) const;
  const std::map<std::string, std::vector<std::string>>& values() const { return values_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace tmlint
