// locale-mismatch: ms.contentlocale differs from --locale (or the config's
// locale), or, when no locale is given, from the locale most articles of the
// batch declare.
#include <fmt/format.h>

#include <map>

#include "engine/rule.h"

namespace tmlint {
namespace {

bool same_locale(std::string_view a, std::string_view b) {
  // BCP 47 tags compare case-insensitively; '_' is a common slip for '-'.
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] == '_' ? '-' : static_cast<char>(a[i] | 0x20);
    char y = b[i] == '_' ? '-' : static_cast<char>(b[i] | 0x20);
    if (x != y) return false;
  }
  return true;
}

void check(const ArticleContext& ctx) {
  if (ctx.facts.locale.empty()) return;
  const auto* e = ctx.article.front("ms.contentlocale");
  if (!e || same_locale(e->value, ctx.facts.locale)) return;
  ctx.report(e->value_location,
             fmt::format("ms.contentlocale is {} but this batch is {} (--locale)", e->value, ctx.facts.locale));
}

void check_batch(const BatchContext& ctx) {
  if (!ctx.facts.locale.empty()) return;  // the per-article check compared with --locale
  std::map<std::string, size_t> counts;
  for (const Article* a : ctx.articles)
    if (const auto* e = a->front("ms.contentlocale")) ++counts[e->value];
  if (counts.size() < 2) return;
  // The majority; ties go to the first in sorted order, so runs are stable.
  auto majority = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > majority->second) majority = it;
  for (const Article* a : ctx.articles) {
    const auto* e = a->front("ms.contentlocale");
    if (!e || e->value == majority->first || !ctx.enabled_for(*a)) continue;
    ctx.report(*a, e->value_location,
               fmt::format("ms.contentlocale is {} but {} of the batch's articles are {}", e->value,
                           majority->second, majority->first));
  }
}

TMLINT_RULE({.info = {.id = "locale-mismatch",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "ms.contentlocale differs from --locale or from the rest of the batch"},
             .check_article = &check,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
