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

struct BatchContext {
  const std::vector<const Article*>& articles;  // sorted by path
  const RunFacts& facts;
  // Options for the rule as configured for a given article (per-path overrides).
  std::function<const RuleOptions&(const Article&)> options_for;
  // True when the rule is enabled for that article and the article is not
  // only context (--context): batch rules report only there.
  std::function<bool(const Article&)> enabled_for;
  const ReportFn& sink;
  // The text cache of each article, parallel to `articles`, as the article
  // phase left it (forms and visible sources; text/segment_text_cache.h). One thread
  // runs the batch rules.
  const std::vector<SegmentTextCache*>& texts;
  // A fact about the whole run rather than about an article (the --source
  // repository holds none of the batch's commits): said once, in the
  // report's summary and on standard error; not a finding.
  std::function<void(std::string message)> note;

  void report(const Article& a, Location where, std::string message,
              std::string_view segment = {}) const {
    sink(a, where, segment, std::move(message));
  }
};

// The locale an article is written in: ms.contentlocale, else --locale.
const LocaleProfile& article_locale(const Article& article, const RunFacts& facts);
const LocaleProfile& article_locale(const Article& article, std::string_view fallback_locale);

struct Rule {
  RuleInfo info;
  void (*check_article)(const ArticleContext&) = nullptr;
  void (*check_batch)(const BatchContext&) = nullptr;
  // Per-article work a batch check needs, run on all cores for every loaded
  // article the rule is enabled for, context files (--context) included,
  // before the batch phase: it fills the article's text cache and reports
  // nothing (what it reports is dropped).
  void (*prepare_article)(const ArticleContext&) = nullptr;
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
