// unknown-source-commit (needs --source in a git repository):
// ms.sourcegitcommit names no commit of the source repository: the handoff
// came from another repository or a rewritten history, so nothing can be
// compared with the source as it was.
//
// A batch rule, because the judgement depends on the batch: when none of
// the commits the batch names is in the repository, that repository is not
// the source's history at all (a snapshot of the source committed into some
// other repository), which is one fact about the run, said once as a note,
// not the same finding on every article.
#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "engine/rule.h"
#include "sources/source_history.h"

namespace tmlint {
namespace {

const FrontMatterEntry* commit_of(const Article& a) {
  const auto* commit = a.front("ms.sourcegitcommit");
  if (!commit || commit->value.size() != 40) return nullptr;  // metadata-malformed says why
  return commit;
}

void check(const BatchContext& ctx) {
  if (!ctx.facts.history) return;
  // Every loaded article counts, context files too: the question is about
  // the repository, not about the articles reported.
  std::unordered_map<std::string_view, bool> known;
  size_t articles = 0, found = 0;
  for (const Article* a : ctx.articles) {
    const auto* commit = commit_of(*a);
    if (!commit) continue;
    ++articles;
    auto [it, added] = known.try_emplace(commit->value, false);
    if (added) it->second = ctx.facts.history->has_commit(commit->value);
    found += it->second;
  }
  if (articles == 0) return;
  if (found == 0) {
    ctx.note(fmt::format(
        "none of the {} commit{} that ms.sourcegitcommit names ({} article{}) is in the git repository that holds "
        "--source: that repository is not the source's history (a copy of the source committed into another "
        "repository?), so no article is reported and the source at the handoff commits cannot be read",
        known.size(), known.size() == 1 ? "" : "s", articles, articles == 1 ? "" : "s"));
    return;
  }
  for (const Article* a : ctx.articles) {
    const auto* commit = commit_of(*a);
    if (!commit || known.at(commit->value) || !ctx.enabled_for(*a)) continue;
    ctx.report(*a, commit->value_location,
               fmt::format("ms.sourcegitcommit {} is not a commit of the source repository", commit->value));
  }
}

TMLINT_RULE({.info = {.id = "unknown-source-commit",
                      .category = "metadata",
                      .default_severity = Severity::Warning,
                      .summary = "ms.sourcegitcommit is not a commit of the --source repository"},
             .check_batch = &check});

}  // namespace
}  // namespace tmlint
