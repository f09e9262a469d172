#pragma once
// Reporters turn a CheckResult into bytes. They never decide what is wrong.
#include <ostream>
#include <string>

#include "engine/run_check.h"
#include "report/batch_stats.h"

namespace tmlint {

struct TextStyle {
  bool color = false;
  bool quiet = false;  // no summary line
};

void write_text(std::ostream& out, const CheckResult& result, const TextStyle& style);
void write_json(std::ostream& out, const CheckResult& result);

// JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one
// <testsuite> per checked file, one <testcase> per (file, rule) that ran on
// it, a <failure> per finding. Valid against Jenkins' junit-10.xsd.
void write_junit(std::ostream& out, const CheckResult& result);

// SARIF 2.1.0: rules with help URIs, code-point columns, URIs relative to
// the batch root (uriBaseId ROOT), stable partialFingerprints, suppressed
// findings carried with `suppressions`.
void write_sarif(std::ostream& out, const CheckResult& result);

// GitHub Actions workflow commands (::error file=...,line=...::message),
// with a final notice when GitHub would not show them all.
void write_github(std::ostream& out, const CheckResult& result);

// A self-contained HTML page (no network, CSS and JS inline) for localizers:
// the batch summary, a sortable, filterable, paged table of the files
// (worst first) and each file's findings on their source/target pairs, the
// part the location points at marked. The data is one JSON blob in which no
// '<' is left raw, so file contents can never become markup. The filter is
// read from the URL fragment (report.html#rule=broken-link). `result`
// should have kept its articles (CheckOptions::keep_articles) for the marks
// and the context lines; without them the pairs are shown unmarked.
struct HtmlOptions {
  // Prefix of the rule pages: a finding of rule X links to BASE + "X.md".
  std::string rule_docs = "https://github.com/tmlint/tmlint/blob/main/docs/rules/";
  bool with_source = false;  // --source was given: staleness is known
};
void write_html(std::ostream& out, const CheckResult& result, const BatchStats& stats, const HtmlOptions& options = {});

// Count of findings per rule, most frequent first (like ruff --statistics).
void write_statistics(std::ostream& out, const CheckResult& result);

// Writes `content` to `path` atomically (temporary file in the same folder,
// then rename). Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace tmlint
