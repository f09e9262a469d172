// tm-deviation: with --tm FILE.tmx, a segment whose source text is in the
// reference memory exactly, but whose target is none of the memory's
// translations of it for the article's locale. Either the memory or the
// article has drifted; a reviewer decides which.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/reference_tm.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

std::string_view target_locale(const ArticleContext& ctx) {
  if (const auto* e = ctx.article.front("ms.contentlocale"); e && !e->value.empty()) return e->value;
  return ctx.facts.locale;
}

void check(const ArticleContext& ctx) {
  const ReferenceTm* tm = ctx.facts.tm;
  if (!tm) return;
  std::string_view locale = target_locale(ctx);
  if (locale.empty()) return;  // no language to look up
  for (const Segment& s : ctx.article.segments) {
    if (!s.has_source || s.source.raw.empty()) continue;
    std::vector<std::string_view> known = tm->targets(s.source.raw, locale);
    if (known.empty()) continue;
    bool matched = false;
    for (std::string_view t : known) matched |= t == s.target.raw;
    if (matched) continue;
    std::string message = fmt::format("segment {}: the reference TM translates this source as \"{}\"", s.id,
                                      excerpt(known.front()));
    if (known.size() > 1) message += fmt::format(" (and {} other variant{})", known.size() - 1, known.size() > 2 ? "s" : "");
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "tm-deviation",
                      .category = "translation",
                      .default_severity = Severity::Info,
                      .summary = "With --tm: the source is in the reference TM but the target is none of its translations"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
