// duplicate-locfileid: two articles with the same ms.locfileid. The id keys
// the article in the localization system; both are reported, each naming
// the other.
#include <fmt/format.h>

#include <unordered_map>

#include "engine/rule.h"

namespace tmlint {
namespace {

// Facts: the id and where its value is, when the article has one.
void collect(const ArticleContext& ctx, FactWriter& out) {
  const auto* e = ctx.article.front("ms.locfileid");
  if (!e || e->value.empty()) return;
  out.str(e->value);
  out.loc(e->value_location);
}

void check_batch(const BatchContext& ctx) {
  struct Id {
    std::string_view value;
    Location where;
  };
  std::vector<Id> ids(ctx.articles.size());
  std::unordered_map<std::string_view, std::vector<size_t>> by_id;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    ids[i].value = r.str();
    ids[i].where = r.loc();
    by_id[ids[i].value].push_back(i);
  }
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    if (ids[i].value.empty()) continue;
    const auto& group = by_id[ids[i].value];
    if (group.size() < 2 || !ctx.enabled_for(i)) continue;
    std::string others;
    for (size_t b : group) {
      if (b == i) continue;
      if (!others.empty()) others += ", ";
      others += ctx.articles[b]->path;
    }
    ctx.report(i, ids[i].where, fmt::format("ms.locfileid {} is also used by {}", ids[i].value, others));
  }
}

TMLINT_RULE({.info = {.id = "duplicate-locfileid",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "Two articles of the batch share an ms.locfileid"},
             .collect_facts = &collect,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
