// length-ratio: a segment's target far shorter or far longer than its source,
// relative to the locale's usual target/source ratio, when the text also
// shows how it went wrong: truncated MT output (the source's last sentences,
// or the code and names of its end, have no counterpart; the target stops
// mid-sentence), or a target far beyond any usual length. A span repeated
// back to back (MT stuck in a loop) is repeated-text's.
//
// A ratio alone is reported only far outside what the corpus holds: its
// ja-JP tails are legitimate concise Japanese and targets that gloss an
// English UI label (docs/rules.md), so the usual bounds need corroboration.
//
// Length: the letters of the translatable part of the prose
// (text_length.h): no code, URL, tag or number, and no Latin-script token
// present verbatim in both sides (product names, SKUs, GUIDs copied
// unchanged inflated the zh-CN ratio of name-heavy segments to 95%).
// Skipped: headings and table cells (concise by nature), sources whose
// translatable part is under `min-source` letters or 8 words, sources that
// are mostly code, and untranslated targets (target == source).
//
// Options (docs/rules/length-ratio.md): `usual-ratio` (default: the data
// file's `length-ratio: usual`; languages without one are not checked),
// `min-ratio` (0.7 x usual), `max-ratio` (1.5 x usual), `extreme-low`
// (usual / 3), `extreme-high` (3 x usual), `min-source` (60); each also read
// from the data file (`length-ratio: {extreme-low: ...}`) before its default.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "qa_common.h"
#include "text_length.h"

namespace tmlint {
namespace {

using text_length::CodePoint;
using text_length::code_points;
using text_length::is_letter;
using text_length::is_space;
using text_length::is_word_char;
using text_length::Range;

// Closing marks that may follow a sentence's final punctuation.
bool is_closer(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_' || c == 0x201D || c == 0x2019 ||
         c == 0x300D || c == 0x300F || c == 0xFF09 || c == 0x00BB || c == '\x1F';
}

// Sentences of a text, each as its count of letters that count (not in
// `skip`). A source sentence ends at '.', '?' or '!' followed by the end or
// by a space and an upper-case letter (in a target, any letter not lower
// case: Hangul has no case), a digit or an opening mark; "e.g." and
// "U.S." do not end one, and a piece of fewer than 3 words ("Step 1.",
// "Note.") joins the next. A CJK target ends one at every '。', '？', '！' (and
// ASCII '.?!' before a space or the end).
struct Sentences {
  std::vector<size_t> letters;  // per sentence
  size_t total = 0;
  size_t words = 0;  // words with a letter that counts
};

bool abbreviation_before(const std::vector<CodePoint>& cps, size_t dot) {
  size_t b = dot;
  while (b > 0 && u_isalpha(cps[b - 1].c)) --b;
  size_t len = dot - b;
  if (len == 1) return true;  // U.S., e.g., A.
  std::string w;
  for (size_t i = b; i < dot; ++i) w.push_back(static_cast<char>(u_tolower(cps[i].c) & 0x7F));
  return w == "eg" || w == "ie" || w == "vs" || w == "etc" || w == "inc" || w == "ltd" || w == "co" || w == "mr" ||
         w == "mrs" || w == "dr" || w == "no" || w == "st" || w == "fig" || w == "approx";
}

Sentences sentences(const std::vector<CodePoint>& cps, bool cjk, const std::vector<Range>& skip,
                    bool target = false) {
  Sentences out;
  size_t letters = 0, words = 0, next = 0;
  bool in_word = false, word_counted = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 c = cps[i].c;
    if (is_word_char(c)) {
      if (!in_word) ++words, word_counted = false;
      in_word = true;
      if (is_letter(c) && !text_length::in_ranges(skip, cps[i].begin, next)) {
        ++letters;
        ++out.total;
        if (!word_counted) ++out.words, word_counted = true;
      }
      continue;
    }
    in_word = false;
    bool end = false;
    if (cjk && (c == 0x3002 || c == 0xFF1F || c == 0xFF01)) {
      end = true;
    } else if (c == '.' || c == '?' || c == '!') {
      size_t j = i + 1;
      while (j < cps.size() && is_closer(cps[j].c)) ++j;
      if (j == cps.size()) {
        end = true;
      } else if (u_isUWhiteSpace(cps[j].c)) {
        if (cjk) {
          end = true;
        } else {
          while (j < cps.size() && is_space(cps[j].c)) ++j;
          // A target in a script without case (Hangul) starts a sentence
          // with any letter: only a lower-case one goes on.
          end = j == cps.size() || u_isupper(cps[j].c) || u_isdigit(cps[j].c) || cps[j].c == '"' ||
                cps[j].c == '(' || cps[j].c == '[' || cps[j].c == 0x201C || cps[j].c == 0x00AB ||
                (target && u_isalpha(cps[j].c) && !u_islower(cps[j].c));
        }
      }
      if (end && c == '.' && !cjk && abbreviation_before(cps, i)) end = false;
    }
    if (end && (cjk ? letters > 0 : words >= 3)) {
      out.letters.push_back(letters);
      letters = words = 0;
    }
  }
  if (cjk ? letters > 0 : words >= 3) {
    out.letters.push_back(letters);
  } else if (letters > 0) {
    if (out.letters.empty()) out.letters.push_back(0);
    out.letters.back() += letters;  // a trailing fragment belongs to the last sentence
  }
  return out;
}

// The last code point of a text that is not space, a boundary or a closer
// ('*', ')', ...); 0 when none.
UChar32 last_mark(const std::vector<CodePoint>& cps, bool skip_closers) {
  for (size_t i = cps.size(); i > 0; --i) {
    UChar32 c = cps[i - 1].c;
    if (is_space(c) || (skip_closers && is_closer(c))) continue;
    return c;
  }
  return 0;
}

// Where a clause goes on: a target that ends with one of these was cut. The
// data file's `length-ratio: continues` adds the language's own (Japanese
// particles, which never end a sentence or a list item of body text).
bool continues(UChar32 c, const std::vector<std::string>& more) {
  if (c == 0x3001 || c == 0xFF0C || c == ',' || c == ';' || c == '(' || c == 0xFF08 || c == 0x300C ||
      c == 0x300E || c == '[' || c == 0x00AB)
    return true;
  for (const std::string& m : more) {
    int32_t k = 0, n = static_cast<int32_t>(m.size());
    UChar32 d = 0;
    if (n > 0) U8_NEXT(m.data(), k, n, d);
    if (d == c && k == n) return true;
  }
  return false;
}

std::string quote(UChar32 c) {
  std::string s;
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  (void)error;
  s.assign(buf, static_cast<size_t>(len));
  return s;
}

// What a translation carries over verbatim, in source order: inline code,
// link URLs and identifier-like words (NuGet, nuget.org, v3,
// PackageReference). Each with its offset in the fragment. Plain numbers are
// not anchors: a localized time or date ("6:00 PM" as "18 h") is no loss.
struct Anchor {
  std::string_view text;
  size_t at;
};

std::vector<Anchor> anchors(const std::vector<InlineToken>& tokens) {
  std::vector<Anchor> out;
  for (const InlineToken& t : tokens) {
    if ((t.kind == InlineKind::Code || t.kind == InlineKind::LinkClose) && !t.detail.empty()) {
      out.push_back({t.detail, t.offset});
    } else if (t.kind == InlineKind::Text) {
      std::string_view x = t.text;
      size_t i = 0;
      while (i < x.size()) {
        auto word_char = [&](size_t k) {
          unsigned char c = static_cast<unsigned char>(x[k]);
          return std::isalnum(c) || ((c == '.' || c == '-' || c == '_') && k + 1 < x.size() &&
                                     std::isalnum(static_cast<unsigned char>(x[k + 1])));
        };
        if (!std::isalnum(static_cast<unsigned char>(x[i]))) {
          ++i;
          continue;
        }
        size_t b = i;
        while (i < x.size() && word_char(i)) ++i;
        std::string_view w = x.substr(b, i - b);
        // A number glued to letters is a name ("v3", "x64", "1042-S"); a
        // number joined to a lower-case word is a phrase MT localizes
        // ("3-year" as "3 年間").
        bool digit = false, upper = false, glued = false, inner_upper = false, dot = false;
        for (size_t k = 0; k < w.size(); ++k) {
          unsigned char c = static_cast<unsigned char>(w[k]);
          digit |= std::isdigit(c) != 0;
          upper |= std::isupper(c) != 0;
          glued |= k > 0 && ((std::isdigit(c) && std::isalpha(static_cast<unsigned char>(w[k - 1]))) ||
                             (std::isalpha(c) && std::isdigit(static_cast<unsigned char>(w[k - 1]))));
          inner_upper |= k > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(w[k - 1]));
          dot |= c == '.';
        }
        bool alpha = std::any_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
        if ((digit && alpha && (upper || glued)) || (!digit && w.size() >= 3 && (inner_upper || dot)))
          out.push_back({w, t.offset + b});
      }
    }
  }
  return out;
}

int percent(double r) { return static_cast<int>(std::lround(r * 100)); }

// A bound: the rule option, else the data file's key, else `fallback`.
double bound(const ArticleContext& ctx, const char* key, double fallback) {
  return ctx.options.get_double(key, ctx.locale.number("length-ratio", key).value_or(fallback));
}

void check(const ArticleContext& ctx) {
  const double usual = text_length::usual_ratio(ctx);
  if (!(usual > 0)) return;
  const double min_ratio = bound(ctx, "min-ratio", 0.7 * usual);
  const double extreme_low = bound(ctx, "extreme-low", usual / 3);
  const double extreme_high = bound(ctx, "extreme-high", 3 * usual);
  const long min_source = static_cast<long>(bound(ctx, "min-source", 60));
  const bool cjk = !ctx.locale.spaces_between_words();
  const std::vector<std::string>& continuing = ctx.locale.list("length-ratio", "continues");
  const std::string who = ctx.locale.language().empty() ? ctx.locale.tag() : ctx.locale.language();
  std::vector<CodePoint> scps, tcps;
  std::vector<Range> s_copied, t_copied;
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source || s.target.raw == s.source.raw) continue;
    if (s.context.block == BlockKind::Heading || s.context.in_table) continue;
    const Prose& source = ctx.text.prose(i, Side::Source);
    // Cheap exits first: the whole source is too short, or mostly code.
    size_t source_letters = text_length::letter_count(source.text);
    if (source_letters < static_cast<size_t>(min_source)) continue;
    // (The raw text has no more letters than bytes: count them only when
    // that bound does not already decide.)
    if (source_letters * 2 < s.source.raw.size() && source_letters * 2 < text_length::letter_count(s.source.raw))
      continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    // A cheap exit for most segments: what copied_tokens takes away is the
    // same text on both sides, so with S and T the letters of the source's
    // and the target's prose and C those of the copied tokens, the ratio is
    // (T - C) / (S - C), monotonic in C, and C is at most the target's
    // Latin letters. When the ratio lies within [min-ratio, extreme-high]
    // at both ends of that range, nothing below can report the segment.
    {
      size_t latin = 0;
      const size_t t_all = text_length::letter_count(target.text, latin);
      const size_t s_all = source_letters;
      const size_t c_max = std::min(latin, std::min(t_all, s_all));
      if (s_all > c_max) {
        double r0 = static_cast<double>(t_all) / static_cast<double>(s_all);
        double r1 = static_cast<double>(t_all - c_max) / static_cast<double>(s_all - c_max);
        if (std::min(r0, r1) >= min_ratio && std::max(r0, r1) <= extreme_high) continue;
      }
    }
    // One set of buffers for every segment of the article (reused, not
    // reallocated per segment and side).
    code_points(source.text, scps);
    code_points(target.text, tcps);
    s_copied.clear();
    t_copied.clear();
    text_length::copied_tokens(source.text, scps, target.text, tcps, s_copied, t_copied);
    Sentences ss = sentences(scps, false, s_copied);
    if (ss.total < static_cast<size_t>(min_source) || ss.words < 8) continue;
    Sentences ts = sentences(tcps, cjk, t_copied, true);
    const double ratio = static_cast<double>(ts.total) / static_cast<double>(ss.total);
    std::string measured = fmt::format("the target's translatable part is {}% of the source's (usual for {}: {}%)",
                                       percent(ratio), who, percent(usual));
    std::string why;
    if (ratio < min_ratio) {
      // Truncated: fewer sentences, and no longer than the sentences kept
      // would make it (a target that merged two sentences is not shorter).
      size_t kept = ts.letters.size();
      if (ss.letters.size() >= 2 && kept < ss.letters.size()) {
        size_t head = 0;
        for (size_t k = 0; k < kept; ++k) head += ss.letters[k];
        double share = static_cast<double>(head) / static_cast<double>(ss.total);
        if (ratio <= (share + 0.15) * usual) {
          size_t lost = ss.letters.size() - kept;
          why = lost == 1 ? "the source's last sentence seems missing"
                          : fmt::format("the source's last {} sentences seem missing", lost);
        }
      }
      UChar32 t_end = last_mark(tcps, false);
      UChar32 s_end = last_mark(scps, true);
      bool source_ends = s_end == '.' || s_end == '?' || s_end == '!' || s_end == ':';
      if (why.empty() && source_ends && continues(t_end, continuing))
        why = fmt::format("the target stops mid-sentence at \"{}\" where the source ends with \"{}\"", quote(t_end),
                          quote(s_end));
      else if (why.empty() && source_ends && is_letter(t_end))
        why = fmt::format("the target stops without final punctuation where the source ends with \"{}\"",
                          quote(s_end));
      if (why.empty()) {
        // The anchors the target has are the source's first ones, and the
        // rest (from the later part of the source) are all missing.
        std::vector<Anchor> as = anchors(ctx.text.tokens(i, Side::Source));
        size_t found = 0, last_found = 0;
        std::vector<std::string> missing;
        size_t first_missing = 0;
        bool ordered = true;
        for (const Anchor& a : as) {
          if (s.target.raw.find(a.text) != std::string_view::npos) {
            ++found;
            last_found = a.at;
            if (!missing.empty()) ordered = false;
          } else {
            if (missing.empty()) first_missing = a.at;
            missing.push_back(std::string(a.text));
          }
        }
        double from = static_cast<double>(first_missing) / static_cast<double>(s.source.raw.size());
        if (ordered && found > 0 && !missing.empty() && last_found < first_missing && from >= ratio / usual * 0.8)
          why = fmt::format("the end of the source ({}) has no counterpart in the target", qa::join_quoted(missing));
      }
      // Long sources vary less (ja corpus minimum: 0.25 under 100 letters,
      // 0.31 from 100, 0.33 from 150), so their bound is higher.
      double low = extreme_low * (ss.total >= 150 ? 1.35 : ss.total >= 100 ? 1.2 : 1.0);
      if (why.empty() && ratio < low)
        why = fmt::format("below {}%, part of the source seems to have no translation", percent(low));
    }
    // A truncated target is pointed at where it stops (its last mark), one
    // that runs on at its start.
    Location at = s.target.location;
    if (!why.empty()) {
      for (size_t k = tcps.size(); k > 0; --k) {
        if (is_space(tcps[k - 1].c)) continue;
        at = ctx.article.locate(s.target.location.offset + target.origin[tcps[k - 1].begin]);
        break;
      }
    }
    if (why.empty() && ratio > extreme_high)
      why = fmt::format("above {}%, the target seems to run on past the source", percent(extreme_high));
    if (why.empty()) continue;
    ctx.report(at, fmt::format("segment {}: {}; {}", s.id, measured, why), s.id);
  }
}

TMLINT_RULE({.info = {.id = "length-ratio",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "The target is truncated or runs on (its translatable part far from the locale's "
                                 "usual length ratio)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
