// Stage 5 of run_check: the batch rules, once each, over every loaded
// article sorted by path, on one thread, after the article phase.
#include <unordered_map>

#include "engine/stages.h"

namespace tmlint {

void run_batch_phase(const CheckOptions& options, Batch& batch, const RunFactsByRoot& facts,
                     const RulesPerFile& rules, std::vector<CheckedArticle>& checked) {
  std::vector<const Article*> loaded;
  std::vector<SegmentTextCache*> loaded_texts;  // parallel to `loaded`
  std::unordered_map<const Article*, size_t> index_of;
  for (size_t i = 0; i < checked.size(); ++i) {
    if (!checked[i].article) continue;
    loaded.push_back(checked[i].article.get());
    loaded_texts.push_back(checked[i].text.get());
    index_of[checked[i].article.get()] = i;
  }
  if (loaded.empty()) return;
  const RunFacts& run_facts = facts.roots.begin()->second->facts;
  const std::vector<Rule>& all = all_rules();
  for (size_t k = 0; k < all.size(); ++k) {
    const Rule& rule = all[k];
    if (!rule.check_batch) continue;
    bool any = false;
    for (const Article* a : loaded) any |= rules.of(index_of[a])[k].enabled;
    if (!any) continue;
    ReportFn sink = [&, k](const Article& art, Location where, std::string_view segment, std::string message) {
      size_t i = index_of.at(&art);
      const EffectiveRule& eff = rules.of(i)[k];
      const LocaleProfile& locale = article_locale(art, run_facts);
      if (!eff.runs_in(all[k].info.id, locale) || batch.files[i].context_only) return;
      checked[i].diagnostics.push_back(make_diagnostic(art, where, all[k].info.id,
                                                       eff.severity_in(all[k].info.id, locale), segment,
                                                       std::move(message)));
    };
    BatchContext ctx{loaded, run_facts,
                     [&, k](const Article& a) -> const RuleOptions& { return rules.of(index_of.at(&a))[k].options; },
                     // With --context alone (pre-commit), a context file is seen, never
                     // reported: not enabled, so a rule reports in a named file instead.
                     // When sharding, the context files are the other shards' files:
                     // enabled, so every shard places a finding where the unsharded run
                     // does, and only the shard that owns that file keeps it.
                     [&, k](const Article& a) {
                       size_t i = index_of.at(&a);
                       return (!batch.files[i].context_only || options.shard_count > 1) &&
                              rules.of(i)[k].runs_in(all[k].info.id, article_locale(a, run_facts));
                     },
                     sink, loaded_texts,
                     [&, k](std::string message) { batch.notes.push_back({std::string(all[k].info.id), std::move(message)}); }};
    try {
      rule.check_batch(ctx);
    } catch (const std::exception& e) {
      batch.io_errors.push_back("internal error in rule " + std::string(rule.info.id) + ": " + e.what());
    }
  }
}

}  // namespace tmlint
