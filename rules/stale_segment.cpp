// stale-segment (needs --source): in a stale article, each segment whose
// source text no longer occurs in the current source file, so the localizer
// sees what to re-translate, not only that something changed. Texts are
// compared in a form that ignores what the pipeline itself changes
// (whitespace, line joins, escapes, emphasis spacing, entities).
#include <fmt/format.h>

#include "engine/rule.h"
#include "stale_source.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  auto bytes = stale_source(ctx);
  if (!bytes) return;  // fresh, or nothing to compare with
  const std::string current = match_form(*bytes);
  for (const Segment& s : a.segments) {
    if (!s.has_source) continue;
    std::string form = match_form(s.source.decoded());
    if (form.size() < 3 || current.find(form) != std::string::npos) continue;
    ctx.report(s.location,
               fmt::format("segment {} is out of date: its source \"{}\" is no longer in the source file", s.id,
                           excerpt(s.source.decoded())),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "stale-segment",
                      .category = "metadata",
                      .default_severity = Severity::Info,
                      .summary = "In a stale article, a segment whose source text is gone from the source file"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
