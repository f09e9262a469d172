// Stage 2 of run_check: what rules may know besides the article they check,
// built once per batch root (usually one) before any article is loaded.
#include <filesystem>

#include "engine/stages.h"
#include "sources/disk_source_tree.h"

namespace tmlint {
namespace {

// --tm: read and parsed once, shared by every root; null when not given or
// unreadable (then an I/O error).
std::unique_ptr<ReferenceTm> read_reference_tm(const std::string& path, std::vector<std::string>& io_errors) {
  if (path.empty()) return nullptr;
  std::string bytes, error;
  if (!read_whole_file(path, bytes, error)) {
    io_errors.push_back(path + ": " + error);
    return nullptr;
  }
  if (auto parsed = ReferenceTm::parse(bytes, error)) return std::make_unique<ReferenceTm>(std::move(*parsed));
  io_errors.push_back(path + ": " + error);
  return nullptr;
}

std::unique_ptr<RootFacts> facts_of_root(const std::string& root, const CheckOptions& options,
                                         const RunFactsByRoot& run) {
  auto slot = std::make_unique<RootFacts>();
  slot->batch_files = TreeIndex::build(root);
  slot->redirects = Redirects::load(root);
  slot->facts.locale = !options.locale.empty() ? options.locale : options.config.locale;
  slot->facts.batch_files = &slot->batch_files;
  slot->facts.redirects = &slot->redirects;
  slot->facts.glossary = &options.config.glossary;
  slot->facts.tm = run.tm.get();
  if (run.source) {
    slot->facts.source = run.source.get();
    slot->facts.source_files = run.source_files.get();
    slot->facts.history = run.history.get();
  }
  return slot;
}

}  // namespace

RunFactsByRoot gather_run_facts(const CheckOptions& options, Batch& batch) {
  RunFactsByRoot facts;
  facts.tm = read_reference_tm(options.tm_path, batch.io_errors);
  if (!options.source_dir.empty() && !batch.files.empty()) {
    facts.source = open_disk_source_tree(options.source_dir);
    facts.source_files = std::make_unique<TreeIndex>(TreeIndex::build(options.source_dir));
    facts.history = open_source_history(options.source_dir);
  }
  for (const BatchFile& f : batch.files) {
    auto& slot = facts.roots[f.root];
    if (!slot) slot = facts_of_root(f.root, options, facts);
  }
  if (!options.source_dir.empty() && !std::filesystem::is_directory(options.source_dir))
    batch.io_errors.push_back(options.source_dir + ": --source is not a directory");
  return facts;
}

}  // namespace tmlint
