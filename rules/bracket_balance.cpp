// bracket-balance: brackets and quotes that are balanced in a segment's
// source but not in its target.
//
// The pairs are the locale's (paired_marks.h): generic and CJK brackets, the
// locale's quotation marks from CLDR (German „…“, French « », Russian « »
// and „ “), the English ones MT keeps from the source, and the data file's
// `bracket-balance: pairs:`; the apostrophe ’ inside words is no quote.
// Only the prose is read (tokenize_inline): the brackets of a link
// ([text](url)) are link tokens, code and URLs are left out, so the Docs
// convention "**[UI label]**" is an ordinary balanced pair. Half- and
// full-width forms close each other ("（...)" renders fine and is a style
// question, not a broken pair).
#include <fmt/format.h>
#include <unicode/utf8.h>

#include "paired_marks.h"
#include "qa_common.h"

namespace tmlint {
namespace {

struct Problem {
  std::string what;  // "'(' is not closed"
  size_t at = 0;     // byte of the offending mark in the prose
  enum Kind { Stray, Mismatch, Unclosed } kind = Stray;
  bool symmetric = false;  // Unclosed: the mark closes itself (ASCII ")
};

// The first problem of a prose text, if any.
std::optional<Problem> imbalance(std::string_view text, const qa::MarkTable& table) {
  qa::PairStack stack(table);
  std::optional<Problem> problem;
  table.for_each_mark(text, [&](const qa::MarkTable::Mark&, UChar32 c, size_t at, UChar32 prev, UChar32 next) {
    switch (stack.feed(c, at, prev, next)) {
      case qa::PairStack::Event::Stray:
        problem = Problem{fmt::format("'{}' closes nothing", qa::utf8_of(c)), at, Problem::Stray};
        return false;
      case qa::PairStack::Event::Mismatch:
        problem = Problem{fmt::format("'{}' does not close '{}'", qa::utf8_of(c), qa::utf8_of(stack.top().c)), at,
                          Problem::Mismatch};
        return false;
      default: return true;
    }
  });
  if (problem) return problem;
  if (!stack.empty()) {
    const qa::MarkTable::Mark* m = table.find(stack.top().c);
    bool symmetric = m && m->opens && (m->closes >> (m->opens - 1) & 1);
    return Problem{fmt::format("'{}' is not closed", qa::utf8_of(stack.top().c)), stack.top().at, Problem::Unclosed,
                   symmetric};
  }
  return std::nullopt;
}

bool has_bracket_byte(std::string_view s) {
  // ASCII brackets and quotes, or the lead bytes of the CJK, typographic
  // and Latin-1 (« ») ones.
  return qa::contains_any_of(s, "()[]{}\"\xE3\xEF\xE2\xC2");
}

// True when segment `i + 1` follows segment `i` in the same paragraph line
// (only spaces between them): one sentence of it each.
bool adjacent(const Article& a, size_t i) {
  if (i + 1 >= a.segments.size()) return false;
  uint32_t from = a.segments[i].end_offset, to = a.segments[i + 1].location.offset;
  if (from > to || to - from > 8) return false;
  for (uint32_t k = from; k < to; ++k)
    if (a.bytes[k] != ' ') return false;
  return true;
}

// A pair the segmentation cut: the sentence of segment `i` opens a bracket
// the next one closes ("(Gmail、Yahoo!" + "iCloud メール ...)"), and the two
// targets together are balanced, the two sources too. Not for a mark that
// closes itself (ASCII "), which cannot say which side it is.
bool cut_pair(SegmentTextCache& text, size_t i, const qa::MarkTable& target_marks, const qa::MarkTable& source_marks) {
  auto first = imbalance(text.prose(i, Side::Target).text, target_marks);
  auto second = imbalance(text.prose(i + 1, Side::Target).text, target_marks);
  if (!first || first->kind != Problem::Unclosed || first->symmetric || !second || second->kind != Problem::Stray)
    return false;
  std::string both = text.prose(i, Side::Target).text + " " + text.prose(i + 1, Side::Target).text;
  if (imbalance(both, target_marks)) return false;
  std::string sources = text.prose(i, Side::Source).text + " " + text.prose(i + 1, Side::Source).text;
  return !imbalance(sources, source_marks);
}

void check(const ArticleContext& ctx) {
  static const qa::MarkTable source_marks(locale_profile("en"));
  const qa::MarkTable target_marks(ctx.locale, &locale_profile("en"));
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source || !has_bracket_byte(s.target.raw)) continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    std::optional<Problem> problem = imbalance(target.text, target_marks);
    if (!problem) continue;
    const Prose& source = ctx.text.prose(i, Side::Source);
    if (imbalance(source.text, source_marks)) continue;  // a fragment: the source is not balanced either
    const Article& a = ctx.article;
    if (problem->kind == Problem::Unclosed && adjacent(a, i) && a.segments[i + 1].has_source &&
        cut_pair(ctx.text, i, target_marks, source_marks))
      continue;
    if (problem->kind == Problem::Stray && i > 0 && adjacent(a, i - 1) && a.segments[i - 1].has_source &&
        cut_pair(ctx.text, i - 1, target_marks, source_marks))
      continue;
    uint32_t raw_at = problem->at < target.origin.size() ? target.origin[problem->at] : 0;
    ctx.report(ctx.article.locate(s.target.location.offset + raw_at),
               fmt::format("segment {}: {} in the target: {} (the source's brackets and quotes are balanced)", s.id,
                           problem->what, qa::quoted(qa::verbatim_excerpt(s.target.raw, raw_at))),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "bracket-balance",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "Brackets or quotes balanced in the source are not balanced in the target"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
