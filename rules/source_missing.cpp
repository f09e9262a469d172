// source-missing (needs --source): an article with localization metadata
// whose source file does not exist in the source tree: the source was moved
// or deleted, and the translation is orphaned.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/source_tree.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  if (!ctx.facts.source) return;
  const Article& a = ctx.article;
  const auto* hash = a.front("ms.openlocfilehash");
  if (!hash) return;
  if (ctx.facts.source->exists(a.rel_path)) return;
  ctx.report(hash->location, fmt::format("the source file {} does not exist in the source tree", a.rel_path));
}

TMLINT_RULE({.info = {.id = "source-missing",
                      .category = "metadata",
                      .default_severity = Severity::Warning,
                      .summary = "The article's source file does not exist in the --source tree"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
