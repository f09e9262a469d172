#pragma once
// Small helpers shared by rules.
#include "engine/rule.h"

namespace tmlint {

// Forwards the loader's findings of one kind: the structural rules are the
// public names of what the loader detects.
inline void report_load_issues(const ArticleContext& ctx, LoadIssueKind kind) {
  for (const LoadIssue& issue : ctx.article.issues)
    if (issue.kind == kind) ctx.report(issue.location, issue.message, issue.segment);
}

}  // namespace tmlint
