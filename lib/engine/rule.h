#pragma once
// The one narrow interface every rule implements. A rule is metadata plus one
// or two plain functions: a per-article check (run in parallel, one article
// at a time) and/or a batch check (run once after every article is loaded).
// Rules never do I/O: what they need from outside the article (the batch,
// the source tree, configuration) comes through the context.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule_options.h"
#include "locale/locale_profile.h"
#include "model/article.h"
#include "model/article_facts.h"
#include "model/diagnostic.h"
#include "sources/run_facts.h"
#include "text/segment_text_cache.h"

namespace tmlint {

struct RuleInfo {
  std::string_view id;        // kebab-case, stable: part of the public interface
  std::string_view category;  // "structure", "translation", "links", "metadata", "qa",
                              // "consistency", "terminology"
  Severity default_severity = Severity::Error;
  std::string_view summary;   // one line, shown by `tmlint rules`
};

// Sink a rule reports into. Severity and suppression are the engine's
// business, not the rule's.
using ReportFn = std::function<void(const Article& article, Location where,
                                    std::string_view segment, std::string message)>;

struct ArticleContext {
  const Article& article;
  const RuleOptions& options;
  const RunFacts& facts;
  const ReportFn& sink;
  // Inline tokens, prose, visible text and normal forms of the article's
  // segments, shared by every rule of the article (text/segment_text_cache.h).
  SegmentTextCache& text;
  // The article's locale (ms.contentlocale, else --locale): its CLDR
  // conventions and data file (locale/locale_profile.h).
  const LocaleProfile& locale;

  void report(Location where, std::string message, std::string_view segment = {}) const {
    sink(article, where, segment, std::move(message));
  }
};

// The texts of the segment a batch finding names, when the rule's facts
// hold them (reporters show them; a finding without them names the segment
// by id only).
struct SegmentTexts {
  std::string_view source, target;
};

// What a batch rule sees: the facts of every article of the batch
// (model/article_facts.h), never the articles, which are freed after the
// article phase. Article i is articles[i], sorted by path.
struct BatchContext {
  const std::vector<const ArticleFacts*>& articles;
  std::string_view rule;   // this rule's id
  std::string_view group;  // its facts group
  // True when the rule runs in article i (configuration and locale) and
  // the article is not only context: batch rules report only there.
  std::function<bool(size_t)> enabled_for;
  // The rule's options as configured for article i (per-path overrides).
  std::function<const RuleOptions&(size_t)> options_for;
  std::function<void(size_t article, Location where, std::string_view segment, std::string message,
                     SegmentTexts texts)>
      sink;
  // A fact about the whole run rather than about an article (the --source
  // repository holds none of the batch's commits): said once, in the
  // report's summary and on standard error; not a finding.
  std::function<void(std::string message)> note;

  // The rule's facts of article i: empty when they were not collected there.
  FactReader facts(size_t i) const { return FactReader(articles[i]->group(group)); }
  void report(size_t article, Location where, std::string message, std::string_view segment = {},
              SegmentTexts texts = {}) const {
    sink(article, where, segment, std::move(message), texts);
  }
};

// The locale an article is written in: ms.contentlocale, else --locale.
const LocaleProfile& article_locale(const Article& article, const RunFacts& facts);
const LocaleProfile& article_locale(const Article& article, std::string_view fallback_locale);

struct Rule {
  RuleInfo info;
  void (*check_article)(const ArticleContext&) = nullptr;
  // A batch rule: collect_facts writes what check_batch will need of one
  // article, on all cores, for every loaded article the rule runs in,
  // context files (--context) included; it reports nothing (what it
  // reports is dropped). check_batch runs once, on one thread, over the
  // facts of the whole batch (or of every shard, in `tmlint merge`).
  void (*collect_facts)(const ArticleContext&, FactWriter&) = nullptr;
  void (*check_batch)(const BatchContext&) = nullptr;
  // Rules that read the same facts name one group (default: the rule's
  // id), and the facts are collected once for all of them, with the first
  // enabled rule's options: a shared collect_facts must not read options.
  std::string_view facts_group = {};
  // Bumped when what collect_facts writes changes, so cached facts of an
  // older layout are never read (engine/facts_cache).
  unsigned facts_version = 1;

  std::string_view group() const { return facts_group.empty() ? info.id : facts_group; }
};

// The registry: every rules/*.cpp registers itself at static-initialisation
// time with `TMLINT_RULE(...)`. Sorted by id.
const std::vector<Rule>& all_rules();
const Rule* find_rule(std::string_view id);
bool register_rule(Rule rule);

}  // namespace tmlint

#define TMLINT_CONCAT_INNER(a, b) a##b
#define TMLINT_CONCAT(a, b) TMLINT_CONCAT_INNER(a, b)
// Usage (at namespace scope in rules/<id>.cpp):
//   TMLINT_RULE({.info = {...}, .check_article = &check});
#define TMLINT_RULE(...) \
  static const bool TMLINT_CONCAT(tmlint_rule_registered_, __LINE__) = ::tmlint::register_rule(__VA_ARGS__)
