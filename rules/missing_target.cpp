// missing-target: the target text of a segment is empty or only whitespace:
// the pipeline dropped the translation (the reader sees nothing).
#include <fmt/format.h>

#include "engine/rule.h"

namespace tmlint {
namespace {

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

void check(const ArticleContext& ctx) {
  for (const Segment& s : ctx.article.segments) {
    if (!blank(s.target.decoded())) continue;
    if (s.has_source && blank(s.source.decoded())) continue;  // nothing to translate
    ctx.report(s.location, fmt::format("segment {} has an empty target", s.id), s.id);
  }
}

TMLINT_RULE({.info = {.id = "missing-target",
                      .category = "translation",
                      .default_severity = Severity::Error,
                      .summary = "A segment's target text is empty"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
