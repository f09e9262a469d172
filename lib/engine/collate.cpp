// Stage 6 of run_check: the findings of every checked (not context) file
// (the article phase applied suppressions and attached segment texts), the
// summary, and everything sorted, so the result is the same whatever --jobs.
#include <algorithm>
#include <filesystem>
#include "engine/stages.h"

namespace tmlint {

std::string plain_source_note(const Summary& summary) {
  size_t c = summary.plain_from_commit, w = summary.plain_from_working_file;
  if (!c && !w) return {};
  std::string out = std::to_string(c + w) + " plain article" + (c + w == 1 ? "" : "s") + " aligned with --source: ";
  if (c) out += std::to_string(c) + " with the source at its ms.sourcegitcommit";
  if (c && w) out += ", ";
  if (w)
    out += std::to_string(w) + " with the working file (--source is not in a git repository that has " +
           (w == 1 ? "its commit" : "their commits") + ", so what was translated may differ)";
  return out;
}

CheckResult collate(const CheckOptions& options, Batch batch, const RulesPerFile& rules,
                    std::vector<CheckedArticle> checked) {
  CheckResult result;
  result.io_errors = std::move(batch.io_errors);
  result.not_followed = std::move(batch.not_followed);
  for (CheckedArticle& c : checked)
    for (std::string& e : c.errors) result.io_errors.push_back(std::move(e));
  if (!batch.files.empty() || !batch.root.empty()) {
    const std::string& root = batch.root.empty() ? batch.files.front().root : batch.root;
    result.root = std::filesystem::absolute(root).lexically_normal().generic_string();
  }
  for (size_t i = 0; i < checked.size(); ++i) {
    CheckedArticle& c = checked[i];
    if (options.keep_facts && c.facts) result.facts.push_back(std::move(*c.facts));
    result.facts_from_cache += c.from_cache;
    if (!c.loaded || batch.files[i].context_only) continue;
    result.files.push_back(std::move(c.file));
    ++(c.yaml_page ? result.summary.yaml_pages : result.summary.files);
    result.summary.segments += c.segments;
    if (c.plain == PlainOrigin::Commit) ++result.summary.plain_from_commit;
    if (c.plain == PlainOrigin::WorkingFile) ++result.summary.plain_from_working_file;
    result.summary.unknown_staleness += c.unknown_staleness;
    for (Diagnostic& d : c.diagnostics) {
      if (d.suppressed) ++result.summary.suppressed;
      else if (d.severity == Severity::Error) ++result.summary.errors;
      else if (d.severity == Severity::Warning) ++result.summary.warnings;
      else ++result.summary.infos;
      result.diagnostics.push_back(std::move(d));
    }
  }
  std::sort(result.diagnostics.begin(), result.diagnostics.end());
  result.summary.notes = std::move(batch.notes);
  std::sort(result.summary.notes.begin(), result.summary.notes.end());
  result.summary.notes.erase(std::unique(result.summary.notes.begin(), result.summary.notes.end()),
                             result.summary.notes.end());
  std::sort(result.io_errors.begin(), result.io_errors.end());
  if (options.keep_articles)
    for (CheckedArticle& c : checked)
      if (c.article) result.articles.push_back(std::move(c.article));
  return result;
}

}  // namespace tmlint
