// Stage 4 of run_check: each file read once, loaded, and checked by the
// per-article rules; files are handed to the workers one at a time, so all
// cores stay busy whatever the sizes. Everything a worker writes is its
// file's own CheckedArticle, so the workers share nothing but the counter.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>
#include <unordered_map>

#include "align/plain_article.h"
#include "base/hash64.h"
#include "engine/facts_cache.h"
#include "engine/stages.h"
#include "load/loader.h"
#include "load/suppression.h"
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

// The texts of the segment each finding names, for reporters to show.
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
      d.source_text = capped_segment_text(seg->source.raw);
      d.target_text = capped_segment_text(seg->target.raw);
    }
  }
}

// The batch rules' facts of one article: its identity, its suppressions,
// each batch rule's setting here, and each wanted group's facts.
std::unique_ptr<ArticleFacts> collect_facts(const BatchFile& f, const Article& a, const RunFacts& facts,
                                            const std::vector<EffectiveRule>& eff, const std::vector<bool>& wanted,
                                            SegmentTextCache& text, const LocaleProfile& locale,
                                            CheckedArticle& out) {
  const std::vector<Rule>& rules = all_rules();
  auto af = std::make_unique<ArticleFacts>();
  af->path = a.path;
  af->rel_path = a.rel_path;
  af->locale = std::string(locale.tag());
  af->context_only = f.context_only;
  af->directives = a.directives;
  const ReportFn drop = [](const Article&, Location, std::string_view, std::string) {};
  for (size_t k = 0; k < rules.size(); ++k) {
    if (!rules[k].check_batch) continue;
    const std::string_view id = rules[k].info.id;
    af->rules.push_back({std::string(id), eff[k].runs_in(id, locale), eff[k].severity_in(id, locale),
                         eff[k].options.values()});
    if (!wanted[k] || !rules[k].collect_facts) continue;
    const std::string group(rules[k].group());
    if (af->groups.count(group)) continue;  // collected for an earlier rule of the group
    std::string& bytes = af->groups[group];
    try {
      FactWriter writer(bytes);
      rules[k].collect_facts(ArticleContext{a, eff[k].options, facts, drop, text, locale}, writer);
      bytes.shrink_to_fit();  // kept for the whole batch: no doubling slack
    } catch (const std::exception& e) {
      bytes.clear();
      out.errors.push_back(f.display_path + ": internal error in rule " + std::string(id) + ": " + e.what());
    }
  }
  std::sort(af->rules.begin(), af->rules.end(),
            [](const BatchRuleSetting& x, const BatchRuleSetting& y) { return x.rule < y.rule; });
  return af;
}

// The facts cache of one run (engine/facts_cache.h): per batch root, and
// when the run began, which tells racy mtimes.
struct CacheRun {
  std::map<std::string, FactsCache> by_root;
  int64_t started_ns = 0;
  const FactsCache* of(const std::string& root) const {
    auto it = by_root.find(root);
    return it == by_root.end() ? nullptr : &it->second;
  }
};

// What an article changes in the cache: its entry, and the record when new.
struct CacheUpdate {
  FactsEntry entry;
  std::string record;  // empty: the entry's record is the cached one
};

// A context file's facts from the cache, when its entry holds for the file
// as it is now; `bytes` keeps what was read to decide, for the loader.
bool use_cached_facts(const BatchFile& f, const FactsCache& cache, const FileStamp& stamp, int64_t started_ns,
                      std::string& bytes, bool& have_bytes, CheckedArticle& out, std::optional<CacheUpdate>& update) {
  bool needs_hash = false;
  const FactsEntry* e = cache.find(f.rel_path, stamp, needs_hash);
  if (!e) return false;
  if (needs_hash) {
    std::string error;
    if (!read_whole_file(f.disk_path, bytes, error)) return false;  // loading it reports the error
    have_bytes = true;
    if (bytes.size() != e->size) return false;
    if (hash64(bytes) != e->content_hash) return false;
  }
  ArticleFacts facts;
  try {
    facts = read_article_facts(e->record);
  } catch (const BadFacts&) {
    return false;  // a damaged record: loaded as without the cache
  }
  if (facts.rel_path != f.rel_path) return false;
  facts.path = f.display_path;
  facts.context_only = f.context_only;
  if (needs_hash) {  // the same bytes under a new stamp (a checkout, a touch)
    FactsEntry refreshed = *e;
    refreshed.size = stamp.size;
    refreshed.mtime_ns = stamp.mtime_ns;
    refreshed.racy = stamp.mtime_ns > started_ns - FactsCache::kRacyNs;
    update = CacheUpdate{refreshed, {}};
  }
  out.facts = std::make_unique<ArticleFacts>(std::move(facts));
  out.loaded = true;
  out.from_cache = true;
  return true;
}

void check_one(const CheckOptions& options, const BatchFile& f, const RunFacts& facts,
               const std::vector<EffectiveRule>& eff, const std::vector<bool>& wanted, const FactsCache* cache,
               int64_t started_ns, CheckedArticle& out, std::optional<CacheUpdate>& update) {
  const std::vector<Rule>& rules = all_rules();
  std::string bytes, error;
  bool have_bytes = false;
  // With the cache, every file is stamped (size, mtime) before it is read:
  // a context file whose entry holds is not read or loaded at all; the
  // others are, and their facts refresh the cache.
  FileStamp stamp;
  if (cache) {
    stamp = stamp_of(f.disk_path);
    if (f.context_only && use_cached_facts(f, *cache, stamp, started_ns, bytes, have_bytes, out, update)) return;
  }
  if (!have_bytes && !read_whole_file(f.disk_path, bytes, error)) {
    out.errors.push_back(f.display_path + ": " + error);
    return;
  }
  const uint64_t content_hash = cache ? hash64(bytes) : 0;
  const uint64_t content_size = bytes.size();
  std::unique_ptr<Article> article;
  // Neither the loader nor a rule should throw; if one does, the file is
  // reported as not (fully) checked instead of the process ending.
  try {
    article = load_article(f.display_path, f.rel_path, std::move(bytes));
    align_with_source(*article, facts, out);
  } catch (const std::exception& e) {
    out.errors.push_back(f.display_path + ": internal error while loading: " + e.what());
    return;
  }
  const Article& a = *article;
  SegmentTextCache text(a);
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
  const size_t errors_before = out.errors.size();
  const uint64_t lookups_before = tree_lookups;
  out.facts = collect_facts(f, a, facts, eff, wanted, text, locale, out);
  // Facts a rule failed on are not cached; facts that asked the tree are
  // cached as depending on it (engine/facts_cache.h).
  if (cache && stamp.ok && out.errors.size() == errors_before) {
    FactsEntry entry;
    entry.size = stamp.size;
    entry.mtime_ns = stamp.mtime_ns;
    entry.content_hash = content_hash;
    // Changed between the stamp and the read, or too recent to trust the
    // stamp alone: the hash decides next time.
    entry.racy = content_size != stamp.size || stamp.mtime_ns > started_ns - FactsCache::kRacyNs;
    entry.tree_dependent = tree_lookups != lookups_before;
    std::string record;
    write_article_facts(*out.facts, record);
    update = CacheUpdate{entry, std::move(record)};
  }

  // What is left of the article once it is freed: its findings, finished
  // (the rest of collate's work on them is sorting), and its counts.
  out.loaded = true;
  out.yaml_page = a.yaml_page;
  out.segments = a.segments.size();
  out.unknown_staleness = !options.source_dir.empty() && !a.yaml_page && !a.front("ms.openlocfilehash");
  if (!f.context_only) {
    out.file = CheckedFile{a.path, a.rel_path, {}};
    for (size_t k = 0; k < rules.size(); ++k)
      if (eff[k].runs_in(rules[k].info.id, locale)) out.file.rules.push_back(rules[k].info.id);
    attach_segment_texts(a, out.diagnostics);
    for (Diagnostic& d : out.diagnostics) {
      d.rel_path = a.rel_path;
      const Rule* r = find_rule(d.rule);
      d.suppressed = is_suppressed(a, d.location.line, d.rule, r ? r->info.category : std::string_view());
    }
  }
  if (options.keep_articles && !f.context_only) out.article = std::move(article);
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

std::string capped_segment_text(std::string_view text) {
  // A 1 MB segment with thousands of findings must not cost a copy per
  // finding (it took 24 GB before this bound).
  constexpr size_t kMaxSegmentText = 4096;
  if (text.size() <= kMaxSegmentText) return std::string(text);
  size_t cut = kMaxSegmentText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a whole code point
  return std::string(text.substr(0, cut)) + "\u2026";
}

std::vector<CheckedArticle> check_articles(const CheckOptions& options, const Batch& batch,
                                           const RunFactsByRoot& facts, const RulesPerFile& rules) {
  const size_t n = batch.files.size();
  // A batch rule's facts are collected from every article when the rule may
  // run in any file (a locale default may still turn it off there): the
  // anchors of an article the rule is off in are still link targets.
  const std::vector<Rule>& all = all_rules();
  std::vector<bool> wanted(all.size(), false);
  for (size_t k = 0; k < all.size(); ++k)
    for (size_t i = 0; i < n && !wanted[k]; ++i)
      wanted[k] = all[k].check_batch && (rules.of(i)[k].enabled || !rules.of(i)[k].enabled_by_user);
  // A shard that leaves the batch rules to `tmlint merge` cannot tell from
  // its own files whether an override turns a rule on in another shard's:
  // with overrides it collects every batch rule's facts (a rule that is off
  // everywhere just does not run in the merge).
  if (options.defers_batch_rules() && !options.config.overrides.empty())
    for (size_t k = 0; k < all.size(); ++k) wanted[k] = wanted[k] || all[k].check_batch;
  std::vector<CheckedArticle> checked(n);
  // The facts cache, per batch root, when the run has a cache folder.
  CacheRun cache;
  std::vector<std::optional<CacheUpdate>> updates(n);
  // Only a run that has context files (--context), or that walks a folder
  // (which fills the cache for the next --context run), opens the cache: a
  // run of named files alone would read it whole for nothing.
  bool use_cache = !options.cache_dir.empty() && n && options.paths.empty();
  for (size_t i = 0; i < n && !options.cache_dir.empty() && !use_cache; ++i) use_cache = batch.files[i].context_only;
  for (const std::string& p : options.paths) {
    std::error_code ec;
    use_cache |= !options.cache_dir.empty() && n && std::filesystem::is_directory(p, ec);
  }
  if (use_cache) {
    cache.started_ns = now_ns();
    const uint64_t key = facts_run_key(options, wanted, facts.history.get());
    for (const auto& [root, slot] : facts.roots) {
      std::error_code ec;
      // "docs", "docs/" and "docs/." are one root, one cache file.
      std::filesystem::path abs_path = std::filesystem::absolute(root, ec).lexically_normal();
      if (!abs_path.has_filename() && abs_path.has_parent_path() && abs_path != abs_path.root_path())
        abs_path = abs_path.parent_path();
      const std::string abs = abs_path.generic_string();
      const uint64_t tree = hash64_combine(slot->batch_files.fingerprint(), slot->redirects.fingerprint());
      cache.by_root.emplace(root, FactsCache::open(options.cache_dir, abs, key, tree));
    }
  }
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0}, done{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      const BatchFile& f = batch.files[i];
      check_one(options, f, facts.of(f.root), rules.of(i), wanted, cache.of(f.root), cache.started_ns, checked[i],
                updates[i]);
      if (options.facts_sink && options.defers_batch_rules() && checked[i].facts) {
        options.facts_sink(*checked[i].facts);
        checked[i].facts.reset();
      }
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
  if (!cache.by_root.empty()) {
    std::map<std::string, std::vector<std::string>> seen;  // per root: the batch's paths
    for (size_t i = 0; i < n; ++i) {
      const BatchFile& f = batch.files[i];
      seen[f.root].push_back(f.rel_path);
      if (updates[i]) cache.by_root.at(f.root).put(f.rel_path, updates[i]->entry, std::move(updates[i]->record));
    }
    for (auto& [root, c] : cache.by_root) {
      // A --context run saw the whole root: entries of files no longer
      // there (deleted, renamed, excluded) go.
      if (options.context) c.keep_only(seen[root]);
      c.save();
    }
  }
  return checked;
}

}  // namespace tmlint
