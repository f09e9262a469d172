// duplicate-segment-id: an id used twice, in one file (found by the loader)
// or in two files of the batch (prefixes are unique per file, so a shared id
// means a segment was copied from another article).
#include <fmt/format.h>

#include <unordered_map>

#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::DuplicateId); }

void check_batch(const BatchContext& ctx) {
  struct First {
    const Article* article;
    const Segment* segment;
  };
  std::unordered_map<std::string_view, First> first;
  for (const Article* a : ctx.articles) {
    for (const Segment& s : a->segments) {
      auto [it, inserted] = first.try_emplace(s.id, First{a, &s});
      if (inserted || it->second.article == a) continue;  // same-file duplicates: per-article check
      if (!ctx.enabled_for(*a)) continue;
      const First& f = it->second;
      ctx.report(*a, s.location,
                 fmt::format("segment id {} is also used in {}:{}", s.id, f.article->path, f.segment->location.line),
                 s.id);
    }
  }
}

TMLINT_RULE({.info = {.id = "duplicate-segment-id",
                      .category = "structure",
                      .default_severity = Severity::Error,
                      .summary = "A segment id occurs twice in a file or in two files of the batch"},
             .check_article = &check,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
