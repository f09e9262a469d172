#pragma once
// The persistent cache of the batch rules' facts (docs/cache.md): what the
// article phase extracted from an article (model/article_facts.h), kept on
// disk between runs, so a warm `check --context FILE` reads the facts of the
// unchanged rest of the batch root instead of reading and loading it.
//
// One file per batch root, in the cache folder ($XDG_CACHE_HOME/tmlint,
// ~/.cache/tmlint, or --cache-dir), named by a hash of the root's absolute
// path, holding:
//
//   - the run key: the format, tmlint's version and this build's identity,
//     every batch rule's facts group and facts_version, the configuration,
//     --select/--ignore/--locale, the facts groups the run collects, and
//     with --source the state of the source tree and its git history. A
//     file of another key is not read, and the run replaces it: one file
//     per root, whatever the configurations a root was checked with.
//   - the tree fingerprint of the batch root (its file listing and its
//     redirections). An entry whose collection asked the tree anything
//     (tree_lookups moved: broken-anchor resolving a link) is valid only
//     under the same fingerprint; the others are valid whatever the tree.
//   - per article (by path relative to the root): size, mtime (ns) and a
//     hash of the content. Size and mtime equal: a hit, unless the mtime
//     was too recent to tell a later edit apart (racy, as in git's index),
//     then and whenever size or mtime differ the content hash decides.
//
// Written whole, atomically (a temporary file, then rename), so a
// concurrent run reads the old file or the new one, never half of one; the
// last writer wins. A checksum over the file and BadFacts on every record
// make a truncated, corrupt or foreign file a miss, never a crash or a
// wrong finding.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/article_facts.h"

namespace tmlint {

// A file's size and modification time (ns), from one open + fstat (the
// open fails as the read would: an unreadable file is a miss, and loading
// it reports the error as without the cache).
struct FileStamp {
  bool ok = false;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};
FileStamp stamp_of(const std::string& path);

// Nanoseconds since the epoch, on the clock file times use.
int64_t now_ns();

// One article's cached facts.
struct FactsEntry {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t content_hash = 0;  // hash64 of the bytes the facts came from
  // The mtime was within kRacyNs of when the file was read: an edit in the
  // same clock tick would keep size and mtime, so only the hash can tell.
  bool racy = false;
  bool tree_dependent = false;  // collecting the facts asked the tree
  // write_article_facts' bytes: a view into the cache file's bytes, or
  // into the record put() was given (both held by the FactsCache).
  std::string_view record;
};

class FactsCache {
 public:
  // Files modified this close to when they were read count as racy.
  static constexpr int64_t kRacyNs = 2'000'000'000;
  static constexpr uint32_t kFormat = 1;

  // The cache of one batch root (absolute) under run key `key` with tree
  // fingerprint `tree`, read from `dir` if there. Never throws: a missing,
  // unreadable, truncated or corrupt file is an empty cache.
  static FactsCache open(const std::string& dir, const std::string& root, uint64_t key, uint64_t tree);
  // The file the cache of `root` lives in.
  static std::string file_for(const std::string& dir, const std::string& root);

  // The entry of `rel_path` that may be trusted for a file with `stamp`
  // by stamp alone; `needs_hash` is set instead when the entry exists and
  // is valid for this tree but only the content hash can tell.
  const FactsEntry* find(const std::string& rel_path, const FileStamp& stamp, bool& needs_hash) const;
  // Records (or refreshes) an article's entry, whose record is `record`
  // (or, when empty, the view the entry already holds, into this cache);
  // marks the cache to be saved when anything changed.
  void put(const std::string& rel_path, FactsEntry entry, std::string record = {});
  // Drops every entry not in `keep` (paths relative to the root): a run
  // that saw the whole root forgets deleted and renamed files.
  void keep_only(const std::vector<std::string>& keep);
  // Writes the cache when something changed. Errors are ignored: a cache
  // that cannot be written is a cold run next time, not a failed run.
  void save();

  size_t size() const { return entries_.size(); }
  bool loaded() const { return loaded_; }  // a valid file was read
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  uint64_t key_ = 0, tree_ = 0, file_tree_ = 0;
  bool loaded_ = false, dirty_ = false;
  std::map<std::string, FactsEntry> entries_;
  std::unique_ptr<char[]> bytes_;    // the file read; entries' records point into it
  std::deque<std::string> records_;  // records put() was given
};

// The run key: everything besides an article and the tree that its facts
// depend on (see the top of this file). `wanted` is the article phase's
// facts groups to collect, per rule; `history` the --source history or null.
struct CheckOptions;
class SourceHistory;
uint64_t facts_run_key(const CheckOptions& options, const std::vector<bool>& wanted, const SourceHistory* history);

// The bytes of a cache file and back (tests corrupt and truncate them).
std::string serialize_facts_cache(uint64_t key, uint64_t tree, const std::map<std::string, FactsEntry>& entries);
// Throws BadFacts on anything malformed, a checksum or key mismatch included.
// The records are views into `bytes`.
std::map<std::string, FactsEntry> parse_facts_cache(std::string_view bytes, uint64_t key, uint64_t& tree);

}  // namespace tmlint
