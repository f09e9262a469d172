// link-case-mismatch: the link target exists only with another letter case.
// It works on Windows and in docfx, and breaks on case-sensitive hosting.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/link_resolver.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  for_each_published_link(ctx.article, ctx.facts, [&](const Link& link, const LinkResolution& r) {
    if (r.status != LinkStatus::CaseMismatch) return;
    ctx.report(link.location,
               fmt::format("link target '{}' exists only as '{}' (letter case differs)", link.target, r.detail),
               segment_id_of(ctx.article, link));
  });
}

TMLINT_RULE({.info = {.id = "link-case-mismatch",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A link target exists only with different letter case"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
