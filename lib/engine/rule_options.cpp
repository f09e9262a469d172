#include "engine/rule_options.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace tmlint {
namespace {

// YAML hands us "+3" as readily as "3"; from_chars takes no sign but '-'.
std::string_view without_plus(std::string_view s) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  return s;
}

// The whole text must be the number: "0.5x" is garbage, not 0.5. from_chars
// also ignores the C locale, unlike strtod (a "," decimal point elsewhere).
template <class T>
std::optional<T> parse_number(std::string_view s) {
  s = without_plus(s);
  T value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

bool equals_lowercase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

bool any_of_words(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (equals_lowercase(s, w)) return true;
  return false;
}

}  // namespace

std::optional<std::string> RuleOptions::get_string(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

double RuleOptions::get_double(const std::string& key, double fallback) const {
  auto s = get_string(key);
  std::optional<double> v = s ? parse_number<double>(*s) : std::nullopt;
  // "nan" and "inf" parse, but no threshold means them.
  return v && std::isfinite(*v) ? *v : fallback;
}

long RuleOptions::get_int(const std::string& key, long fallback) const {
  auto s = get_string(key);
  std::optional<long> v = s ? parse_number<long>(*s) : std::nullopt;
  return v.value_or(fallback);
}

bool RuleOptions::get_bool(const std::string& key, bool fallback) const {
  auto s = get_string(key);
  if (!s) return fallback;
  if (any_of_words(*s, {"true", "yes", "on", "1"})) return true;
  if (any_of_words(*s, {"false", "no", "off", "0"})) return false;
  return fallback;
}

std::vector<std::string> RuleOptions::get_list(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace tmlint
