#pragma once
// The stages of run_check (engine/run_check.cpp), in the order it runs them.
// Each stage has one job, a file of its own, and hands the next plain data:
//
//   discover_batch     the files to load: arguments walked, excludes and
//                      the shard applied, --context files added
//   gather_run_facts   what rules may know besides the article, per batch
//                      root: tree indexes, redirections, --source and its
//                      git history, the --tm memory
//   resolve_rules      the rules as configured for each file
//   check_articles     every file read, loaded and checked by the
//                      per-article rules, on all cores
//   run_batch_phase    the batch rules, over every loaded article
//   collate            suppressions, the summary, the sorted result
//
// Internal to the engine: rules and reporters see only rule.h and
// run_check.h.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/rule.h"
#include "engine/run_check.h"
#include "load/file_walker.h"
#include "sources/redirects.h"
#include "sources/reference_tm.h"
#include "sources/source_history.h"
#include "sources/source_tree.h"
#include "sources/tree_index.h"

namespace tmlint {

// 1. discover_batch.cpp
struct Batch {
  // What to load, sorted by display path; with --context, the rest of each
  // batch root too, marked context_only.
  std::vector<BatchFile> files;
  std::string root;                       // the first file's batch root, before the shard split
  std::vector<std::string> io_errors;     // every stage adds to these (exit 2)
  std::vector<std::string> not_followed;  // symlinks not followed
  std::vector<RunNote> notes;             // the batch rules' run-level notes
};
Batch discover_batch(const CheckOptions& options, const RuleResolver& resolver);

// 2. gather_run_facts.cpp
// What rules may know about one batch root; `facts` points into it and into
// the run-wide parts of RunFactsByRoot.
struct RootFacts {
  TreeIndex batch_files;
  Redirects redirects;
  RunFacts facts;
};
struct RunFactsByRoot {
  // The same for every root, so built once: --tm, and --source with its
  // file index and git history. Held by pointer, as the roots' facts point
  // at them and this is returned by value.
  std::unique_ptr<ReferenceTm> tm;
  std::unique_ptr<SourceTree> source;
  std::unique_ptr<TreeIndex> source_files;
  std::unique_ptr<SourceHistory> history;
  std::map<std::string, std::unique_ptr<RootFacts>> roots;

  const RunFacts& of(const std::string& root) const { return roots.at(root)->facts; }
};
// Problems (an unreadable --tm, a --source that is not a folder) go to
// batch.io_errors.
RunFactsByRoot gather_run_facts(const CheckOptions& options, Batch& batch);

// 3. resolve_rules.cpp
// The rules as configured for each file of the batch, parallel to
// all_rules(). A file's path only matters through the overrides it
// matches, so files matching the same overrides share one resolution (with
// no overrides: one for the whole batch).
class RulesPerFile {
 public:
  RulesPerFile(const Config& config, const RuleResolver& resolver, const std::vector<BatchFile>& files);
  // effective_ points into resolutions_: a copy would point into the original.
  RulesPerFile(const RulesPerFile&) = delete;
  RulesPerFile& operator=(const RulesPerFile&) = delete;
  const std::vector<EffectiveRule>& of(size_t file) const { return *effective_[file]; }

 private:
  std::vector<std::vector<EffectiveRule>> resolutions_;
  std::vector<const std::vector<EffectiveRule>*> effective_;  // per file
};

// 4. article_phase.cpp
// What a plain article was aligned with.
enum class PlainOrigin : uint8_t { None, Commit, WorkingFile };
// One per batch file, parallel to Batch::files: what the article phase
// leaves of it once the article is freed.
struct CheckedArticle {
  bool loaded = false;                 // read and loaded (else `errors` says why)
  std::unique_ptr<Article> article;    // only with CheckOptions::keep_articles
  std::unique_ptr<ArticleFacts> facts; // what the batch rules need of it
  // The per-article rules' findings, suppressions applied and segment
  // texts attached; the batch phase adds its own.
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> errors;     // read errors, rules that threw
  PlainOrigin plain = PlainOrigin::None;
  // For the summary and the reporters.
  CheckedFile file;                    // path, rel_path, the rules that ran
  bool yaml_page = false;
  size_t segments = 0;
  bool unknown_staleness = false;      // no ms.openlocfilehash (with --source)
  bool from_cache = false;             // a context file whose facts the cache held
};
std::vector<CheckedArticle> check_articles(const CheckOptions& options, const Batch& batch,
                                           const RunFactsByRoot& facts, const RulesPerFile& rules);

// A rule's finding as the engine records it.
Diagnostic make_diagnostic(const Article& a, Location where, std::string_view rule, Severity severity,
                           std::string_view segment, std::string message);
// A finding's segment texts, capped (a reporter shows an excerpt).
std::string capped_segment_text(std::string_view text);

// 5. batch_phase.cpp
// Adds the batch rules' findings to `checked` (a finding goes to the
// article it is in), their notes to batch.notes and a batch rule that threw
// to batch.io_errors. With `report_in_context` (a sharded run that loaded
// the other shards as context), the rules place findings in context files
// too, and they are dropped there.
void run_batch_phase(const CheckOptions& options, Batch& batch, std::vector<CheckedArticle>& checked);

// 6. collate.cpp
CheckResult collate(const CheckOptions& options, Batch batch, const RulesPerFile& rules,
                    std::vector<CheckedArticle> checked);

}  // namespace tmlint
