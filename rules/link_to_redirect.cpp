// link-to-redirect: the link target does not exist but is listed as a
// source_path in the docset's .openpublishing.redirection.json: it works on
// the published site through a redirect, and should point at the new page.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/link_resolver.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  for_each_published_link(ctx.article, ctx.facts, [&](const Link& link, const LinkResolution& r) {
    if (r.status != LinkStatus::Redirected) return;
    ctx.report(link.location,
               fmt::format("link target '{}' is a redirect to {}; link to it directly", link.target,
                           r.detail.empty() ? "(no URL given)" : r.detail),
               segment_id_of(ctx.article, link));
  });
}

TMLINT_RULE({.info = {.id = "link-to-redirect",
                      .category = "links",
                      .default_severity = Severity::Info,
                      .summary = "A link target is served only through a redirection"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
