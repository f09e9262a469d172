// segment-id-mismatch: the stu-id of the source differs from the ttu-id of
// the target, so target and source may belong to different segments.
#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::IdMismatch); }

TMLINT_RULE({.info = {.id = "segment-id-mismatch",
                      .category = "structure",
                      .default_severity = Severity::Error,
                      .summary = "The source's stu-id differs from the target's ttu-id"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
