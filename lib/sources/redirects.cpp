#include "sources/redirects.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "base/hash64.h"
#include "load/file_walker.h"
#include "sources/tree_index.h"

namespace tmlint {

Redirects Redirects::load(const std::string& batch_root) {
  std::string bytes, error;
  if (!read_file_inside(batch_root, ".openpublishing.redirection.json", bytes, error)) return {};
  return parse(bytes);
}

namespace {

// The usual redirection file read with nlohmann-json, about fifty times
// cheaper than yaml-cpp (16M of the 54M instructions of a one-file check of
// pc-ja). Only for what both read the same way: valid JSON without a
// backslash (escapes), a tab, a duplicate key or a key YAML could not take
// as an implicit key (over 1,000 bytes); source_path and redirect_url are
// strings (or redirect_url absent). Anything else returns false and goes to
// yaml-cpp as before. A test compares both on every corpus file and on
// tricky cases (lib/sources/redirects_test.cpp).
bool parse_plain_json(std::string_view json, std::unordered_map<std::string, std::string>& out) {
  if (json.find('\\') != std::string_view::npos || json.find('\t') != std::string_view::npos) return false;
  bool usable = true;
  std::vector<std::unordered_set<std::string>> keys;  // the keys of each open object
  auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) {
      keys.emplace_back();
    } else if (event == E::object_end) {
      if (!keys.empty()) keys.pop_back();
    } else if (event == E::key && !keys.empty()) {
      const std::string& k = parsed.get_ref<const std::string&>();
      if (k.size() > 1000 || !keys.back().insert(k).second) usable = false;
    }
    return true;
  };
  nlohmann::json root = nlohmann::json::parse(json.begin(), json.end(), callback, /*allow_exceptions=*/false);
  if (!usable || root.is_discarded() || !root.is_object()) return false;
  auto list = root.find("redirections");
  if (list == root.end()) return true;
  if (!list->is_array()) return true;  // yaml-cpp: not a sequence, no redirections
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    auto src = item.find("source_path");
    auto url = item.find("redirect_url");
    if (src != item.end() && !src->is_string()) return false;
    if (url != item.end() && !url->is_string()) return false;
  }
  for (const auto& item : *list) {
    if (!item.is_object()) continue;
    auto src = item.find("source_path");
    if (src == item.end()) continue;
    std::string path = src->get<std::string>();
    if (path.rfind("./", 0) == 0) path.erase(0, 2);
    auto url = item.find("redirect_url");
    out[ascii_lower(path)] = url != item.end() ? url->get<std::string>() : std::string();
  }
  return true;
}

}  // namespace

Redirects Redirects::parse(std::string_view json, std::string* error, bool fast) {
  Redirects r;
  if (fast && parse_plain_json(json, r.by_source_)) return r;
  r.by_source_.clear();
  try {
    YAML::Node root = YAML::Load(std::string(json));
    YAML::Node list = root["redirections"];
    if (!list || !list.IsSequence()) return r;
    for (const auto& item : list) {
      if (!item.IsMap()) continue;
      YAML::Node src = item["source_path"];
      YAML::Node url = item["redirect_url"];
      if (!src || !src.IsScalar()) continue;
      std::string path = src.Scalar();
      if (path.rfind("./", 0) == 0) path.erase(0, 2);
      r.by_source_[ascii_lower(path)] = url && url.IsScalar() ? url.Scalar() : std::string();
    }
  } catch (const YAML::Exception& e) {
    if (error) *error = e.what();
  }
  return r;
}

std::optional<std::string> Redirects::target_of(std::string_view rel_path) const {
  ++tree_lookups;
  auto it = by_source_.find(ascii_lower(rel_path));
  if (it == by_source_.end()) return std::nullopt;
  return it->second;
}

uint64_t Redirects::fingerprint() const {
  std::vector<std::pair<std::string_view, std::string_view>> all(by_source_.begin(), by_source_.end());
  std::sort(all.begin(), all.end());
  uint64_t h = hash64_combine(0, all.size());
  for (const auto& [from, to] : all) h = hash64_combine(hash64_combine(h, from), to);
  return h;
}

}  // namespace tmlint
