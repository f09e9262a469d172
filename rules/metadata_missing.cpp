// metadata-missing: an article has some of the six localization keys but not
// all of them. An article with none (include files, READMEs) is normal: its
// staleness is simply unknown.
#include <fmt/format.h>

#include "engine/rule.h"
#include "loc_metadata.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  if (!has_any_loc_key(a)) return;
  std::string missing;
  for (auto k : kLocKeys) {
    if (a.front(k)) continue;
    if (!missing.empty()) missing += ", ";
    missing += k;
  }
  if (missing.empty()) return;
  // Point at the last localization key present: where the block is.
  Location where = a.front_matter.front().location;
  for (const auto& e : a.front_matter)
    for (auto k : kLocKeys)
      if (e.key == k) where = e.location;
  ctx.report(where, fmt::format("localization metadata is incomplete: missing {}", missing));
}

TMLINT_RULE({.info = {.id = "metadata-missing",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "Some localization keys of the front matter are missing"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
