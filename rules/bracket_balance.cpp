// bracket-balance: brackets and quotes that are balanced in a segment's
// source but not in its target, CJK pairs included (「」『』（）【】).
//
// Only the prose is read (tokenize_inline): the brackets of a link
// ([text](url)) are link tokens, code and URLs are left out, so the Docs
// convention "**[UI label]**" is an ordinary balanced pair. Half- and
// full-width forms close each other ("（...)" renders fine and is a style
// question, not a broken pair). Straight double quotes are balanced when
// their number is even.
#include <fmt/format.h>
#include <unicode/utf8.h>

#include "qa_common.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

// Family of an opening (positive) or closing (negative) bracket; 0 if none.
int family(UChar32 c) {
  switch (c) {
    case '(': case 0xFF08: return 1;
    case ')': case 0xFF09: return -1;
    case '[': case 0xFF3B: return 2;
    case ']': case 0xFF3D: return -2;
    case '{': case 0xFF5B: return 3;
    case '}': case 0xFF5D: return -3;
    case 0x300C: return 4;   // 「
    case 0x300D: return -4;  // 」
    case 0x300E: return 5;   // 『
    case 0x300F: return -5;  // 』
    case 0x3010: return 6;   // 【
    case 0x3011: return -6;  // 】
    case 0x300A: return 7;   // 《
    case 0x300B: return -7;  // 》
    case 0x3008: return 8;   // 〈
    case 0x3009: return -8;  // 〉
    case 0x201C: return 9;   // “
    case 0x201D: return -9;  // ”
    default: return 0;
  }
}

// The first problem of a prose text, or empty when it is balanced.
std::string imbalance(std::string_view text) {
  std::vector<UChar32> stack;
  int straight_quotes = 0;
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  auto show = [](UChar32 c) {
    std::string out;
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, c, error);
    (void)error;
    out.assign(buf, static_cast<size_t>(len));
    return out;
  };
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c == '"') {
      ++straight_quotes;
      continue;
    }
    int f = family(c);
    if (f > 0) stack.push_back(c);
    else if (f < 0) {
      if (stack.empty()) return fmt::format("'{}' closes nothing", show(c));
      if (family(stack.back()) != -f)
        return fmt::format("'{}' closes '{}'", show(c), show(stack.back()));
      stack.pop_back();
    }
  }
  if (!stack.empty()) return fmt::format("'{}' is not closed", show(stack.back()));
  if (straight_quotes % 2) return "an odd number of '\"'";
  return {};
}

bool has_bracket_byte(std::string_view s) {
  // ASCII brackets and quotes, or the lead bytes of the CJK and typographic ones.
  return qa::contains_any_of(s, "()[]{}\"\xE3\xEF\xE2");
}

void check(const ArticleContext& ctx) {
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source || !has_bracket_byte(s.target.raw)) continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    std::string problem = imbalance(target.text);
    if (problem.empty()) continue;
    const Prose& source = ctx.text.prose(i, Side::Source);
    if (!imbalance(source.text).empty()) continue;  // a fragment: the source is not balanced either
    ctx.report(s.target.location,
               fmt::format("segment {}: brackets or quotes are not balanced in the target ({}) while they are in "
                           "the source: \"{}\"",
                           s.id, problem, excerpt(ctx.text.visible(i, Side::Target), 60)),
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
