// link-case-mismatch: the link target exists only with another letter case.
// It works on Windows and in docfx, and breaks on case-sensitive hosting.
#include <fmt/format.h>

#include "link_resolver.h"
#include "rule.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  for (const Link& link : ctx.article.links) {
    if (link.place == LinkPlace::Source) continue;
    LinkResolution r = resolve_link(ctx.article, link, ctx.facts);
    if (r.status != LinkStatus::CaseMismatch) continue;
    std::string_view seg = link.segment >= 0 ? ctx.article.segments[link.segment].id : std::string_view();
    ctx.report(link.location,
               fmt::format("link target '{}' exists only as '{}' (letter case differs)", link.target, r.detail), seg);
  }
}

TMLINT_RULE({.info = {.id = "link-case-mismatch",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A link target exists only with different letter case"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
