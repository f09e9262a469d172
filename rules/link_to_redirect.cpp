// link-to-redirect: the link target does not exist but is listed as a
// source_path in the docset's .openpublishing.redirection.json: it works on
// the published site through a redirect, and should point at the new page.
#include <fmt/format.h>

#include "link_resolver.h"
#include "rule.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  for (const Link& link : ctx.article.links) {
    if (link.place == LinkPlace::Source) continue;
    LinkResolution r = resolve_link(ctx.article, link, ctx.facts);
    if (r.status != LinkStatus::Redirected) continue;
    std::string_view seg = link.segment >= 0 ? ctx.article.segments[link.segment].id : std::string_view();
    ctx.report(link.location,
               fmt::format("link target '{}' is a redirect to {}; link to it directly", link.target,
                           r.detail.empty() ? "(no URL given)" : r.detail),
               seg);
  }
}

TMLINT_RULE({.info = {.id = "link-to-redirect",
                      .category = "links",
                      .default_severity = Severity::Info,
                      .summary = "A link target is served only through a redirection"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
