#pragma once
// The files of a tree (the batch root or the --source root), walked once by
// the engine so that link rules can ask about existence, case-only
// differences and siblings without touching the disk.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tmlint {

// Questions asked of a tree's files or redirections on this thread (the
// lookups below and Redirects::target_of count themselves): the facts cache
// (engine/facts_cache.h) reads it around an article's collect_facts, so
// facts that asked nothing of the tree are reused even when the tree
// changed, and facts that asked are not. Per thread, because the article
// phase runs one article per worker and every question is counted wherever
// a rule asks it (through resolve_link or not); nothing reads it to answer.
inline thread_local uint64_t tree_lookups = 0;

class TreeIndex {
 public:
  TreeIndex() = default;
  // Walks `root` (hidden folders skipped, symlinks not followed). Paths are
  // relative, '/'-separated.
  static TreeIndex build(const std::string& root);
  // For tests: an index over given relative paths.
  static TreeIndex from_paths(const std::vector<std::string>& paths);

  bool exists(std::string_view rel) const {
    ++tree_lookups;
    return files_.count(std::string(rel)) != 0;
  }
  bool is_dir(std::string_view rel) const {
    ++tree_lookups;
    return dirs_.count(std::string(rel)) != 0;
  }
  // The real path when `rel` exists only with another letter case.
  std::optional<std::string> find_ignoring_case(std::string_view rel) const;
  // File names (not paths) directly inside folder `dir` ("" for the root).
  const std::vector<std::string>& names_in(std::string_view dir) const;
  size_t size() const { return files_.size(); }
  // A hash of every path (files and folders, sorted): equal fingerprints,
  // same answers to every question above.
  uint64_t fingerprint() const;

 private:
  void add(const std::string& rel);
  std::unordered_set<std::string> files_;
  std::unordered_set<std::string> dirs_;
  std::unordered_map<std::string, std::string> lower_to_real_;
  std::unordered_map<std::string, std::vector<std::string>> names_by_dir_;
};

std::string ascii_lower(std::string_view s);

}  // namespace tmlint
