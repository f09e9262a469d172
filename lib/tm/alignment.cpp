#include "tm/alignment.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <unordered_map>

#include "text/visible_text.h"

namespace tmlint {
namespace {

// (path, segment id) of every finding of a rule.
using Marks = std::unordered_set<std::string>;

std::string mark_key(std::string_view path, std::string_view segment) {
  std::string k(path);
  k.push_back('\0');
  k.append(segment);
  return k;
}

// Identity of a pair for --dedupe: languages and both texts.
struct PairKey {
  std::string_view source_lang, target_lang, source, target;
  bool operator==(const PairKey&) const = default;
};
struct PairKeyHash {
  size_t operator()(const PairKey& k) const {
    std::hash<std::string_view> h;
    size_t v = h(k.source);
    v = v * 1000003u ^ h(k.target);
    v = v * 1000003u ^ h(k.target_lang);
    return v;
  }
};

}  // namespace

std::vector<std::string> alignment_rules(bool with_source) {
  std::vector<std::string> ids = {"untranslated", "missing-target"};
  if (with_source) ids.push_back("stale-segment");
  return ids;
}

size_t count_words(std::string_view markdown) {
  std::string text = visible_text(markdown);
  UErrorCode status = U_ZERO_ERROR;
  // One break iterator per thread: creating one loads rules and dictionaries.
  thread_local std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (!it) return 0;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  it->setText(u);
  size_t words = 0;
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; end = it->next())
    if (it->getRuleStatus() != UBRK_WORD_NONE) ++words;
  return words;
}

std::vector<TmPair> align_pairs(const CheckResult& run, const AlignOptions& options, std::string_view fallback_lang,
                                AlignSummary& summary) {
  Marks untranslated, stale;
  for (const Diagnostic& d : run.diagnostics) {
    if (d.segment.empty()) continue;
    if (d.rule == "untranslated" || d.rule == "missing-target") untranslated.insert(mark_key(d.path, d.segment));
    else if (d.rule == "stale-segment") stale.insert(mark_key(d.path, d.segment));
  }

  std::vector<TmPair> pairs;
  std::unordered_map<PairKey, size_t, PairKeyHash> first_of;
  for (const auto& article : run.articles) {
    const Article& a = *article;
    if (a.yaml_page) continue;
    ++summary.articles;
    summary.segments += a.segments.size();
    std::string_view lang = fallback_lang;
    if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) lang = e->value;
    for (const Segment& s : a.segments) {
      if (!s.has_source || s.source.raw.empty()) {
        ++summary.without_source;
        continue;
      }
      TmPair p;
      p.article = &a;
      p.segment = &s;
      p.target_lang = lang;
      std::string key = mark_key(a.path, s.id);
      p.untranslated = untranslated.count(key) != 0;
      p.stale = stale.count(key) != 0;
      summary.untranslated += p.untranslated;
      summary.stale += p.stale;
      if (p.untranslated && options.exclude_untranslated) {
        ++summary.excluded_untranslated;
        continue;
      }
      if (p.stale && options.exclude_stale) {
        ++summary.excluded_stale;
        continue;
      }
      if (s.confidence < options.min_confidence) {
        ++summary.excluded_doubtful;
        continue;
      }
      if (options.min_words && count_words(s.source.raw) < options.min_words) {
        ++summary.excluded_short;
        continue;
      }
      if (lang.empty()) ++summary.without_language;
      if (options.dedupe) {
        auto [at, added] = first_of.try_emplace(PairKey{options.source_lang, lang, s.source.raw, s.target.raw},
                                                pairs.size());
        if (!added) {
          ++pairs[at->second].count;
          ++summary.merged_duplicates;
          continue;
        }
      }
      pairs.push_back(p);
    }
  }
  summary.written = pairs.size();
  return pairs;
}

}  // namespace tmlint
