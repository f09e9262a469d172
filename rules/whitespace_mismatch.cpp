// whitespace-mismatch: whitespace of a segment's target that differs from
// its source in a way that changes the rendered page:
//   - a newline in a target that sits in a GFM table row, when the source has
//     none: the row ends there and the table breaks (FORMAT.md §5.5);
//   - hard line breaks (two trailing spaces or a backslash before a newline)
//     that the source has and the target not, or the reverse;
//   - leading or trailing whitespace that the source has and the target not,
//     or the reverse, where the pair touches inline text of the skeleton (the
//     text runs into, or is cut from, its neighbour). At a line's end or a
//     table cell's edge whitespace is invisible, and in CJK targets spaces
//     between a segment and its neighbour are optional, so `edges` is off by
//     default for ja, zh and ko.
// Whitespace inside code spans is inline-code-mismatch's business.
#include <fmt/format.h>

#include "qa_common.h"

namespace tmlint {
namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Hard line breaks outside code: "  \n" or "\\\n".
int hard_breaks(const std::vector<InlineToken>& tokens) {
  int n = 0;
  for (const InlineToken& t : tokens) {
    if (t.kind == InlineKind::Escape) continue;
    if (t.kind != InlineKind::Text) continue;
    std::string_view s = t.text;
    for (size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) {
      size_t j = i;
      if (j > 0 && s[j - 1] == '\r') --j;
      if (j >= 2 && s[j - 1] == ' ' && s[j - 2] == ' ') ++n;
      else if (j >= 1 && s[j - 1] == '\\') ++n;
    }
  }
  return n;
}

bool has_newline_outside_code(const std::vector<InlineToken>& tokens) {
  for (const InlineToken& t : tokens)
    if (t.kind != InlineKind::Code && t.text.find('\n') != std::string_view::npos) return true;
  return false;
}

// True when the segment's line is a pipe-table row: the loader only knows a
// table by its delimiter row, and a newline injected in the header row hides
// that row from it.
bool on_pipe_row(const Article& a, const Segment& s) {
  std::string_view b = a.bytes;
  size_t at = s.location.offset;
  size_t line = b.rfind('\n', at == 0 ? 0 : at - 1);
  line = line == std::string_view::npos || at == 0 ? 0 : line + 1;
  while (line < at && (b[line] == ' ' || b[line] == '\t' || b[line] == '>')) ++line;
  return line < at && b[line] == '|';
}

// The skeleton byte next to the pair is inline text (not a line end, space,
// cell edge, end of an HTML tag or link bracket).
bool inline_neighbour(char c) {
  return !(c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '|' || c == '[' || c == ']' || c == '>');
}

void check(const ArticleContext& ctx) {
  bool edges = ctx.options.get_bool("edges", !qa::is_cjk_language(qa::language_of(qa::article_locale(ctx))));
  std::string_view bytes = ctx.article.bytes;
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    std::string_view t = s.target.raw, src = s.source.raw;
    if (t.empty() || src.empty()) continue;
    std::vector<std::string> problems;
    bool t_nl = t.find('\n') != std::string_view::npos;
    bool s_nl = src.find('\n') != std::string_view::npos;
    // on_pipe_row scans back to the line's start, so it is asked last: only
    // for a target with a newline, whose line therefore starts after the
    // previous such segment (linear over a line of 100,000 segments).
    if (t_nl && !s_nl && ((s.context.in_table && s.context.block == BlockKind::TableRow) || on_pipe_row(ctx.article, s)) &&
        has_newline_outside_code(ctx.text.tokens(i, Side::Target)))
      problems.push_back("a newline in a table row (the row ends there and the table breaks)");
    if (t_nl || s_nl) {
      int tb = hard_breaks(ctx.text.tokens(i, Side::Target)), sb = hard_breaks(ctx.text.tokens(i, Side::Source));
      if (tb != sb) problems.push_back(fmt::format("{} hard line breaks where the source has {}", tb, sb));
    }
    if (edges) {
      bool tl = is_ws(t.front()), sl = is_ws(src.front());
      bool tt = is_ws(t.back()), st = is_ws(src.back());
      size_t at = s.location.offset;
      if (at == 0 || !inline_neighbour(bytes[at - 1])) tl = sl;
      if (s.end_offset >= bytes.size() || !inline_neighbour(bytes[s.end_offset])) tt = st;
      if (tl != sl) problems.push_back(sl ? "the source's leading whitespace is missing" : "leading whitespace the source has not");
      if (tt != st) problems.push_back(st ? "the source's trailing whitespace is missing" : "trailing whitespace the source has not");
    }
    if (problems.empty()) continue;
    std::string message = fmt::format("segment {}: whitespace differs from the source: ", s.id);
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i) message += "; ";
      message += problems[i];
    }
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "whitespace-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "Leading/trailing whitespace, hard line breaks or a newline in a table row differ from the source"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
