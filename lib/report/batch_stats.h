#pragma once
// What a localization PM counts on a handoff, per article and for the
// batch: segments, source words, target characters, MT/HT, handoff date,
// untranslated share, staleness, findings. Computed from a run that kept its
// articles; the judgements (untranslated, stale) are the rules' findings, so
// `tmlint stats` and `tmlint check` never disagree.
#include <cstddef>
#include <string>
#include <vector>

#include "engine/run_check.h"

namespace tmlint {

enum class Staleness : uint8_t {
  Unknown,  // no --source, no ms.openlocfilehash, or no source file
  Fresh,
  Stale,
};
std::string_view staleness_name(Staleness s);  // "unknown", "fresh", "stale"

struct ArticleStats {
  std::string path;             // as reached from the command line
  std::string rel_path;
  std::string locale;           // ms.contentlocale
  std::string translation_type; // ms.translationtype: "MT", "HT" or as written
  std::string handoff;          // ms.lasthandoff as written
  size_t segments = 0;
  size_t source_words = 0;      // ICU word break on the sources' visible text
  size_t target_characters = 0; // code points of the targets' visible text
  size_t untranslated = 0;      // segments the untranslated or missing-target rule reported
  Staleness staleness = Staleness::Unknown;
  size_t errors = 0, warnings = 0, infos = 0;  // unsuppressed findings

  double untranslated_share() const { return segments ? double(untranslated) / double(segments) : 0.0; }
};

struct BatchStats {
  std::vector<ArticleStats> articles;  // sorted by path; TOC.yml pages left out
  ArticleStats total;                  // sums; text fields empty
  size_t mt_articles = 0, ht_articles = 0;
  size_t stale_articles = 0, fresh_articles = 0, unknown_staleness = 0;
};

// `with_source`: --source was given, so an article with a hash and neither
// a stale-translation nor a source-missing finding is fresh. The run must
// have kept its articles (CheckOptions::keep_articles) and run the rules
// stats_rules() names for the figures to be complete.
std::vector<std::string> stats_rules();
BatchStats compute_stats(const CheckResult& run, bool with_source);

}  // namespace tmlint
