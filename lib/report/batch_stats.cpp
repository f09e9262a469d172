#include "report/batch_stats.h"

#include <map>
#include <unordered_set>

#include "model/line_index.h"
#include "text/visible_text.h"
#include "tm/alignment.h"

namespace tmlint {

std::string_view staleness_name(Staleness s) {
  switch (s) {
    case Staleness::Fresh: return "fresh";
    case Staleness::Stale: return "stale";
    case Staleness::Unknown: break;
  }
  return "unknown";
}

std::vector<std::string> stats_rules() {
  return {"untranslated", "missing-target", "stale-translation", "source-missing"};
}

BatchStats compute_stats(const CheckResult& run, bool with_source) {
  // Findings by article path: counts, untranslated segments, stale articles.
  struct Marks {
    std::unordered_set<std::string_view> untranslated;
    bool stale = false, source_missing = false;
    size_t errors = 0, warnings = 0, infos = 0;
  };
  std::map<std::string_view, Marks> by_path;
  for (const Diagnostic& d : run.diagnostics) {
    if (d.suppressed) continue;
    Marks& m = by_path[d.path];
    if (d.severity == Severity::Error) ++m.errors;
    else if (d.severity == Severity::Warning) ++m.warnings;
    else ++m.infos;
    if ((d.rule == "untranslated" || d.rule == "missing-target") && !d.segment.empty()) m.untranslated.insert(d.segment);
    if (d.rule == "stale-translation") m.stale = true;
    if (d.rule == "source-missing") m.source_missing = true;
  }

  BatchStats stats;
  ArticleStats& total = stats.total;
  for (const auto& article : run.articles) {
    const Article& a = *article;
    if (a.yaml_page) continue;
    ArticleStats s;
    s.path = a.path;
    s.rel_path = a.rel_path;
    auto value = [&a](std::string_view key) {
      const auto* e = a.front(key);
      return e ? e->value : std::string();
    };
    s.locale = value("ms.contentlocale");
    s.translation_type = value("ms.translationtype");
    s.handoff = value("ms.lasthandoff");
    s.segments = a.segments.size();
    for (const Segment& seg : a.segments) {
      if (seg.has_source) s.source_words += count_words(seg.source.raw);
      s.target_characters += count_code_points(visible_text(seg.target.raw));
    }
    auto m = by_path.find(a.path);
    if (m != by_path.end()) {
      // An id reported twice (two findings on one segment) counts once.
      s.untranslated = m->second.untranslated.size();
      s.errors = m->second.errors;
      s.warnings = m->second.warnings;
      s.infos = m->second.infos;
    }
    bool has_hash = a.front("ms.openlocfilehash") != nullptr;
    if (m != by_path.end() && m->second.stale) s.staleness = Staleness::Stale;
    else if (with_source && has_hash && !(m != by_path.end() && m->second.source_missing)) s.staleness = Staleness::Fresh;

    total.segments += s.segments;
    total.source_words += s.source_words;
    total.target_characters += s.target_characters;
    total.untranslated += s.untranslated;
    total.errors += s.errors;
    total.warnings += s.warnings;
    total.infos += s.infos;
    stats.mt_articles += s.translation_type == "MT";
    stats.ht_articles += s.translation_type == "HT";
    stats.stale_articles += s.staleness == Staleness::Stale;
    stats.fresh_articles += s.staleness == Staleness::Fresh;
    stats.unknown_staleness += s.staleness == Staleness::Unknown;
    stats.articles.push_back(std::move(s));
  }
  return stats;
}

}  // namespace tmlint
