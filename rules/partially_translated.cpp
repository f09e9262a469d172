// partially-translated: per article, the share of segments left in the
// source language (as `untranslated` judges them), reported when it is above
// a threshold, so a localizer sees which articles need work first. One
// finding per article, at its first untranslated segment.
#include <fmt/format.h>

#include "engine/rule.h"
#include "untranslated_judge.h"

namespace tmlint {
namespace {

using namespace untranslated_detail;

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  const double threshold = ctx.options.get_double("threshold", 0.1);
  const long min_segments = ctx.options.get_int("min-segments", 1);
  if (a.segments.empty() || static_cast<long>(a.segments.size()) < min_segments) return;
  Judge judge(a, ctx.facts, ctx.options);
  size_t untranslated = 0;
  const Segment* first = nullptr;
  for (const Segment& s : a.segments) {
    if (judge.judge(s) == Verdict::Translated) continue;
    ++untranslated;
    if (!first) first = &s;
  }
  double share = static_cast<double>(untranslated) / static_cast<double>(a.segments.size());
  if (untranslated == 0 || share <= threshold) return;
  ctx.report(first->location,
             fmt::format("{:.0f}% of the article is untranslated: {} of {} segments (threshold {:.0f}%)", share * 100,
                         untranslated, a.segments.size(), threshold * 100),
             first->id);
}

TMLINT_RULE({.info = {.id = "partially-translated",
                      .category = "translation",
                      .default_severity = Severity::Info,
                      .summary = "A large share of the article's segments is untranslated"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
