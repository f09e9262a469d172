// Stage 6 of run_check: the findings of every checked (not context) file
// with their segment texts and inline suppressions applied, the summary,
// and everything sorted, so the result is the same whatever --jobs.
#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "engine/stages.h"
#include "load/suppression.h"

namespace tmlint {
namespace {

// At most this many bytes of a segment's text go with each finding: a
// reporter shows an excerpt, and a 1 MB segment with thousands of findings
// must not cost a copy per finding (it took 24 GB before this bound).
constexpr size_t kMaxSegmentText = 4096;

std::string excerpt(std::string_view text) {
  if (text.size() <= kMaxSegmentText) return std::string(text);
  size_t cut = kMaxSegmentText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a whole code point
  return std::string(text.substr(0, cut)) + "\u2026";
}

// The texts of the segment a finding names, for reporters to show.
void attach_segment_texts(const Article& a, std::vector<Diagnostic>& findings) {
  // Segments by id (a map only when a scan per finding could cost more
  // than building it).
  std::unordered_map<std::string_view, const Segment*> segment_by_id;
  if (findings.size() > 8) {
    segment_by_id.reserve(a.segments.size());
    for (const Segment& s : a.segments) segment_by_id.try_emplace(s.id, &s);
  }
  for (Diagnostic& d : findings) {
    if (d.segment.empty()) continue;
    const Segment* seg = nullptr;
    if (!segment_by_id.empty()) {
      auto it = segment_by_id.find(d.segment);
      if (it != segment_by_id.end()) seg = it->second;
    } else {
      for (const Segment& s : a.segments)
        if (s.id == d.segment) {
          seg = &s;
          break;
        }
    }
    if (seg) {
      d.source_text = excerpt(seg->source.raw);
      d.target_text = excerpt(seg->target.raw);
    }
  }
}

}  // namespace

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
  if (!batch.files.empty())
    result.root = std::filesystem::absolute(batch.files.front().root).lexically_normal().generic_string();
  const std::vector<Rule>& all = all_rules();
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i].article || batch.files[i].context_only) continue;
    const Article& a = *checked[i].article;
    CheckedFile file{a.path, a.rel_path, {}};
    const LocaleProfile& locale = article_locale(a, !options.locale.empty() ? options.locale : options.config.locale);
    for (size_t k = 0; k < all.size(); ++k)
      if (rules.of(i)[k].runs_in(all[k].info.id, locale)) file.rules.push_back(all[k].info.id);
    result.files.push_back(std::move(file));
    ++(a.yaml_page ? result.summary.yaml_pages : result.summary.files);
    result.summary.segments += a.segments.size();
    if (checked[i].plain == PlainOrigin::Commit) ++result.summary.plain_from_commit;
    if (checked[i].plain == PlainOrigin::WorkingFile) ++result.summary.plain_from_working_file;
    if (!options.source_dir.empty() && !a.yaml_page && !a.front("ms.openlocfilehash")) ++result.summary.unknown_staleness;
    attach_segment_texts(a, checked[i].diagnostics);
    for (Diagnostic& d : checked[i].diagnostics) {
      d.rel_path = a.rel_path;
      const Rule* r = find_rule(d.rule);
      d.suppressed = is_suppressed(a, d.location.line, d.rule, r ? r->info.category : std::string_view());
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
    for (size_t i = 0; i < checked.size(); ++i)
      if (checked[i].article && !batch.files[i].context_only) result.articles.push_back(std::move(checked[i].article));
  return result;
}

}  // namespace tmlint
