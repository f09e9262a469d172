#include "engine/run_check.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "load/file_walker.h"
#include "load/loader.h"
#include "load/suppression.h"
#include "sources/redirects.h"
#include "sources/reference_tm.h"
#include "sources/source_history.h"
#include "sources/source_tree.h"
#include "sources/tree_index.h"

namespace tmlint {
namespace {

// --source DIR: rules read source files through this, never the disk.
class DiskSourceTree : public SourceTree {
 public:
  explicit DiskSourceTree(std::string root) : root_(std::move(root)) {}
  std::optional<std::string> read(std::string_view rel) const override {
    if (!safe(rel)) return std::nullopt;
    // Lexically inside is not enough: a symlink in the source tree may lead
    // anywhere. Only what resolves inside the root is read.
    std::string bytes, error;
    if (!read_file_inside(root_, std::string(rel), bytes, error)) return std::nullopt;
    return bytes;
  }
  bool exists(std::string_view rel) const override {
    if (!safe(rel)) return false;
    std::error_code ec;
    return std::filesystem::is_regular_file(root_ + "/" + std::string(rel), ec);
  }

 private:
  // Lexically inside the root: not absolute, no "..".
  static bool safe(std::string_view rel) {
    if (rel.empty() || rel.front() == '/') return false;
    size_t i = 0;
    while (i <= rel.size()) {
      size_t j = rel.find('/', i);
      if (j == std::string_view::npos) j = rel.size();
      if (rel.substr(i, j - i) == "..") return false;
      i = j + 1;
    }
    return true;
  }
  std::string root_;
};

// What rules may know about one batch root.
struct RootFacts {
  TreeIndex batch_files;
  TreeIndex source_files;
  Redirects redirects;
  std::unique_ptr<DiskSourceTree> source;
  std::unique_ptr<SourceHistory> history;
  RunFacts facts;
};

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

// --context: the rest of each batch root, marked context-only.
void add_context_files(std::vector<BatchFile>& files, const RuleResolver& resolver) {
  std::set<std::string> roots, named;
  for (const BatchFile& f : files) {
    roots.insert(f.root);
    std::error_code ec;
    named.insert(std::filesystem::weakly_canonical(f.disk_path, ec).string());
  }
  for (const std::string& root : roots) {
    Discovery more = discover_files({root}, root);
    for (BatchFile& f : more.files) {
      std::error_code ec;
      if (named.count(std::filesystem::weakly_canonical(f.disk_path, ec).string()) || resolver.excluded(f.rel_path))
        continue;
      f.context_only = true;
      files.push_back(std::move(f));
    }
  }
}

Redirects load_redirects(const std::string& root) {
  std::string bytes, error;
  if (!read_file_inside(root, ".openpublishing.redirection.json", bytes, error)) return {};
  return Redirects::parse(bytes);
}

}  // namespace

unsigned shard_of(std::string_view rel_path, unsigned shard_count) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : rel_path) h = (h ^ c) * 1099511628211ull;
  return shard_count ? static_cast<unsigned>(h % shard_count) : 0;
}

CheckResult run_check(const CheckOptions& options) {
  CheckResult result;
  RuleResolver resolver(options.config, options.select, options.ignore);
  std::vector<std::string> paths = options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
  Discovery found = discover_files(paths, options.root);
  result.io_errors = std::move(found.io_errors);
  result.not_followed = std::move(found.not_followed);

  std::vector<BatchFile> files;
  for (auto& f : found.files)
    if (!resolver.excluded(f.rel_path) &&
        (options.shard_count <= 1 || shard_of(f.rel_path, options.shard_count) == options.shard_index))
      files.push_back(std::move(f));
  if (options.context) {
    add_context_files(files, resolver);
    // Batch rules see the articles sorted by path, context or not, so a
    // sharded run with context reports what the whole run reports.
    std::sort(files.begin(), files.end(),
              [](const BatchFile& a, const BatchFile& b) { return a.display_path < b.display_path; });
  }

  // --tm: read once, shared by every root.
  std::unique_ptr<ReferenceTm> tm;
  if (!options.tm_path.empty()) {
    std::string bytes, error;
    if (!read_whole_file(options.tm_path, bytes, error)) {
      result.io_errors.push_back(options.tm_path + ": " + error);
    } else if (auto parsed = ReferenceTm::parse(bytes, error)) {
      tm = std::make_unique<ReferenceTm>(std::move(*parsed));
    } else {
      result.io_errors.push_back(options.tm_path + ": " + error);
    }
  }

  // Facts per batch root (usually one).
  std::map<std::string, std::unique_ptr<RootFacts>> roots;
  for (const BatchFile& f : files) {
    auto& slot = roots[f.root];
    if (slot) continue;
    slot = std::make_unique<RootFacts>();
    slot->batch_files = TreeIndex::build(f.root);
    slot->redirects = load_redirects(f.root);
    slot->facts.locale = !options.locale.empty() ? options.locale : options.config.locale;
    slot->facts.batch_files = &slot->batch_files;
    slot->facts.redirects = &slot->redirects;
    slot->facts.glossary = &options.config.glossary;
    slot->facts.tm = tm.get();
    if (!options.source_dir.empty()) {
      slot->source = std::make_unique<DiskSourceTree>(options.source_dir);
      slot->source_files = TreeIndex::build(options.source_dir);
      slot->facts.source = slot->source.get();
      slot->facts.source_files = &slot->source_files;
      slot->history = open_source_history(options.source_dir);
      slot->facts.history = slot->history.get();
    }
  }
  if (!options.source_dir.empty() && !std::filesystem::is_directory(options.source_dir))
    result.io_errors.push_back(options.source_dir + ": --source is not a directory");

  const std::vector<Rule>& rules = all_rules();
  const size_t n = files.size();
  std::vector<std::unique_ptr<Article>> articles(n);
  // One text cache per loaded article, kept for the batch rules (segment_text.h).
  std::vector<std::unique_ptr<SegmentTextCache>> texts(n);
  std::vector<std::vector<Diagnostic>> per_file(n);
  std::vector<std::vector<std::string>> file_errors(n);

  // The rules as configured for each file. A file's path only matters
  // through the overrides it matches, so files matching the same overrides
  // share one resolution (with no overrides: one for the whole batch).
  std::vector<std::vector<EffectiveRule>> resolutions;
  std::vector<const std::vector<EffectiveRule>*> effective(n);
  {
    std::map<std::vector<bool>, size_t> by_overrides;
    std::vector<size_t> resolution_of(n);
    for (size_t i = 0; i < n; ++i) {
      std::vector<bool> matched;
      matched.reserve(options.config.overrides.size());
      for (const Override& o : options.config.overrides)
        matched.push_back(std::any_of(o.files.begin(), o.files.end(),
                                      [&](const std::string& g) { return glob_match(g, files[i].rel_path); }));
      auto [at, added] = by_overrides.try_emplace(std::move(matched), resolutions.size());
      if (added) {
        std::vector<EffectiveRule> set;
        set.reserve(rules.size());
        for (const Rule& r : rules) set.push_back(resolver.resolve(r, files[i].rel_path));
        resolutions.push_back(std::move(set));
      }
      resolution_of[i] = at->second;
    }
    for (size_t i = 0; i < n; ++i) effective[i] = &resolutions[resolution_of[i]];
  }

  auto work = [&](size_t i) {
    const BatchFile& f = files[i];
    std::string bytes, error;
    if (!read_whole_file(f.disk_path, bytes, error)) {
      file_errors[i].push_back(f.display_path + ": " + error);
      return;
    }
    // Neither the loader nor a rule should throw; if one does, the file is
    // reported as not (fully) checked instead of the process ending.
    try {
      articles[i] = load_article(f.display_path, f.rel_path, std::move(bytes));
    } catch (const std::exception& e) {
      file_errors[i].push_back(f.display_path + ": internal error while loading: " + e.what());
      return;
    }
    texts[i] = std::make_unique<SegmentTextCache>(*articles[i]);
    const Article& a = *articles[i];
    const RunFacts& facts = roots.at(f.root)->facts;
    const std::vector<EffectiveRule>& eff = *effective[i];
    SegmentTextCache& text = *texts[i];
    // A rule that throws is an error for this file, and the other rules run.
    auto run = [&](size_t k, void (*check)(const ArticleContext&), const ReportFn& sink) {
      try {
        check(ArticleContext{a, eff[k].options, facts, sink, text});
      } catch (const std::exception& e) {
        file_errors[i].push_back(f.display_path + ": internal error in rule " + std::string(rules[k].info.id) +
                                 ": " + e.what());
      }
    };
    const ReportFn drop = [](const Article&, Location, std::string_view, std::string) {};
    for (size_t k = 0; k < rules.size(); ++k)
      if (rules[k].prepare_article && eff[k].enabled) run(k, rules[k].prepare_article, drop);
    // A context file (--context) is only seen by the batch rules.
    for (size_t k = 0; k < rules.size(); ++k) {
      if (f.context_only || !rules[k].check_article || !eff[k].enabled) continue;
      ReportFn sink = [&, k](const Article& art, Location where, std::string_view segment, std::string message) {
        per_file[i].push_back(
            make_diagnostic(art, where, rules[k].info.id, eff[k].severity, segment, std::move(message)));
      };
      run(k, rules[k].check_article, sink);
    }
    text.release_tokens();
  };

  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<size_t>(jobs, std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0}, done{0};
  auto worker = [&] {
    for (size_t i = next++; i < n; i = next++) {
      work(i);
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
  for (auto& errors : file_errors)
    for (auto& e : errors) result.io_errors.push_back(std::move(e));

  // Batch rules, over every loaded article sorted by path.
  std::vector<const Article*> loaded;
  std::vector<SegmentTextCache*> loaded_texts;  // parallel to `loaded`
  std::unordered_map<const Article*, size_t> index_of;
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i]) continue;
    loaded.push_back(articles[i].get());
    loaded_texts.push_back(texts[i].get());
    index_of[articles[i].get()] = i;
  }
  if (!loaded.empty()) {
    const RunFacts& facts = roots.begin()->second->facts;
    for (size_t k = 0; k < rules.size(); ++k) {
      const Rule& rule = rules[k];
      if (!rule.check_batch) continue;
      bool any = false;
      for (const Article* a : loaded) any |= (*effective[index_of[a]])[k].enabled;
      if (!any) continue;
      ReportFn sink = [&, k](const Article& art, Location where, std::string_view segment, std::string message) {
        size_t i = index_of.at(&art);
        const EffectiveRule& eff = (*effective[i])[k];
        if (!eff.enabled || files[i].context_only) return;
        per_file[i].push_back(
            make_diagnostic(art, where, rules[k].info.id, eff.severity, segment, std::move(message)));
      };
      BatchContext ctx{loaded, facts,
                       [&, k](const Article& a) -> const RuleOptions& {
                         return (*effective[index_of.at(&a)])[k].options;
                       },
                       // With --context alone (pre-commit), a context file is seen, never
                       // reported: not enabled, so a rule reports in a named file instead.
                       // When sharding, the context files are the other shards' files:
                       // enabled, so every shard places a finding where the unsharded run
                       // does, and only the shard that owns that file keeps it.
                       [&, k](const Article& a) {
                         size_t i = index_of.at(&a);
                         return (!files[i].context_only || options.shard_count > 1) && (*effective[i])[k].enabled;
                       },
                       sink, loaded_texts};
      try {
        rule.check_batch(ctx);
      } catch (const std::exception& e) {
        result.io_errors.push_back("internal error in rule " + std::string(rule.info.id) + ": " + e.what());
      }
    }
  }

  // Inline suppressions, summary, order.
  if (!files.empty())
    result.root = std::filesystem::absolute(files.front().root).lexically_normal().generic_string();
  for (size_t i = 0; i < n; ++i) {
    if (!articles[i] || files[i].context_only) continue;
    const Article& a = *articles[i];
    CheckedFile checked{a.path, a.rel_path, {}};
    for (size_t k = 0; k < rules.size(); ++k)
      if ((*effective[i])[k].enabled) checked.rules.push_back(rules[k].info.id);
    result.files.push_back(std::move(checked));
    ++(a.yaml_page ? result.summary.yaml_pages : result.summary.files);
    result.summary.segments += a.segments.size();
    if (!options.source_dir.empty() && !a.yaml_page && !a.front("ms.openlocfilehash")) ++result.summary.unknown_staleness;
    // Segments by id, for the texts of the findings that name one (a map
    // only when a scan per finding could cost more than building it).
    std::unordered_map<std::string_view, const Segment*> segment_by_id;
    if (per_file[i].size() > 8) {
      segment_by_id.reserve(a.segments.size());
      for (const Segment& s : a.segments) segment_by_id.try_emplace(s.id, &s);
    }
    for (Diagnostic& d : per_file[i]) {
      d.rel_path = a.rel_path;
      if (!d.segment.empty()) {
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
          d.source_text = std::string(seg->source.raw);
          d.target_text = std::string(seg->target.raw);
        }
      }
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
  std::sort(result.io_errors.begin(), result.io_errors.end());
  if (options.keep_articles)
    for (size_t i = 0; i < n; ++i)
      if (articles[i] && !files[i].context_only) result.articles.push_back(std::move(articles[i]));
  return result;
}

}  // namespace tmlint
