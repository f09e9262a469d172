#pragma once
// Runs the rules over a batch: finds the files, loads them on all cores, runs
// the per-article rules in parallel and the batch rules after, applies
// severities and inline suppressions, and returns the sorted diagnostics.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "article.h"
#include "config.h"
#include "diagnostic.h"

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
};

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
  std::vector<std::string> not_followed;  // symlinks not followed (warnings on stderr, exit unchanged)
};

CheckResult run_check(const CheckOptions& options);

}  // namespace tmlint
