// Stage 5 of run_check: the batch rules, once each, over the facts of every
// loaded article sorted by path (model/article_facts.h), each rule on one
// thread and the rules side by side on --jobs threads, after the article
// phase has freed the articles. `tmlint merge` runs the
// same function over the facts of every shard.
#include <algorithm>
#include <atomic>
#include <iterator>
#include <thread>
#include <unordered_map>

#include "engine/stages.h"
#include "load/suppression.h"

namespace tmlint {

namespace {

// One batch rule over the facts of the batch, its findings, notes and
// errors into `out`.
void run_batch_rule(const Rule& rule, const std::vector<const ArticleFacts*>& articles, bool report_in_context,
                    BatchFindings& out) {
  {
    const std::string_view id = rule.info.id;
    // This rule's setting in each article, and its options there.
    std::vector<const BatchRuleSetting*> settings(articles.size());
    std::vector<RuleOptions> options(articles.size());
    bool any = false;
    for (size_t i = 0; i < articles.size(); ++i) {
      settings[i] = articles[i]->setting(id);
      if (settings[i]) options[i] = RuleOptions(settings[i]->options);
      any |= settings[i] && settings[i]->enabled && !articles[i]->context_only;
    }
    if (!any && !report_in_context) return;
    // With --context alone (pre-commit), a context file is seen, never
    // reported: not enabled, so a rule reports in a named file instead.
    // When sharding with --context, the context files are the other shards'
    // files: enabled, so every shard places a finding where the unsharded
    // run does, and only the shard that owns that file keeps it.
    auto enabled = [&](size_t i) {
      return settings[i] && settings[i]->enabled && (!articles[i]->context_only || report_in_context);
    };
    auto sink = [&](size_t i, Location where, std::string_view segment, std::string message, SegmentTexts texts) {
      if (i >= articles.size() || !enabled(i) || articles[i]->context_only) return;
      const ArticleFacts& a = *articles[i];
      Diagnostic d;
      d.path = a.path;
      d.rel_path = a.rel_path;
      d.location = where;
      d.rule = id;
      d.severity = settings[i]->severity;
      d.segment = std::string(segment);
      d.message = std::move(message);
      d.source_text = capped_segment_text(texts.source);
      d.target_text = capped_segment_text(texts.target);
      d.suppressed = is_suppressed(a.directives, where.line, id, rule.info.category);
      out.diagnostics.push_back(std::move(d));
    };
    BatchContext ctx{articles, id, rule.group(), enabled,
                     [&](size_t i) -> const RuleOptions& { return options.at(i); }, sink,
                     [&](std::string message) { out.notes.push_back({std::string(id), std::move(message)}); }};
    try {
      rule.check_batch(ctx);
    } catch (const std::exception& e) {
      out.errors.push_back("internal error in rule " + std::string(id) + ": " + e.what());
    }
  }
}

}  // namespace

BatchFindings run_batch_rules(const std::vector<const ArticleFacts*>& articles, bool report_in_context,
                              unsigned jobs) {
  BatchFindings out;
  if (articles.empty()) return out;
  std::vector<const Rule*> rules;
  for (const Rule& rule : all_rules())
    if (rule.check_batch) rules.push_back(&rule);
  // The rules are independent of each other and read the facts only, so
  // they run side by side, each into its own findings; those are joined in
  // rule order, so the result is the same whatever `jobs`.
  std::vector<BatchFindings> per_rule(rules.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k = next++; k < rules.size(); k = next++)
      run_batch_rule(*rules[k], articles, report_in_context, per_rule[k]);
  };
  jobs = static_cast<unsigned>(std::min<size_t>(std::max(jobs, 1u), rules.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (BatchFindings& f : per_rule) {
    std::move(f.diagnostics.begin(), f.diagnostics.end(), std::back_inserter(out.diagnostics));
    std::move(f.notes.begin(), f.notes.end(), std::back_inserter(out.notes));
    std::move(f.errors.begin(), f.errors.end(), std::back_inserter(out.errors));
  }
  return out;
}

void run_batch_phase(const CheckOptions& options, Batch& batch, std::vector<CheckedArticle>& checked) {
  if (options.defers_batch_rules()) return;
  std::vector<const ArticleFacts*> facts;
  std::vector<size_t> index;  // facts[j] is checked[index[j]]'s
  for (size_t i = 0; i < checked.size(); ++i)
    if (checked[i].facts) {
      facts.push_back(checked[i].facts.get());
      index.push_back(i);
    }
  const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  BatchFindings found = run_batch_rules(facts, options.shard_count > 1, jobs);
  // Findings back to their files, by path.
  std::unordered_map<std::string_view, size_t> by_path;
  for (size_t j = 0; j < facts.size(); ++j) by_path.emplace(facts[j]->path, index[j]);
  for (Diagnostic& d : found.diagnostics)
    if (auto it = by_path.find(d.path); it != by_path.end()) checked[it->second].diagnostics.push_back(std::move(d));
  for (RunNote& n : found.notes) batch.notes.push_back(std::move(n));
  for (std::string& e : found.errors) batch.io_errors.push_back(std::move(e));
}

}  // namespace tmlint
