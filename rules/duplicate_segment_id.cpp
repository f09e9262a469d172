// duplicate-segment-id: an id used twice, in one file (found by the loader)
// or in two files of the batch (prefixes are unique per file, so a shared id
// means a segment was copied from another article).
#include <fmt/format.h>

#include <unordered_map>

#include "engine/rule_helpers.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) { report_load_issues(ctx, LoadIssueKind::DuplicateId); }

// Facts: each segment's id and location (about 20 bytes a segment); the
// texts are not kept, so a finding names the segment by id.
void collect(const ArticleContext& ctx, FactWriter& out) {
  for (const Segment& s : ctx.article.segments) {
    out.str(s.id);
    out.loc(s.location);
  }
}

void check_batch(const BatchContext& ctx) {
  struct First {
    size_t article;
    uint32_t line;
  };
  std::unordered_map<std::string_view, First> first;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    for (FactReader r = ctx.facts(i); !r.done();) {
      const std::string_view id = r.str();
      const Location where = r.loc();
      auto [it, inserted] = first.try_emplace(id, First{i, where.line});
      if (inserted || it->second.article == i) continue;  // same-file duplicates: per-article check
      if (!ctx.enabled_for(i)) continue;
      const First& f = it->second;
      ctx.report(i, where,
                 fmt::format("segment id {} is also used in {}:{}", id, ctx.articles[f.article]->path, f.line), id);
    }
  }
}

TMLINT_RULE({.info = {.id = "duplicate-segment-id",
                      .category = "structure",
                      .default_severity = Severity::Error,
                      .summary = "A segment id occurs twice in a file or in two files of the batch"},
             .check_article = &check,
             .collect_facts = &collect,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
