// segment-id-order: ids of a file share one prefix and increase in document
// order (the plain and the 'p' sequences independently). A break means
// segments were moved, copied between files or merged by hand.
#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::IdOrder); }

TMLINT_RULE({.info = {.id = "segment-id-order",
                      .category = "structure",
                      .default_severity = Severity::Warning,
                      .summary = "Segment ids are out of order or change prefix within a file"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
