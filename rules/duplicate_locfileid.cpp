// duplicate-locfileid: two articles with the same ms.locfileid. The id keys
// the article in the localization system; both are reported, each naming
// the other.
#include <fmt/format.h>

#include <unordered_map>

#include "engine/rule.h"

namespace tmlint {
namespace {

void check_batch(const BatchContext& ctx) {
  std::unordered_map<std::string_view, std::vector<const Article*>> by_id;
  for (const Article* a : ctx.articles)
    if (const auto* e = a->front("ms.locfileid"); e && !e->value.empty()) by_id[e->value].push_back(a);
  for (const Article* a : ctx.articles) {
    const auto* e = a->front("ms.locfileid");
    if (!e || e->value.empty()) continue;
    const auto& group = by_id[e->value];
    if (group.size() < 2 || !ctx.enabled_for(*a)) continue;
    std::string others;
    for (const Article* b : group) {
      if (b == a) continue;
      if (!others.empty()) others += ", ";
      others += b->path;
    }
    ctx.report(*a, e->value_location, fmt::format("ms.locfileid {} is also used by {}", e->value, others));
  }
}

TMLINT_RULE({.info = {.id = "duplicate-locfileid",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "Two articles of the batch share an ms.locfileid"},
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
