// unknown-source-commit (needs --source in a git repository):
// ms.sourcegitcommit names no commit of the source repository: the handoff
// came from another repository or a rewritten history, so nothing can be
// compared with the source as it was.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/source_history.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  if (!ctx.facts.history) return;
  const auto* commit = ctx.article.front("ms.sourcegitcommit");
  if (!commit || commit->value.size() != 40) return;  // metadata-malformed says why
  if (ctx.facts.history->has_commit(commit->value)) return;
  ctx.report(commit->value_location,
             fmt::format("ms.sourcegitcommit {} is not a commit of the source repository", commit->value));
}

TMLINT_RULE({.info = {.id = "unknown-source-commit",
                      .category = "metadata",
                      .default_severity = Severity::Warning,
                      .summary = "ms.sourcegitcommit is not a commit of the --source repository"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
