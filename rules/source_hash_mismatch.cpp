// source-hash-mismatch (needs --source in a git repository): the source file
// as it was at ms.sourcegitcommit does not hash to ms.openlocfilehash (with LF
// or CRLF endings). The metadata contradicts itself: one of the two values
// is wrong, and staleness cannot be trusted.
#include <fmt/format.h>

#include "base/sha1.h"
#include "engine/rule.h"
#include "sources/source_history.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  if (!ctx.facts.history) return;
  const Article& a = ctx.article;
  const auto* commit = a.front("ms.sourcegitcommit");
  const auto* hash = a.front("ms.openlocfilehash");
  if (!commit || !hash || commit->value.size() != 40 || hash->value.size() != 40) return;
  auto bytes = ctx.facts.history->file_at(commit->value, a.rel_path);
  if (!bytes) return;  // unknown commit, or the file did not exist then
  LineEndingHashes then = sha1_both_line_endings(*bytes);
  if (hash->value == then.lf || hash->value == then.crlf) return;
  ctx.report(hash->value_location,
             fmt::format("ms.openlocfilehash {} is not the hash of the source at ms.sourcegitcommit {} (which hashes "
                         "to {}): the localization metadata contradicts itself",
                         hash->value, commit->value.substr(0, 8), then.lf));
}

TMLINT_RULE({.info = {.id = "source-hash-mismatch",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "The source at ms.sourcegitcommit does not hash to ms.openlocfilehash"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
