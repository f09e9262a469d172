#pragma once
// The git history of the source tree, when `--source` is inside a git
// repository. The implementation is sources/git_history.cpp (libgit2), which
// the engine opens; rules only ask.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tmlint {

struct FileChanges {
  size_t commits = 0;       // commits reachable from HEAD, not from the handoff commit, that changed the file
  std::string newest_date;  // YYYY-MM-DD of the newest of them (UTC), or empty
};

class SourceHistory {
 public:
  virtual ~SourceHistory() = default;
  // True when `sha` (40 hex digits) names a commit of the repository.
  virtual bool has_commit(std::string_view sha) const = 0;
  // The bytes of the source file `rel_path` (relative to --source) at commit
  // `sha`, or nullopt when the commit or the file does not exist there.
  virtual std::optional<std::string> file_at(std::string_view sha, std::string_view rel_path) const = 0;
  // How the file changed between commit `sha` and HEAD.
  virtual FileChanges changes_since(std::string_view sha, std::string_view rel_path) const = 0;
  // What the answers above depend on, as text: HEAD and every reference
  // with the commits they name. The facts cache keys on it, so a fetch or a
  // new commit invalidates facts that asked the history.
  virtual std::string state() const { return {}; }
};

// Opens the repository containing `source_dir`; null when it is not in one.
std::unique_ptr<SourceHistory> open_source_history(const std::string& source_dir);

}  // namespace tmlint
