// markup-mismatch: inline Markdown/HTML markup of the source that is lost or
// broken in the target: emphasis (** __ * _ ~~), escaped emphasis markers
// the source does not have (MT's "\*\*\*\*"), inline HTML tags (<br>,
// <sup>, <a href>), escaped pipes (\|, which keep a table row whole) and
// character references (&nbsp; &#10004;).
//
// Everything is read through tokenize_inline, so markup inside code spans
// never counts and "** x **" (whitespace on both sides, which CommonMark
// does not render as emphasis) is text, not emphasis. Emphasis is compared
// as spans (a marker run and the run that closes it): a translator may move
// bold within the sentence, and a locale may render a bold UI label with
// other marks instead (ja-JP "[UI label]", zh-CN “UI label”), which its data
// file names under `markup-mismatch: bold-as:`. Broken markers are always
// reported: a run nothing closes, "**" left as text, escapes the source does
// not have, and bold crossing a bracket or a quotation mark.
#include <fmt/format.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "load/entities.h"
#include "paired_marks.h"
#include "qa_common.h"

namespace tmlint {
namespace {

struct Span {
  uint32_t open = 0, close = 0;  // fragment offsets of the two runs
  uint32_t open_len = 0, close_len = 0;
};

struct Markup {
  int emphasis = 0;              // '*' and '_' marker characters
  int strike = 0;                // "~~" runs
  int escaped_markers = 0;       // \* and \_
  int escaped_pipes = 0;         // \|
  std::vector<uint32_t> escape_runs;  // offset of each run of adjacent \* or \_ ("\*\*" is one)
  qa::Counts tags;               // "<b>", "</b>", "<br>"
  qa::Counts entities;           // decoded character -> references of it
  std::map<std::string, std::string_view> entity_spelling;  // decoded -> "&nbsp;"
  std::string text;              // Text tokens, to find decoded characters
  std::vector<Span> spans;       // emphasis spans, in the order they close
  std::vector<uint32_t> lone;    // emphasis runs nothing closes or opens
  std::vector<uint32_t> stray;   // "**" runs left in the text ("** x **")
  struct Crossing {
    Span span;
    uint32_t mark;  // fragment offset of the bracket, quotation mark or link crossed
  };
  std::vector<Crossing> crossing;  // spans whose two runs sit inside different marks
  int bold_as = 0;               // pairs of the locale's bold-as marks
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  return out;
}

// The marks a locale may render a bold UI label with (data file
// `markup-mismatch: bold-as:`, "OPEN CLOSE" pairs or `quotes` for the
// locale's quotation marks from CLDR and its data file).
std::vector<qa::QuoteCode> bold_as_marks(const LocaleProfile& locale) {
  std::vector<qa::QuoteCode> out;
  for (const std::string& entry : locale.list("markup-mismatch", "bold-as")) {
    if (entry == "quotes") {
      for (const QuotePair& q : locale.quotes())
        out.push_back({qa::first_code_point(q.open), qa::first_code_point(q.close)});
      continue;
    }
    size_t sp = entry.find(' ');
    if (sp == std::string::npos) continue;
    out.push_back({qa::first_code_point(std::string_view(entry).substr(0, sp)),
                   qa::first_code_point(std::string_view(entry).substr(sp + 1))});
  }
  return out;
}

// Bold-as marks of a text: openers, and marks whose two sides are the same
// (ASCII "), of which two make a pair.
struct BoldAsCount {
  int opens = 0, symmetric = 0;
  int pairs() const { return opens + symmetric / 2; }
};

size_t occurrences(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

void count_bold_as(std::string_view text, const std::vector<qa::QuoteCode>& marks, BoldAsCount& count) {
  for (const qa::QuoteCode& m : marks) {
    int n = static_cast<int>(occurrences(text, qa::utf8_of(m.open)));
    if (m.open == m.close) count.symmetric += n;
    else count.opens += n;
  }
}

struct MarkupScan {
  const qa::MarkTable& brackets;
  const std::vector<qa::QuoteCode>& bold_as;
};

Markup markup_of(const std::vector<InlineToken>& tokens, const MarkupScan& scan) {
  Markup m;
  // Where a run sits: inside which bracket or quotation mark (the innermost
  // open one, by its offset) and which link text. A span whose two runs sit
  // in different places crosses one.
  qa::PairStack marks(scan.brackets);
  std::vector<uint32_t> links;  // offsets of the link texts open
  struct Place {
    size_t depth = 0;
    size_t inner = SIZE_MAX;  // offset of the innermost open mark
    uint32_t link = UINT32_MAX;
    bool operator==(const Place&) const = default;
  };
  auto place = [&] {
    Place p;
    p.depth = marks.depth() + links.size();
    if (!marks.empty()) p.inner = marks.top().at;
    if (!links.empty()) p.link = links.back();
    return p;
  };
  struct OpenRun {
    uint32_t at, len;
    char c;
    Place where;
  };
  std::vector<OpenRun> open;
  uint32_t run_end = UINT32_MAX;  // end offset of the current escape run
  // The bold-as marks outside emphasis: quotes inside bold ("**"Migrate
  // deals"**") are the source's own, and bold kept in the target around
  // quotes replaces nothing.
  BoldAsCount bold_as;
  for (const InlineToken& t : tokens) {
    switch (t.kind) {
      case InlineKind::Emphasis: {
        if (t.text[0] == '~') {
          ++m.strike;
          break;
        }
        uint32_t len = static_cast<uint32_t>(t.text.size());
        m.emphasis += static_cast<int>(len);
        Place here = place();
        // CommonMark's delimiter runs: a closing run uses the open run on
        // top, two characters for bold when both have them, else one
        // ("***a** b*" is bold inside italic); what is left of either waits.
        uint32_t left = len, pos = t.offset;
        if (t.flags & InlineToken::kRightFlanking) {
          while (left > 0 && !open.empty() && open.back().c == t.text[0]) {
            OpenRun& o = open.back();
            uint32_t k = left >= 2 && o.len >= 2 ? 2 : 1;
            Span span{o.at + o.len - k, pos, k, k};
            if (!(o.where == here)) {
              // The mark crossed: the one open at the closing run, else the
              // one open at the opening run.
              Place at = here.depth >= o.where.depth ? here : o.where;
              uint32_t mark = at.inner != SIZE_MAX ? static_cast<uint32_t>(at.inner) : at.link;
              if (at.link != UINT32_MAX && (at.inner == SIZE_MAX || at.link > at.inner)) mark = at.link;
              m.crossing.push_back({span, mark});
            }
            m.spans.push_back(span);
            o.len -= k;
            left -= k;
            pos += k;
            if (o.len == 0) open.pop_back();
          }
        }
        if (left > 0) {
          if (t.flags & InlineToken::kLeftFlanking) open.push_back({pos, left, t.text[0], here});
          else m.lone.push_back(pos);
        }
        break;
      }
      case InlineKind::Escape:
        if (open.empty()) count_bold_as(t.detail, scan.bold_as, bold_as);
        if (t.detail == "*" || t.detail == "_") {
          ++m.escaped_markers;
          if (t.offset != run_end) m.escape_runs.push_back(t.offset);
          run_end = t.offset + 2;
        } else if (t.detail == "|") {
          ++m.escaped_pipes;
        }
        break;
      case InlineKind::LinkOpen: links.push_back(t.offset); break;
      case InlineKind::LinkClose:
        if (!links.empty()) links.pop_back();
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
      case InlineKind::Text: {
        m.text += t.text;
        if (open.empty()) count_bold_as(t.text, scan.bold_as, bold_as);
        // A run of two or more '*' left in the text is a visible marker.
        for (size_t k = t.text.find('*'); k != std::string_view::npos;) {
          size_t e = k;
          while (e < t.text.size() && t.text[e] == '*') ++e;
          if (e - k >= 2) m.stray.push_back(t.offset + static_cast<uint32_t>(k));
          k = t.text.find('*', e);
        }
        scan.brackets.for_each_mark(t.text, [&](const qa::MarkTable::Mark&, UChar32 c, size_t at, UChar32 prev,
                                                UChar32 next) {
          marks.feed(c, t.offset + static_cast<uint32_t>(at), prev, next);
          return true;
        });
        break;
      }
      default: break;
    }
  }
  for (const OpenRun& o : open) m.lone.push_back(o.at);
  std::sort(m.lone.begin(), m.lone.end());
  m.bold_as = bold_as.pairs();
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

bool may_hold_markup(std::string_view s) { return qa::contains_any_of(s, "*_~\\<&"); }

// A span as written: "**Won**".
std::string_view span_text(std::string_view raw, const Span& s) {
  return raw.substr(s.open, s.close + s.close_len - s.open);
}
std::string_view span_inner(std::string_view raw, const Span& s) {
  return raw.substr(s.open + s.open_len, s.close - s.open - s.open_len);
}

// The escaped markers from `at` on, with the spaces between them: "\\* \\*".
std::string_view escape_run(std::string_view raw, uint32_t at) {
  size_t i = at, end = at;
  while (i + 1 < raw.size()) {
    if (raw[i] == '\\' && (raw[i + 1] == '*' || raw[i + 1] == '_')) {
      i += 2;
      end = i;
    } else if (raw[i] == ' ') {
      ++i;
    } else {
      break;
    }
  }
  return raw.substr(at, end - at);
}

// Up to three items, each in backquotes, "`a`, `b`, `c` and 2 more".
std::string list_code(const std::vector<std::string_view>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < 3; ++i) {
    if (i) out += ", ";
    out += qa::quoted(qa::verbatim_excerpt(items[i], 0, 0, 40));
  }
  if (items.size() > 3) out += fmt::format(" and {} more", items.size() - 3);
  return out;
}

struct Problem {
  std::string what;
  uint32_t at = 0;       // fragment offset of the target the finding points at
  bool located = true;   // false: nothing in the target to point at (the segment's start)
};

// What of the emphasis is broken or lost, first problem first.
void emphasis_problems(std::string_view traw, std::string_view sraw, const Markup& t, const Markup& src,
                       bool bold_as_known, std::vector<Problem>& out) {
  // Broken markers: visible asterisks or bold where it should not be.
  if (t.lone.size() > src.lone.size()) {
    uint32_t at = t.lone.front();
    out.push_back({fmt::format("an emphasis marker nothing closes: {}", qa::quoted(qa::verbatim_excerpt(traw, at, 10, 10))),
                   at});
  }
  if (t.stray.size() > src.stray.size()) {
    uint32_t at = t.stray.front();
    out.push_back({fmt::format("'**' left as text (not emphasis once rendered): {}",
                               qa::quoted(qa::verbatim_excerpt(traw, at, 10, 10))),
                   at});
  }
  if (!t.crossing.empty() && src.crossing.empty()) {
    const Span& c = t.crossing.front().span;
    uint32_t mark = t.crossing.front().mark;
    std::string crossed = mark < traw.size() ? qa::utf8_of(qa::first_code_point(traw.substr(mark))) : "?";
    out.push_back({fmt::format("emphasis crosses '{}': {}", crossed,
                               qa::quoted(qa::verbatim_excerpt(span_text(traw, c), 0, 0, 40))),
                   c.open});
  }
  // The spans compared, in the order they open. Italic counts as bold
  // does: the CJK targets that keep it show it moved onto other words as
  // often as they drop it.
  auto compared = [](const std::vector<Span>& spans) {
    std::vector<Span> kept = spans;
    std::sort(kept.begin(), kept.end(), [](const Span& x, const Span& y) { return x.open < y.open; });
    return kept;
  };
  const std::vector<Span> tsp = compared(t.spans), ssp = compared(src.spans);
  size_t ts = tsp.size(), ss = ssp.size();
  if (ss > ts) {
    int lost = static_cast<int>(ss - ts) - (bold_as_known ? std::max(0, t.bold_as - src.bold_as) : 0);
    if (lost <= 0) return;
    // Source spans the target has as spans too (names, codes) are kept;
    // the others are what may be lost, in the source's order.
    std::vector<std::string_view> target_inner, candidates, target_left;
    for (const Span& s : tsp) target_inner.push_back(span_inner(traw, s));
    uint32_t at = 0;
    std::string_view plain_hit;
    for (const Span& s : ssp) {
      std::string_view inner = span_inner(sraw, s);
      auto it = std::find(target_inner.begin(), target_inner.end(), inner);
      if (it != target_inner.end()) {
        target_inner.erase(it);
        continue;
      }
      candidates.push_back(span_text(sraw, s));
      size_t plain = inner.size() < 2 ? std::string_view::npos : traw.find(inner);
      if (plain_hit.empty() && plain != std::string_view::npos) {
        at = static_cast<uint32_t>(plain);
        plain_hit = inner;
      }
    }
    for (const Span& s : tsp)
      if (std::find(target_inner.begin(), target_inner.end(), span_inner(traw, s)) != target_inner.end())
        target_left.push_back(span_text(traw, s));
    size_t n = static_cast<size_t>(lost);
    std::string what = n >= candidates.size() ? fmt::format("{} lost", list_code(candidates))
                                              : fmt::format("{} of {} lost", n, list_code(candidates));
    if (!target_left.empty()) what += fmt::format(" (the target has {})", list_code(target_left));
    if (bold_as_known && t.bold_as > src.bold_as)
      what += fmt::format("; {} more became the locale's marks for bold", t.bold_as - src.bold_as);
    if (!plain_hit.empty()) what += fmt::format("; {} is in the target without emphasis", qa::quoted(plain_hit));
    out.push_back({std::move(what), at, !plain_hit.empty()});
  } else if (ts == ss) {
    if (!out.empty()) return;
    // As many spans, other markers: bold became italic or the other way
    // (by counts: a translation reorders the spans).
    auto bold = [](const std::vector<Span>& v) {
      return std::count_if(v.begin(), v.end(), [](const Span& x) { return x.open_len >= 2; });
    };
    auto tb = bold(tsp), sb = bold(ssp);
    if (tb == sb) return;
    uint32_t want = tb < sb ? 1 : 2;  // the kind the target has too many of
    auto t_it = std::find_if(tsp.begin(), tsp.end(), [&](const Span& x) { return std::min(x.open_len, 2u) == want; });
    auto s_it = std::find_if(ssp.begin(), ssp.end(), [&](const Span& x) { return std::min(x.open_len, 2u) != want; });
    out.push_back({fmt::format("{} bold and {} italic spans where the source has {} and {} ({} in the target, {} "
                               "in the source)",
                               tb, ts - tb, sb, ss - sb, qa::quoted(qa::verbatim_excerpt(span_text(traw, *t_it), 0, 0, 40)),
                               qa::quoted(qa::verbatim_excerpt(span_text(sraw, *s_it), 0, 0, 40))),
                   t_it->open});
  } else if (ts > ss && src.lone.empty() && src.stray.empty() && src.escaped_markers == 0) {
    std::vector<std::string_view> added, source_inner;
    for (const Span& s : ssp) source_inner.push_back(span_inner(sraw, s));
    for (const Span& s : tsp) {
      auto it = std::find(source_inner.begin(), source_inner.end(), span_inner(traw, s));
      if (it != source_inner.end()) source_inner.erase(it);
      else added.push_back(span_text(traw, s));
    }
    uint32_t at = added.empty() ? 0 : static_cast<uint32_t>(added.front().data() - traw.data());
    out.push_back({fmt::format("emphasis the source does not have: {} ({} spans where the source has {})",
                               list_code(added), ts, ss),
                   at, !added.empty()});
  }
}

void check(const ArticleContext& ctx) {
  static const qa::MarkTable source_brackets(locale_profile("en"));
  const qa::MarkTable target_brackets(ctx.locale, &locale_profile("en"));
  const std::vector<qa::QuoteCode> bold_as = bold_as_marks(ctx.locale);
  const MarkupScan tscan{target_brackets, bold_as}, sscan{source_brackets, bold_as};
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    if (!may_hold_markup(s.source.raw) && !may_hold_markup(s.target.raw)) continue;
    std::string_view traw = s.target.raw, sraw = s.source.raw;
    Markup t = markup_of(ctx.text.tokens(i, Side::Target), tscan);
    Markup src = markup_of(ctx.text.tokens(i, Side::Source), sscan);
    std::vector<Problem> problems;
    emphasis_problems(traw, sraw, t, src, !bold_as.empty(), problems);
    if (t.strike != src.strike)
      problems.push_back({fmt::format("{} strikethrough markers (~~) where the source has {}", t.strike, src.strike), 0, false});
    if (t.escaped_markers > src.escaped_markers) {
      uint32_t at = t.escape_runs.empty() ? 0 : t.escape_runs.front();
      problems.push_back({fmt::format("escaped emphasis markers the source does not have: {} in {}",
                                      qa::quoted(escape_run(traw, at)), qa::quoted(qa::verbatim_excerpt(traw, at, 6, 12))),
                          at});
    }
    if (t.escaped_markers == src.escaped_markers && t.escape_runs.size() > src.escape_runs.size()) {
      uint32_t at = t.escape_runs.front();
      problems.push_back({fmt::format("escaped markers split by spaces: {} where the source has {}",
                                      qa::quoted(escape_run(traw, at)), qa::quoted(escape_run(sraw, src.escape_runs.front()))),
                          at});
    }
    if (t.escaped_pipes != src.escaped_pipes)
      problems.push_back({fmt::format("{} escaped pipes (\\|) where the source has {}", t.escaped_pipes,
                                      src.escaped_pipes),
                          0, false});
    if (t.tags != src.tags) {
      auto lost = qa::missing_from(src.tags, t.tags);
      auto added = qa::missing_from(t.tags, src.tags);
      // <strong>/<b> pairs are bold too: the locale's marks may stand for them
      // (what the emphasis spans left of the added pairs).
      if (!bold_as.empty() && !lost.empty()) {
        int pairs = 0;
        bool only_bold = true;
        for (const std::string& tag : lost) {
          if (tag == "<strong>" || tag == "<b>") ++pairs;
          else if (tag != "</strong>" && tag != "</b>") only_bold = false;
        }
        int spare = std::max(0, t.bold_as - src.bold_as) -
                    std::max(0, static_cast<int>(src.spans.size()) - static_cast<int>(t.spans.size()));
        if (only_bold && static_cast<size_t>(pairs) * 2 == lost.size() && pairs <= spare) lost.clear();
      }
      if (!lost.empty()) problems.push_back({fmt::format("HTML tags missing: {}", qa::join_quoted(lost)), 0, false});
      if (!added.empty()) problems.push_back({fmt::format("HTML tags not in the source: {}", qa::join_quoted(added)), 0, false});
    }
    for (const auto& [ch, n] : src.entities) {
      if (!must_survive(ch)) continue;
      auto it = t.entities.find(ch);
      size_t have = (it == t.entities.end() ? 0 : it->second) + occurrences(t.text, ch);
      if (have < static_cast<size_t>(n)) {
        problems.push_back(
            {fmt::format("the character reference {} of the source is lost", src.entity_spelling.at(ch)), 0, false});
        break;
      }
    }
    if (problems.empty()) continue;
    std::string message = fmt::format("segment {}: markup differs from the source: ", s.id);
    for (size_t p = 0; p < problems.size(); ++p) {
      if (p) message += "; ";
      message += problems[p].what;
    }
    // The column: the first problem that has a place in the target.
    uint32_t at = 0;
    for (const Problem& p : problems)
      if (p.located) {
        at = p.at;
        break;
      }
    ctx.report(ctx.article.locate(s.target.location.offset + at), std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "markup-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "Emphasis, inline HTML, escapes or entities of the source are lost or broken in the target"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
