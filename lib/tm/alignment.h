#pragma once
// The aligned segment pairs of a batch, as `tmlint align` exports them: one
// pair per segment that has a source, in path then document order, with the
// judgements a translation memory needs (untranslated, stale) and the
// exclusions and de-duplication the user asked for. Nothing is dropped
// silently: every pair left out is counted in AlignSummary.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/run_check.h"
#include "model/article.h"

namespace tmlint {

struct TmPair {
  const Article* article = nullptr;
  const Segment* segment = nullptr;
  std::string_view target_lang;  // ms.contentlocale, else --locale
  bool untranslated = false;     // the untranslated or missing-target rule fired on it
  bool stale = false;            // the stale-segment rule fired on it (needs --source)
  uint32_t count = 1;            // occurrences merged into this pair by --dedupe

  std::string_view source() const { return segment->source.raw; }
  std::string_view target() const { return segment->target.raw; }
};

struct AlignOptions {
  std::string source_lang = "en-US";
  bool dedupe = false;
  bool exclude_untranslated = false;
  bool exclude_stale = false;
  size_t min_words = 0;
  // Leave out the pairs the aligner is less sure of (plain articles; sxs
  // pairs have confidence 1).
  float min_confidence = 0;
};

struct AlignSummary {
  size_t articles = 0;             // Markdown articles loaded
  size_t segments = 0;             // segments found
  size_t without_source = 0;       // segments with no source text: not a pair
  size_t untranslated = 0;         // pairs judged untranslated (kept or not)
  size_t stale = 0;                // pairs judged stale (kept or not)
  size_t excluded_untranslated = 0;
  size_t excluded_stale = 0;
  size_t excluded_short = 0;       // under --min-words
  size_t excluded_doubtful = 0;    // under --min-confidence
  size_t merged_duplicates = 0;    // folded into an earlier identical pair
  size_t without_language = 0;     // pairs whose article names no target language
  size_t written = 0;              // pairs in the output
};

// The rules whose findings mark pairs. `tmlint align` runs exactly these
// through the engine, so a pair is untranslated or stale in the export
// exactly when `tmlint check` says so.
std::vector<std::string> alignment_rules(bool with_source);

// Builds the pairs from a run that kept its articles (CheckOptions::
// keep_articles) and ran alignment_rules(). `fallback_lang` is --locale.
std::vector<TmPair> align_pairs(const CheckResult& run, const AlignOptions& options, std::string_view fallback_lang,
                                AlignSummary& summary);

// Words of a Markdown fragment's visible text by ICU's word break rules
// (letters, numbers and ideographic runs; punctuation and spaces are not
// words; a run of kana or kanji counts as the words ICU's dictionary finds).
size_t count_words(std::string_view markdown);

}  // namespace tmlint
