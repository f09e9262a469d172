// Stage 4 of run_check: each file read once, loaded, and checked by the
// per-article rules; files are handed to the workers one at a time, so all
// cores stay busy whatever the sizes. Everything a worker writes is its
// file's own CheckedArticle, so the workers share nothing but the counter.
#include <algorithm>
#include <atomic>
#include <thread>

#include "align/plain_article.h"
#include "engine/stages.h"
#include "load/loader.h"
#include "sources/source_history.h"
#include "sources/source_tree.h"

namespace tmlint {
namespace {

// A plain article (no sxs spans) with --source: aligned with the blob at
// its ms.sourcegitcommit when --source is in a git repository that has the
// commit (what was translated), else with the working file. A source that
// does not exist is source-missing's finding.
void align_with_source(Article& a, const RunFacts& facts, CheckedArticle& out) {
  if (!facts.source || !is_plain_article(a)) return;
  PlainAlignOptions options;
  options.locale = facts.locale;
  std::optional<std::string> source;
  const FrontMatterEntry* commit = a.front("ms.sourcegitcommit");
  if (facts.history && commit && facts.history->has_commit(commit->value)) {
    source = facts.history->file_at(commit->value, a.rel_path);
    if (source) {
      options.from_commit = true;
      options.source_path = a.rel_path + " at " + commit->value.substr(0, 12);
    }
  }
  if (!source) {
    source = facts.source->read(a.rel_path);
    options.source_path = a.rel_path + " (working file)";
  }
  // No source: source-missing's finding when the article has localization
  // metadata; a file without it (a README) is no translation we know of.
  if (!source) return;
  align_plain_article(a, std::move(*source), options);
  out.plain = a.plain ? (a.plain->from_commit ? PlainOrigin::Commit : PlainOrigin::WorkingFile) : PlainOrigin::None;
}

void check_one(const BatchFile& f, const RunFacts& facts, const std::vector<EffectiveRule>& eff,
               CheckedArticle& out) {
  const std::vector<Rule>& rules = all_rules();
  std::string bytes, error;
  if (!read_whole_file(f.disk_path, bytes, error)) {
    out.errors.push_back(f.display_path + ": " + error);
    return;
  }
  // Neither the loader nor a rule should throw; if one does, the file is
  // reported as not (fully) checked instead of the process ending.
  try {
    out.article = load_article(f.display_path, f.rel_path, std::move(bytes));
    align_with_source(*out.article, facts, out);
  } catch (const std::exception& e) {
    out.errors.push_back(f.display_path + ": internal error while loading: " + e.what());
    return;
  }
  out.text = std::make_unique<SegmentTextCache>(*out.article);
  const Article& a = *out.article;
  SegmentTextCache& text = *out.text;
  const LocaleProfile& locale = article_locale(a, facts);
  // A rule that throws is an error for this file, and the other rules run.
  auto run = [&](size_t k, void (*check)(const ArticleContext&), const ReportFn& sink) {
    try {
      check(ArticleContext{a, eff[k].options, facts, sink, text, locale});
    } catch (const std::exception& e) {
      out.errors.push_back(f.display_path + ": internal error in rule " + std::string(rules[k].info.id) + ": " +
                           e.what());
    }
  };
  const ReportFn drop = [](const Article&, Location, std::string_view, std::string) {};
  for (size_t k = 0; k < rules.size(); ++k)
    if (rules[k].prepare_article && eff[k].runs_in(rules[k].info.id, locale)) run(k, rules[k].prepare_article, drop);
  // A context file (--context) is only seen by the batch rules.
  for (size_t k = 0; k < rules.size(); ++k) {
    if (f.context_only || !rules[k].check_article || !eff[k].runs_in(rules[k].info.id, locale)) continue;
    const Severity severity = eff[k].severity_in(rules[k].info.id, locale);
    ReportFn sink = [&, k, severity](const Article& art, Location where, std::string_view segment, std::string message) {
      out.diagnostics.push_back(
          make_diagnostic(art, where, rules[k].info.id, severity, segment, std::move(message)));
    };
    run(k, rules[k].check_article, sink);
  }
  text.release_tokens();
}

}  // namespace

Diagnostic make_diagnostic(const Article& a, Location where, std::string_view rule, Severity severity,
                           std::string_view segment, std::string message) {
  Diagnostic d;
  d.path = a.path;
  d.location = where;
  d.rule = rule;
  d.severity = severity;
  d.segment = std::string(segment);
  d.message = std::move(message);
  return d;
}

std::vector<CheckedArticle> check_articles(const CheckOptions& options, const Batch& batch,
                                           const RunFactsByRoot& facts, const RulesPerFile& rules) {
  const size_t n = batch.files.size();
  std::vector<CheckedArticle> checked(n);
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0}, done{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      const BatchFile& f = batch.files[i];
      check_one(f, facts.of(f.root), rules.of(i), checked[i]);
      if (options.progress) options.progress(++done, n);
    }
  };
  if (jobs <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  return checked;
}

}  // namespace tmlint
