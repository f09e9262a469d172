// missing-source: a target span `<span data-ttu-id>` that is not followed by
// its `<span class="sxs-lookup">` source, so the pair cannot be aligned.
#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::MissingSource); }

TMLINT_RULE({.info = {.id = "missing-source",
                      .category = "structure",
                      .default_severity = Severity::Error,
                      .summary = "A target span has no sxs-lookup source span"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
