// markup-mismatch: inline Markdown/HTML markup of the source that is lost or
// broken in the target: emphasis markers (** __ * _ ~~), escaped emphasis
// markers the source does not have (MT's "\*\*\*\*"), inline HTML tags
// (<br>, <sup>, <a href>), escaped pipes (\|, which keep a table row whole)
// and character references (&nbsp; &#10004;).
//
// Everything is read through tokenize_inline, so markup inside code spans
// never counts and "** x **" (whitespace on both sides, which CommonMark
// does not render as emphasis) is text, not emphasis. Emphasis is compared
// as the number of marker characters, so "**" and "__" are the same and a
// translator may move bold within the sentence; an entity is kept when the
// target has it or the character it stands for.
#include <fmt/format.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "load/entities.h"
#include "qa_common.h"

namespace tmlint {
namespace {

struct Markup {
  int emphasis = 0;        // '*' and '_' marker characters
  int strike = 0;          // "~~" runs
  int escaped_markers = 0; // \* and \_
  int escaped_pipes = 0;   // \|
  std::vector<int> escape_runs;  // lengths of runs of adjacent \* or \_ ("\*\*" is 2)
  qa::Counts tags;         // "<b>", "</b>", "<br>"
  qa::Counts entities;     // decoded character -> references of it
  std::map<std::string, std::string_view> entity_spelling;  // decoded -> "&nbsp;"
  std::string text;        // Text tokens, to find decoded characters
  int spans = 0;           // emphasis runs / 2: spans of emphasis
  int brackets = 0;        // literal '[' in the text (not links)
  int stray = 0;           // '*' runs in the text that are not emphasis ("** x **")
  bool crossing = false;   // an emphasis span crossing a literal bracket: "[**x]**"
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

Markup markup_of(const std::vector<InlineToken>& tokens) {
  Markup m;
  int runs = 0;
  int depth = 0;                 // literal bracket depth
  std::vector<int> open_depth;   // bracket depth where each open emphasis began
  uint32_t run_end = UINT32_MAX;  // end offset of the current escape run
  for (const InlineToken& t : tokens) {
    switch (t.kind) {
      case InlineKind::Emphasis:
        if (t.text[0] == '~') {
          ++m.strike;
          break;
        }
        m.emphasis += static_cast<int>(t.text.size());
        ++runs;
        if (!open_depth.empty() && (t.flags & InlineToken::kRightFlanking)) {
          if (open_depth.back() != depth) m.crossing = true;
          open_depth.pop_back();
        } else {
          open_depth.push_back(depth);
        }
        break;
      case InlineKind::Escape:
        if (t.detail == "*" || t.detail == "_") {
          ++m.escaped_markers;
          if (t.offset == run_end) ++m.escape_runs.back();
          else m.escape_runs.push_back(1);
          run_end = t.offset + 2;
        }
        else if (t.detail == "|") ++m.escaped_pipes;
        break;
      case InlineKind::HtmlOpen: m.tags["<" + lower(t.detail) + ">"]++; break;
      case InlineKind::HtmlSelfClosing: m.tags["<" + lower(t.detail) + ">"]++; break;
      case InlineKind::HtmlClose: m.tags["</" + lower(t.detail) + ">"]++; break;
      case InlineKind::Entity: {
        std::string decoded;
        decode_one_entity(t.text, decoded);
        m.entities[decoded]++;
        m.entity_spelling.emplace(decoded, t.text);
        break;
      }
      case InlineKind::Text:
        m.text += t.text;
        for (size_t i = 0; i < t.text.size(); ++i) {
          char c = t.text[i];
          if (c == '[') ++m.brackets, ++depth;
          else if (c == ']') --depth;
          else if (c == '*' && (i == 0 || t.text[i - 1] != '*')) {
            // A run of two or more '*' left in the text is a visible marker.
            if (i + 1 < t.text.size() && t.text[i + 1] == '*') ++m.stray;
          }
        }
        break;
      default: break;
    }
  }
  m.spans = runs / 2;
  return m;
}

// Only references to symbols and spaces must survive: quotes and dashes
// (&#8220; &mdash;) are punctuation that translators legitimately replace.
bool must_survive(const std::string& decoded) {
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(decoded.data(), i, static_cast<int32_t>(decoded.size()), c);
  if (c == 0xA0) return true;
  int8_t type = u_charType(c);
  return type == U_MATH_SYMBOL || type == U_OTHER_SYMBOL || type == U_CURRENCY_SYMBOL || c == '<' || c == '>' ||
         c == '&';
}

size_t occurrences(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

bool may_hold_markup(std::string_view s) { return qa::contains_any_of(s, "*_~\\<&"); }

void check(const ArticleContext& ctx) {
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    if (!may_hold_markup(s.source.raw) && !may_hold_markup(s.target.raw)) continue;
    Markup t = markup_of(ctx.text.tokens(i, Side::Target));
    Markup src = markup_of(ctx.text.tokens(i, Side::Source));
    std::vector<std::string> problems;
    // Emphasis. Broken markers are always reported; lost emphasis only when
    // the target did not turn it into the ja-JP "[UI label]" convention; more
    // emphasis only when the source's own markers are not broken.
    bool broken = t.escaped_markers > src.escaped_markers || t.stray > src.stray || (t.crossing && !src.crossing);
    int lost_spans = src.spans - t.spans;
    if (t.emphasis != src.emphasis || broken) {
      bool report = broken;
      if (t.emphasis < src.emphasis && lost_spans > t.brackets - src.brackets) report = true;
      if (t.emphasis > src.emphasis && src.escaped_markers == 0 && src.stray == 0) report = true;
      if (report) {
        std::string what = fmt::format("{} emphasis marker characters (* or _) where the source has {}", t.emphasis,
                                       src.emphasis);
        if (t.stray > src.stray) what += ", and '**' left as text";
        else if (t.crossing && !src.crossing) what += ", and emphasis crossing a bracket";
        problems.push_back(std::move(what));
      }
    }
    if (t.strike != src.strike)
      problems.push_back(fmt::format("{} strikethrough markers (~~) where the source has {}", t.strike, src.strike));
    if (t.escaped_markers > src.escaped_markers)
      problems.push_back(fmt::format("{} escaped emphasis markers (\\* or \\_) the source does not have",
                                     t.escaped_markers - src.escaped_markers));
    if (t.escaped_markers == src.escaped_markers && t.escape_runs.size() > src.escape_runs.size())
      problems.push_back("escaped markers split by spaces (\\*\\* became \\* \\*)");
    if (t.escaped_pipes != src.escaped_pipes)
      problems.push_back(fmt::format("{} escaped pipes (\\|) where the source has {}", t.escaped_pipes,
                                     src.escaped_pipes));
    if (t.tags != src.tags) {
      auto lost = qa::missing_from(src.tags, t.tags);
      auto added = qa::missing_from(t.tags, src.tags);
      if (!lost.empty()) problems.push_back(fmt::format("HTML tags missing: {}", qa::join_quoted(lost)));
      if (!added.empty()) problems.push_back(fmt::format("HTML tags not in the source: {}", qa::join_quoted(added)));
    }
    for (const auto& [ch, n] : src.entities) {
      if (!must_survive(ch)) continue;
      auto it = t.entities.find(ch);
      size_t have = (it == t.entities.end() ? 0 : it->second) + occurrences(t.text, ch);
      if (have < static_cast<size_t>(n)) {
        problems.push_back(
            fmt::format("the character reference {} of the source is lost", src.entity_spelling.at(ch)));
        break;
      }
    }
    if (problems.empty()) continue;
    std::string message = fmt::format("segment {}: markup differs from the source: ", s.id);
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i) message += "; ";
      message += problems[i];
    }
    ctx.report(s.target.location, std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "markup-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "Emphasis, inline HTML, escapes or entities of the source are lost or broken in the target"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
