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

// Facts: the declared locale and where, when no --locale was given (with
// one, the per-article check compared them already).
void collect(const ArticleContext& ctx, FactWriter& out) {
  if (!ctx.facts.locale.empty()) return;
  const auto* e = ctx.article.front("ms.contentlocale");
  if (!e) return;
  out.str(e->value);
  out.loc(e->value_location);
}

void check_batch(const BatchContext& ctx) {
  struct Declared {
    std::string_view value;
    Location where;
    bool present = false;
  };
  std::vector<Declared> declared(ctx.articles.size());
  std::map<std::string_view, size_t> counts;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    declared[i] = {r.str(), r.loc(), true};
    ++counts[declared[i].value];
  }
  if (counts.size() < 2) return;
  // The majority; ties go to the first in sorted order, so runs are stable.
  auto majority = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > majority->second) majority = it;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    const Declared& d = declared[i];
    if (!d.present || d.value == majority->first || !ctx.enabled_for(i)) continue;
    ctx.report(i, d.where,
               fmt::format("ms.contentlocale is {} but {} of the batch's articles are {}", d.value,
                           majority->second, majority->first));
  }
}

TMLINT_RULE({.info = {.id = "locale-mismatch",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "ms.contentlocale differs from --locale or from the rest of the batch"},
             .check_article = &check,
             .collect_facts = &collect,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
