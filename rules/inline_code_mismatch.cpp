// inline-code-mismatch: the inline code spans of a segment's target are not
// those of its source (as a multiset of contents). Code is copied verbatim:
// a translated, dropped, split or added code span is a defect.
#include <fmt/format.h>

#include "qa_common.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

qa::Counts code_spans(const std::vector<InlineToken>& tokens) {
  qa::Counts counts;
  for (const InlineToken& t : tokens)
    if (t.kind == InlineKind::Code) ++counts[std::string(t.detail)];
  return counts;
}

void check(const ArticleContext& ctx) {
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    // Cheap exit: no backtick on either side.
    if (s.target.raw.find('`') == std::string_view::npos && s.source.raw.find('`') == std::string_view::npos)
      continue;
    qa::Counts target = code_spans(ctx.text.tokens(i, Side::Target));
    qa::Counts source = code_spans(ctx.text.tokens(i, Side::Source));
    if (target == source) continue;
    auto lost = qa::missing_from(source, target);
    auto added = qa::missing_from(target, source);
    for (auto& k : lost) k = excerpt(k, 40);
    for (auto& k : added) k = excerpt(k, 40);
    std::string message = fmt::format("segment {}: inline code differs from the source", s.id);
    if (!lost.empty()) message += fmt::format("; missing in the target: {}", qa::join_quoted(lost));
    if (!added.empty()) message += fmt::format("; not in the source: {}", qa::join_quoted(added));
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "inline-code-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Error,
                      .summary = "A segment's inline code spans differ from its source's"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
