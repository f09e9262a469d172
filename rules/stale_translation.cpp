// stale-translation (needs --source): the source file no longer hashes to
// ms.openlocfilehash, so it changed after the handoff and the translation
// lags behind. The pipeline hashed the bytes as it checked them out, with LF
// or with CRLF line endings: both are accepted.
#include <fmt/format.h>

#include "base/sha1.h"
#include "engine/rule.h"
#include "sources/source_history.h"
#include "sources/source_tree.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  if (!ctx.facts.source) return;
  const Article& a = ctx.article;
  const auto* hash = a.front("ms.openlocfilehash");
  if (!hash || hash->value.size() != 40) return;  // metadata-malformed says why
  auto bytes = ctx.facts.source->read(a.rel_path);
  if (!bytes) return;  // source-missing
  LineEndingHashes now = sha1_both_line_endings(*bytes);
  if (hash->value == now.lf || hash->value == now.crlf) return;
  const auto* handoff = a.front("ms.lasthandoff");
  // With git history: how far behind (the git work happens only here, for
  // stale articles).
  std::string behind;
  const auto* commit = a.front("ms.sourcegitcommit");
  if (ctx.facts.history && commit && ctx.facts.history->has_commit(commit->value)) {
    FileChanges changes = ctx.facts.history->changes_since(commit->value, a.rel_path);
    if (changes.commits)
      behind = fmt::format("; {} commit{} changed it since {}, the newest on {}", changes.commits,
                           changes.commits == 1 ? "" : "s", commit->value.substr(0, 8), changes.newest_date);
  }
  ctx.report(hash->value_location,
             fmt::format("translation is stale: the source changed after the handoff{}{} (ms.openlocfilehash {}, "
                         "the source now hashes to {})",
                         handoff ? " of " + handoff->value : std::string(), behind, hash->value, now.lf));
}

TMLINT_RULE({.info = {.id = "stale-translation",
                      .category = "metadata",
                      .default_severity = Severity::Warning,
                      .summary = "The source file changed after the handoff (SHA-1 differs from ms.openlocfilehash)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
