// broken-link: a relative link (in the skeleton or in a segment's target)
// whose file exists neither in the localized tree nor in the --source tree
// (localized repositories do not carry images), with a did-you-mean from the
// files of that folder when one is close. A link that climbs out of the
// batch root, and a backslash path, are reported too. External URLs,
// mailto: and absolute site paths (/azure/...) are not checked here.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/link_resolver.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  for_each_published_link(ctx.article, ctx.facts, [&](const Link& link, const LinkResolution& r) {
    std::string_view seg = segment_id_of(ctx.article, link);
    if (r.status == LinkStatus::OutsideRoot) {
      ctx.report(link.location, fmt::format("link '{}' leaves the batch root; it is not followed", link.target), seg);
    } else if (r.status == LinkStatus::Broken && r.backslash && r.detail == r.path) {
      ctx.report(link.location,
                 fmt::format("link '{}' uses backslashes; write '{}' (forward slashes work on every host)",
                             link.target, r.path),
                 seg);
    } else if (r.status == LinkStatus::Broken) {
      ctx.report(link.location,
                 r.detail.empty()
                     ? fmt::format("link target '{}' does not exist ({})", link.target, r.path)
                     : fmt::format("link target '{}' does not exist ({}); did you mean '{}'?", link.target, r.path,
                                   r.detail),
                 seg);
    }
  });
}

TMLINT_RULE({.info = {.id = "broken-link",
                      .category = "links",
                      .default_severity = Severity::Error,
                      .summary = "A relative link points to a file that exists in neither tree"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
