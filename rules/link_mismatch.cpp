// link-mismatch: inside one segment, the link and image targets of the
// target text differ from those of the source text (as multisets: order may
// change in translation). A URL changed, dropped, added or localized.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.h"

namespace tmlint {
namespace {

std::string join(const std::vector<std::string_view>& v) {
  std::string out;
  for (auto s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out.empty() ? "none" : out;
}

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  // Links are stored in document order: each segment's target links, then
  // its source links, contiguous.
  size_t i = 0;
  while (i < a.links.size()) {
    int32_t seg = a.links[i].segment;
    if (seg < 0 || a.links[i].place == LinkPlace::Skeleton) {
      ++i;
      continue;
    }
    std::vector<std::string_view> target, source;
    for (; i < a.links.size() && a.links[i].segment == seg && a.links[i].place != LinkPlace::Skeleton; ++i)
      (a.links[i].place == LinkPlace::Target ? target : source).push_back(a.links[i].target);
    const Segment& s = a.segments[seg];
    if (!s.has_source) continue;
    std::sort(target.begin(), target.end());
    std::sort(source.begin(), source.end());
    if (target == source) continue;
    std::vector<std::string_view> only_target, only_source;
    std::set_difference(target.begin(), target.end(), source.begin(), source.end(), std::back_inserter(only_target));
    std::set_difference(source.begin(), source.end(), target.begin(), target.end(), std::back_inserter(only_source));
    ctx.report(s.location,
               fmt::format("link targets differ in segment {}: source has {}; target has {}", s.id,
                           join(only_source), join(only_target)),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "link-mismatch",
                      .category = "links",
                      .default_severity = Severity::Error,
                      .summary = "A segment's target links to other URLs than its source"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
