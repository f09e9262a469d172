// Stage 1 of run_check: the files of the batch.
#include <algorithm>
#include <filesystem>
#include <set>

#include "engine/stages.h"

namespace tmlint {
namespace {

// --context: the rest of each batch root, marked context-only.
void add_context_files(std::vector<BatchFile>& files, const RuleResolver& resolver) {
  std::set<std::string> roots, named;
  for (const BatchFile& f : files) {
    roots.insert(f.root);
    std::error_code ec;
    named.insert(std::filesystem::weakly_canonical(f.disk_path, ec).string());
  }
  for (const std::string& root : roots) {
    Discovery more = discover_files({root}, root);
    for (BatchFile& f : more.files) {
      std::error_code ec;
      if (named.count(std::filesystem::weakly_canonical(f.disk_path, ec).string()) || resolver.excluded(f.rel_path))
        continue;
      f.context_only = true;
      files.push_back(std::move(f));
    }
  }
}

}  // namespace

unsigned shard_of(std::string_view rel_path, unsigned shard_count) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : rel_path) h = (h ^ c) * 1099511628211ull;
  return shard_count ? static_cast<unsigned>(h % shard_count) : 0;
}

Batch discover_batch(const CheckOptions& options, const RuleResolver& resolver) {
  std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  Discovery found = discover_files(paths, options.root);
  Batch batch;
  batch.io_errors = std::move(found.io_errors);
  batch.not_followed = std::move(found.not_followed);
  for (auto& f : found.files) {
    if (resolver.excluded(f.rel_path)) continue;
    // A shard reports the batch root the unsharded run reports (SARIF's
    // base URI), even when its first file, or every file, is another shard's.
    if (batch.root.empty()) batch.root = f.root;
    if (options.shard_count <= 1 || shard_of(f.rel_path, options.shard_count) == options.shard_index)
      batch.files.push_back(std::move(f));
  }
  if (options.context) {
    add_context_files(batch.files, resolver);
    // Batch rules see the articles sorted by path, context or not, so a
    // sharded run with context reports what the whole run reports.
    std::sort(batch.files.begin(), batch.files.end(),
              [](const BatchFile& a, const BatchFile& b) { return a.display_path < b.display_path; });
  }
  return batch;
}

}  // namespace tmlint
