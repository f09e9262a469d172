// SourceHistory over libgit2. libgit2 objects are not safe to share between
// threads, and rules run on all cores: one mutex serialises every call (git
// work happens only for stale articles, so it is rare).
#include <git2.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "sources/source_history.h"

namespace tmlint {
namespace {

struct LibGit2 {
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
};

template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  ~Owned() {
    if (p) Free(p);
  }
  T** out() { return &p; }
};

using Repo = Owned<git_repository, git_repository_free>;
using Commit = Owned<git_commit, git_commit_free>;
using Tree = Owned<git_tree, git_tree_free>;
using Entry = Owned<git_tree_entry, git_tree_entry_free>;
using Blob = Owned<git_blob, git_blob_free>;
using Walk = Owned<git_revwalk, git_revwalk_free>;

bool parse_oid(std::string_view sha, git_oid& oid) {
  if (sha.size() != GIT_OID_HEXSZ) return false;
  return git_oid_fromstrn(&oid, sha.data(), sha.size()) == 0;
}

class GitHistory : public SourceHistory {
 public:
  GitHistory(git_repository* repo, std::string prefix) : prefix_(std::move(prefix)) { repo_.p = repo; }

  bool has_commit(std::string_view sha) const override {
    std::lock_guard lock(mu_);
    git_oid oid;
    Commit c;
    return parse_oid(sha, oid) && git_commit_lookup(c.out(), repo_.p, &oid) == 0;
  }

  std::optional<std::string> file_at(std::string_view sha, std::string_view rel) const override {
    std::lock_guard lock(mu_);
    git_oid oid;
    Commit c;
    if (!parse_oid(sha, oid) || git_commit_lookup(c.out(), repo_.p, &oid) != 0) return std::nullopt;
    git_oid blob_id;
    if (!blob_of(c.p, rel, blob_id)) return std::nullopt;
    Blob b;
    if (git_blob_lookup(b.out(), repo_.p, &blob_id) != 0) return std::nullopt;
    return std::string(static_cast<const char*>(git_blob_rawcontent(b.p)), static_cast<size_t>(git_blob_rawsize(b.p)));
  }

  FileChanges changes_since(std::string_view sha, std::string_view rel) const override {
    std::lock_guard lock(mu_);
    FileChanges out;
    git_oid base;
    Walk walk;
    if (!parse_oid(sha, base) || git_revwalk_new(walk.out(), repo_.p) != 0) return out;
    git_revwalk_sorting(walk.p, GIT_SORT_TIME);
    if (git_revwalk_push_head(walk.p) != 0 || git_revwalk_hide(walk.p, &base) != 0) return out;
    git_oid id;
    git_time_t newest = 0;
    while (git_revwalk_next(&id, walk.p) == 0) {
      Commit c;
      if (git_commit_lookup(c.out(), repo_.p, &id) != 0) continue;
      git_oid now_blob, parent_blob;
      bool now = blob_of(c.p, rel, now_blob);
      bool before = false;
      if (git_commit_parentcount(c.p) > 0) {
        Commit parent;
        if (git_commit_parent(parent.out(), c.p, 0) == 0) before = blob_of(parent.p, rel, parent_blob);
      }
      if (now == before && (!now || git_oid_equal(&now_blob, &parent_blob))) continue;
      ++out.commits;
      newest = std::max(newest, git_commit_time(c.p));
    }
    if (out.commits) {
      std::time_t t = static_cast<std::time_t>(newest);
      std::tm tm{};
      gmtime_r(&t, &tm);
      char buf[16];
      std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
      out.newest_date = buf;
    }
    return out;
  }

  std::string state() const override {
    std::lock_guard lock(mu_);
    std::string out = prefix_ + "\n";
    auto add = [&](const char* name) {
      git_oid id;
      char hex[GIT_OID_HEXSZ + 1];
      if (git_reference_name_to_id(&id, repo_.p, name) != 0) return;
      git_oid_tostr(hex, sizeof hex, &id);
      out += std::string(name) + " " + hex + "\n";
    };
    add("HEAD");
    git_strarray refs{};
    if (git_reference_list(&refs, repo_.p) == 0) {
      std::vector<std::string> names(refs.strings, refs.strings + refs.count);
      git_strarray_dispose(&refs);
      std::sort(names.begin(), names.end());
      for (const std::string& n : names) add(n.c_str());
    }
    return out;
  }

 private:
  bool blob_of(git_commit* c, std::string_view rel, git_oid& blob) const {
    Tree tree;
    if (git_commit_tree(tree.out(), c) != 0) return false;
    Entry e;
    std::string path = prefix_ + std::string(rel);
    if (git_tree_entry_bypath(e.out(), tree.p, path.c_str()) != 0) return false;
    if (git_tree_entry_type(e.p) != GIT_OBJECT_BLOB) return false;
    git_oid_cpy(&blob, git_tree_entry_id(e.p));
    return true;
  }

  Repo repo_;
  std::string prefix_;  // --source relative to the work tree, with a trailing '/', or empty
  mutable std::mutex mu_;
};

}  // namespace

std::unique_ptr<SourceHistory> open_source_history(const std::string& source_dir) {
  static LibGit2 init;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, source_dir.c_str(), 0, nullptr) != 0) return nullptr;
  const char* workdir = git_repository_workdir(repo);
  if (!workdir) {
    git_repository_free(repo);
    return nullptr;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path rel = fs::weakly_canonical(source_dir, ec).lexically_relative(fs::weakly_canonical(workdir, ec));
  std::string prefix = rel.generic_string();
  if (prefix == "." || prefix.empty()) prefix.clear();
  else prefix += "/";
  return std::make_unique<GitHistory>(repo, std::move(prefix));
}

}  // namespace tmlint
