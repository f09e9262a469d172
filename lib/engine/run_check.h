#pragma once
// Runs the rules over a batch: finds the files, loads them on all cores, runs
// the per-article rules in parallel and the batch rules after, applies
// severities and inline suppressions, and returns the sorted diagnostics.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/config.h"
#include "model/article.h"
#include "model/article_facts.h"
#include "model/diagnostic.h"

namespace tmlint {

struct CheckOptions {
  std::vector<std::string> paths;      // files or directories, as typed
  std::string root;                    // batch root; empty: derived from paths
  std::string source_dir;              // --source, or empty
  unsigned jobs = 0;                   // 0: all cores
  std::string locale;                  // --locale
  std::vector<std::string> select, ignore;
  Config config;
  // Also load the other articles under the batch root of the files named,
  // so batch rules (duplicate-locfileid, broken-anchor...) compare the named
  // files with the whole batch. Findings are still reported for the named
  // files only.
  bool context = false;
  // --tm FILE.tmx: a reference translation memory the tm-deviation rule
  // compares segments with (the engine reads it; rules only look up).
  std::string tm_path;
  // Hand the loaded articles back in CheckResult::articles (tmlint align
  // exports them); off for `check`, which needs only the findings.
  bool keep_articles = false;
  // Hand every article's batch facts back in CheckResult::facts, and skip
  // the batch rules when sharding without --context: `tmlint merge` runs
  // them over every shard's facts.
  bool keep_facts = false;
  // With keep_facts, in a run that defers its batch rules: each article's
  // facts are handed to this (from the worker threads, concurrently) and
  // freed, instead of kept in CheckResult::facts, so a shard's memory is its
  // articles in flight, not its facts.
  std::function<void(const ArticleFacts&)> facts_sink;
  // --shard K/N: check only the files whose path hash falls in shard K
  // (0-based here) of N. With `context`, the other shards' files are loaded
  // as context, so batch rules see the whole batch.
  unsigned shard_index = 0, shard_count = 1;
  // A shard without --context that hands its facts on: its batch rules are
  // left to `tmlint merge` (over its own files they would be half the truth).
  bool defers_batch_rules() const { return keep_facts && shard_count > 1 && !context; }
  // Called from the worker threads (concurrently) after each file is
  // loaded and checked: files done, files in all. The CLI draws a progress
  // line from it on a terminal.
  std::function<void(size_t done, size_t total)> progress;
  // The facts cache's folder (--cache-dir, else $XDG_CACHE_HOME/tmlint or
  // ~/.cache/tmlint; docs/cache.md); empty: no cache (--no-cache, and
  // every caller but `check`). Findings are the same either way.
  std::string cache_dir;
};

// The shard (0-based) of N a batch-relative path belongs to: FNV-1a of the
// path, so the split is the same on every machine and every run.
unsigned shard_of(std::string_view rel_path, unsigned shard_count);

// A fact about the whole run that no finding carries, said once: the
// --source repository holds none of the commits the batch names
// (unknown-source-commit). Not a finding: it counts for no severity and
// never changes the exit code.
struct RunNote {
  std::string rule;     // the rule that noted it
  std::string message;
  auto operator<=>(const RunNote&) const = default;
};

struct Summary {
  size_t files = 0;        // Markdown articles
  size_t yaml_pages = 0;   // TOC.yml files checked for their links
  size_t segments = 0;
  size_t errors = 0, warnings = 0, infos = 0;
  size_t suppressed = 0;
  size_t baselined = 0;    // hidden by --baseline
  // With --source: articles without ms.openlocfilehash (include files,
  // READMEs), whose staleness cannot be known. 0 without --source.
  size_t unknown_staleness = 0;
  std::vector<RunNote> notes;  // sorted, each once; reporters show them with the summary
  // Plain articles (no sxs spans) aligned with their --source: with the
  // blob at their ms.sourcegitcommit, or with the working file.
  size_t plain_from_commit = 0, plain_from_working_file = 0;
};

// The note a run with plain articles prints once: what their sources were.
// Empty when no plain article was aligned.
std::string plain_source_note(const Summary& summary);

// What was checked in one file: reporters that count passing checks (JUnit)
// need the rules that ran, not only the findings.
struct CheckedFile {
  std::string path;                     // as reached from the command line
  std::string rel_path;
  std::vector<std::string_view> rules;  // enabled rule ids, sorted
};

struct CheckResult {
  std::vector<Diagnostic> diagnostics;  // sorted; suppressed ones included, flagged
  std::vector<CheckedFile> files;       // sorted by path
  std::string root;                     // the (first) batch root, absolute
  Summary summary;
  std::vector<std::string> io_errors;   // paths that could not be read or walked (exit 2)
  // With CheckOptions::keep_facts: every loaded article's facts (context
  // files included), sorted by path: what a shard writes for `tmlint merge`.
  std::vector<ArticleFacts> facts;
  // With CheckOptions::keep_articles: the checked articles, sorted by path.
  std::vector<std::unique_ptr<Article>> articles;
  std::vector<std::string> not_followed;  // symlinks not followed (warnings on stderr, exit unchanged)
  // Context files whose facts came from the facts cache (not read, not loaded).
  size_t facts_from_cache = 0;
};

CheckResult run_check(const CheckOptions& options);

// The batch rules over the facts of a batch (sorted by path): the check's
// batch phase, and `tmlint merge`'s over the facts of every shard. With
// `report_in_context`, rules place findings in context files as if they
// were checked (a sharded run with --context), and those are dropped.
struct BatchFindings {
  std::vector<Diagnostic> diagnostics;  // with severity, suppression and texts; unsorted
  std::vector<RunNote> notes;
  std::vector<std::string> errors;      // a batch rule that threw
};
// `jobs`: how many rules run at once (the result is the same whatever it is).
BatchFindings run_batch_rules(const std::vector<const ArticleFacts*>& articles, bool report_in_context,
                              unsigned jobs = 1);

}  // namespace tmlint
