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

// Facts: the commit, where it is written, and whether the repository has
// it (asked here, on all cores, where the history is at hand).
void collect(const ArticleContext& ctx, FactWriter& out) {
  if (!ctx.facts.history) return;
  const auto* commit = commit_of(ctx.article);
  if (!commit) return;
  out.str(commit->value);
  out.loc(commit->value_location);
  out.boolean(ctx.facts.history->has_commit(commit->value));
}

void check(const BatchContext& ctx) {
  struct Named {
    std::string_view commit;
    Location where;
    bool known = false, present = false;
  };
  // Every loaded article counts, context files too: the question is about
  // the repository, not about the articles reported.
  std::vector<Named> named(ctx.articles.size());
  std::unordered_map<std::string_view, bool> commits;
  size_t articles = 0, found = 0;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    Named& n = named[i];
    n.commit = r.str();
    n.where = r.loc();
    n.known = r.boolean();
    n.present = true;
    ++articles;
    found += n.known;
    commits.try_emplace(n.commit, n.known);
  }
  if (articles == 0) return;
  if (found == 0) {
    ctx.note(fmt::format(
        "none of the {} commit{} that ms.sourcegitcommit names ({} article{}) is in the git repository that holds "
        "--source: that repository is not the source's history (a copy of the source committed into another "
        "repository?), so no article is reported and the source at the handoff commits cannot be read",
        commits.size(), commits.size() == 1 ? "" : "s", articles, articles == 1 ? "" : "s"));
    return;
  }
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    const Named& n = named[i];
    if (!n.present || n.known || !ctx.enabled_for(i)) continue;
    ctx.report(i, n.where, fmt::format("ms.sourcegitcommit {} is not a commit of the source repository", n.commit));
  }
}

TMLINT_RULE({.info = {.id = "unknown-source-commit",
                      .category = "metadata",
                      .default_severity = Severity::Warning,
                      .summary = "ms.sourcegitcommit is not a commit of the --source repository"},
             .collect_facts = &collect,
             .check_batch = &check});

}  // namespace
}  // namespace tmlint
