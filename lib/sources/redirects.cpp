#include "sources/redirects.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
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

Redirects Redirects::parse(std::string_view json, std::string* error) {
  Redirects r;
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
