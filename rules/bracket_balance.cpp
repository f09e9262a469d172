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
};

// The first problem of a prose text, if any.
std::optional<Problem> imbalance(std::string_view text, const qa::MarkTable& table) {
  qa::PairStack stack(table);
  int32_t n = static_cast<int32_t>(text.size());
  UChar32 prev = 0;
  for (int32_t i = 0; i < n;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (!table.find(c)) {
      prev = c;
      continue;
    }
    UChar32 next = 0;
    if (int32_t j = i; j < n) U8_NEXT(text.data(), j, n, next);
    switch (stack.feed(c, static_cast<size_t>(at), prev, next < 0 ? 0 : next)) {
      case qa::PairStack::Event::Stray:
        return Problem{fmt::format("'{}' closes nothing", qa::utf8_of(c)), static_cast<size_t>(at)};
      case qa::PairStack::Event::Mismatch:
        return Problem{fmt::format("'{}' does not close '{}'", qa::utf8_of(c), qa::utf8_of(stack.top().c)),
                       static_cast<size_t>(at)};
      default: break;
    }
    prev = c;
  }
  if (!stack.empty())
    return Problem{fmt::format("'{}' is not closed", qa::utf8_of(stack.top().c)), stack.top().at};
  return std::nullopt;
}

bool has_bracket_byte(std::string_view s) {
  // ASCII brackets and quotes, or the lead bytes of the CJK, typographic
  // and Latin-1 (« ») ones.
  return qa::contains_any_of(s, "()[]{}\"\xE3\xEF\xE2\xC2");
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
