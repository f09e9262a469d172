// parse-error: the file's structure is broken where the loader could not
// read it as sxs Markdown: a corrupted or unclosed segment tag, an orphan
// sxs-lookup span, invalid UTF-8, NUL bytes, UTF-16, front matter that is not
// YAML, too large or too deep, an unclosed code fence.
#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::Parse); }

TMLINT_RULE({.info = {.id = "parse-error",
                      .category = "structure",
                      .default_severity = Severity::Error,
                      .summary = "The file cannot be read as sxs Markdown at this point"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
