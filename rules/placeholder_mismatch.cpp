// placeholder-mismatch: the placeholders of a segment's source ({0}, {name},
// %s, %1, $(var), ${var}, <package_name>, \<path\>) are not all in its target
// unchanged, or the target has placeholders its source has not.
//
// Placeholders are read from the prose only (tokenize_inline): inside code
// they are inline-code-mismatch's business, and a URL's "{id}" is the link
// rules'. A tag-like placeholder with spaces (<repo name>, <your API key>)
// is a human-readable label that translators legitimately translate, so only
// identifier-like ones (<package_name>, <any>) must survive. The escaped and
// the plain spelling (\<path\> and <path>) are the same placeholder.
#include <fmt/format.h>

#include "qa_common.h"

namespace tmlint {
namespace {

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Placeholders in a prose string (qa::prose_of: Text tokens and escaped
// characters; other tokens are a '\x1F' boundary).
void scan_text(std::string_view s, qa::Counts& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '{') {
      // {0}, {name}, {{name}}: an identifier (or index) in braces.
      size_t b = i + 1;
      bool doubled = b < s.size() && s[b] == '{';
      if (doubled) ++b;
      size_t j = b;
      while (j < s.size() && (is_ident_char(s[j]) || s[j] == '.' || s[j] == ':')) ++j;
      if (j > b && j < s.size() && s[j] == '}' && (!doubled || (j + 1 < s.size() && s[j + 1] == '}'))) {
        size_t e = j + (doubled ? 2 : 1);
        out[std::string(s.substr(i, e - i))]++;
        i = e - 1;
      }
    } else if (c == '%') {
      // %s %d %ls %1 (printf and Windows message styles), %VAR%.
      if (i > 0 && (is_alnum(s[i - 1]))) continue;
      size_t j = i + 1;
      if (j < s.size() && s[j] == 'l') ++j;
      if (j < s.size() && (s[j] == 's' || s[j] == 'd' || s[j] == 'i' || s[j] == 'u' || s[j] == 'f' ||
                           (s[j] >= '1' && s[j] <= '9'))) {
        size_t e = j + 1;
        if (e < s.size() && is_alnum(s[e])) {
          // %VAR%, %systemroot%
          size_t k = i + 1;
          while (k < s.size() && is_ident_char(s[k])) ++k;
          if (k < s.size() && s[k] == '%' && k > i + 2) {
            out[std::string(s.substr(i, k + 1 - i))]++;
            i = k;
          }
          continue;
        }
        out[std::string(s.substr(i, e - i))]++;
        i = e - 1;
      } else {
        // %VAR%, %ProgramData%, %hostname%: an identifier between percents.
        size_t k = i + 1;
        while (k < s.size() && is_ident_char(s[k])) ++k;
        bool letter = i + 1 < s.size() && ((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (s[i + 1] >= 'a' && s[i + 1] <= 'z'));
        if (k < s.size() && s[k] == '%' && k > i + 2 && letter) {
          out[std::string(s.substr(i, k + 1 - i))]++;
          i = k;
        }
      }
    } else if (c == '$' && i + 1 < s.size() && (s[i + 1] == '(' || s[i + 1] == '{')) {
      char close = s[i + 1] == '(' ? ')' : '}';
      size_t j = i + 2;
      while (j < s.size() && (is_ident_char(s[j]) || s[j] == '.' || s[j] == ':')) ++j;
      if (j > i + 2 && j < s.size() && s[j] == close) {
        out[std::string(s.substr(i, j + 1 - i))]++;
        i = j;
      }
    }
  }
}

qa::Counts placeholders(SegmentTextCache& text, size_t segment, Side side) {
  qa::Counts out;
  const std::vector<InlineToken>& tokens = text.tokens(segment, side);
  // The prose with escapes resolved: "\{IDE}" is the placeholder {IDE}.
  scan_text(text.prose(segment, side).text, out);
  for (const InlineToken& t : tokens) {
    if (t.kind != InlineKind::Placeholder || t.detail.find(' ') != std::string_view::npos) continue;
    std::string name;  // "<year\>" (an escape on one side only) is <year>
    for (char c : t.detail)
      if (c != '\\') name.push_back(c);
    out["<" + name + ">"]++;
  }
  return out;
}

bool may_hold_placeholder(std::string_view s) { return qa::contains_any_of(s, "{%$<"); }

void check(const ArticleContext& ctx) {
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    if (!may_hold_placeholder(s.source.raw) && !may_hold_placeholder(s.target.raw)) continue;
    qa::Counts target = placeholders(ctx.text, i, Side::Target);
    qa::Counts source = placeholders(ctx.text, i, Side::Source);
    if (target == source) continue;
    auto lost = qa::missing_from(source, target);
    auto added = qa::missing_from(target, source);
    std::string message = fmt::format("segment {}: placeholders differ from the source", s.id);
    if (!lost.empty()) message += fmt::format("; missing in the target: {}", qa::join_quoted(lost));
    if (!added.empty()) message += fmt::format("; not in the source: {}", qa::join_quoted(added));
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "placeholder-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Error,
                      .summary = "A placeholder of the source (format item, %s, %VAR%, $(var), <name>) is not in the target unchanged"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
