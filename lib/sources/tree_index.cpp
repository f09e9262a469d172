#include "sources/tree_index.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "base/hash64.h"

namespace tmlint {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void TreeIndex::add(const std::string& rel) {
  files_.insert(rel);
  lower_to_real_.emplace(ascii_lower(rel), rel);
  size_t slash = rel.rfind('/');
  std::string dir = slash == std::string::npos ? std::string() : rel.substr(0, slash);
  names_by_dir_[dir].push_back(rel.substr(slash == std::string::npos ? 0 : slash + 1));
  while (!dir.empty()) {
    if (!dirs_.insert(dir).second) break;
    lower_to_real_.emplace(ascii_lower(dir), dir);
    size_t s = dir.rfind('/');
    dir = s == std::string::npos ? std::string() : dir.substr(0, s);
  }
}

TreeIndex TreeIndex::build(const std::string& root) {
  namespace fs = std::filesystem;
  TreeIndex index;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  while (!ec && it != end) {
    const fs::directory_entry& e = *it;
    std::string name = e.path().filename().string();
    std::error_code sec;
    if (e.is_directory(sec) && !e.is_symlink(sec)) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
    } else if (e.is_regular_file(sec) || e.is_symlink(sec)) {
      index.add(e.path().lexically_relative(root).generic_string());
    }
    it.increment(ec);
  }
  return index;
}

TreeIndex TreeIndex::from_paths(const std::vector<std::string>& paths) {
  TreeIndex index;
  for (const auto& p : paths) index.add(p);
  return index;
}

std::optional<std::string> TreeIndex::find_ignoring_case(std::string_view rel) const {
  ++tree_lookups;
  auto it = lower_to_real_.find(ascii_lower(rel));
  if (it == lower_to_real_.end() || !files_.count(it->second)) return std::nullopt;
  return it->second;
}

const std::vector<std::string>& TreeIndex::names_in(std::string_view dir) const {
  ++tree_lookups;
  static const std::vector<std::string> kEmpty;
  auto it = names_by_dir_.find(std::string(dir));
  return it == names_by_dir_.end() ? kEmpty : it->second;
}

uint64_t TreeIndex::fingerprint() const {
  std::vector<std::string_view> files(files_.begin(), files_.end()), dirs(dirs_.begin(), dirs_.end());
  std::sort(files.begin(), files.end());
  std::sort(dirs.begin(), dirs.end());
  uint64_t h = hash64_combine(0, files.size());
  for (std::string_view f : files) h = hash64_combine(h, f);
  h = hash64_combine(h, dirs.size());
  for (std::string_view d : dirs) h = hash64_combine(h, d);
  return h;
}

}  // namespace tmlint
