// length-ratio: a segment's target far shorter or far longer than its source,
// relative to the locale's usual target/source ratio, when the text also
// shows how it went wrong: truncated MT output (the source's last sentences,
// or the code, numbers and names of its end, have no counterpart; the target
// stops mid-sentence) or runaway output (a span repeated back to back that
// the source does not repeat).
//
// A ratio alone is reported only far outside what the corpus holds: its
// ja-JP tails are legitimate concise Japanese and targets that gloss an
// English UI label (docs/rules.md), so the usual bounds need corroboration.
//
// Length: letters and digits of the prose (tokenize_inline: no code, URL or
// tag), one per code point. Skipped: headings and table cells (concise by
// nature), sources under `min-source` letters or 8 words, sources that are
// mostly code, and untranslated targets (target == source).
//
// Options (docs/rules/length-ratio.md): `usual-ratio` (default per language:
// ja 0.60 measured on the corpus; zh, ko and Latin/Cyrillic-script languages
// from general figures), `min-ratio` (0.7 x usual), `max-ratio` (1.5 x
// usual), `extreme-low` (usual / 3), `extreme-high` (3 x usual), `min-source`
// (60). Languages without a default need `usual-ratio`.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "qa_common.h"

namespace tmlint {
namespace {

// Target letters per source (English) letter. ja: median of the paragraphs
// measured by this rule in pc-ja and nuget-ja (0.57, 0.62); the others are
// general figures, not measured here.
double default_usual_ratio(std::string_view language) {
  if (language == "ja") return 0.60;
  if (language == "zh") return 0.30;
  if (language == "ko") return 0.55;
  static constexpr std::string_view kLatin[] = {"de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "no", "fi",
                                                "pl", "cs", "sk", "hu", "ro", "tr", "ru", "uk", "el", "ca", "id"};
  for (std::string_view l : kLatin)
    if (language == l) return 1.15;
  return 0;  // unknown: the rule needs `usual-ratio`
}

struct CodePoint {
  UChar32 c;
  size_t begin, end;
};

std::vector<CodePoint> code_points(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t b = i;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back({static_cast<unsigned char>(s[i]), static_cast<size_t>(b), static_cast<size_t>(++i)});
      continue;
    }
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back({c < 0 ? 0xFFFD : c, static_cast<size_t>(b), static_cast<size_t>(i)});
  }
  return out;
}

bool is_letter(UChar32 c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  return u_isalnum(c) != 0;
}

bool is_space(UChar32 c) { return c == '\x1F' || u_isUWhiteSpace(c); }

// Closing marks that may follow a sentence's final punctuation.
bool is_closer(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_' || c == 0x201D || c == 0x2019 ||
         c == 0x300D || c == 0x300F || c == 0xFF09 || c == '\x1F';
}

// Sentences of a text, each as its letter count. A source sentence ends at
// '.', '?' or '!' followed by the end or by a space and an upper-case letter,
// a digit or an opening mark; "e.g." and "U.S." do not end one, and a piece of
// fewer than 3 words ("Step 1.", "Note.") joins the next. A CJK target ends
// one at every '。', '？', '！' (and ASCII '.?!' before a space or the end).
struct Sentences {
  std::vector<size_t> letters;  // per sentence
  size_t total = 0;
  size_t words = 0;
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

Sentences sentences(std::string_view text, bool cjk) {
  std::vector<CodePoint> cps = code_points(text);
  Sentences out;
  size_t letters = 0, words = 0;
  bool in_word = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    UChar32 c = cps[i].c;
    if (is_letter(c)) {
      ++letters;
      ++out.total;
      if (!in_word) ++words, ++out.words;
      in_word = true;
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
          end = j == cps.size() || u_isupper(cps[j].c) || u_isdigit(cps[j].c) || cps[j].c == '"' ||
                cps[j].c == '(' || cps[j].c == '[' || cps[j].c == 0x201C;
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
UChar32 last_mark(std::string_view text, bool skip_closers) {
  std::vector<CodePoint> cps = code_points(text);
  for (size_t i = cps.size(); i > 0; --i) {
    UChar32 c = cps[i - 1].c;
    if (is_space(c) || (skip_closers && is_closer(c))) continue;
    return c;
  }
  return 0;
}

// Where a clause goes on: a target that ends with one of these was cut.
// Japanese particles never end a sentence or a list item of body text.
bool continues(UChar32 c, std::string_view language) {
  if (c == 0x3001 || c == 0xFF0C || c == ',' || c == ';' || c == '(' || c == 0xFF08 || c == 0x300C ||
      c == 0x300E || c == '[')
    return true;
  if (language == "ja")
    return c == 0x3092 /*を*/ || c == 0x306E /*の*/ || c == 0x304C /*が*/ || c == 0x306F /*は*/ ||
           c == 0x306B /*に*/ || c == 0x3078 /*へ*/ || c == 0x3084 /*や*/;
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

// The back-to-back repetition of a span that adds the most letters: three
// copies or more of a span with 2+ letters, or, with `two_copies`, copies
// adding 12+ letters (a sentence written twice). MT stuck in a loop does that.
struct Repeat {
  std::string span;
  int count = 0;
};

Repeat tandem_repeat(std::string_view text, bool two_copies) {
  std::vector<CodePoint> cps = code_points(text);
  const size_t n = std::min<size_t>(cps.size(), 3000);  // bounded work on huge targets
  // The code points alone, packed: this loop is quadratic in the target,
  // and was a fifth of a whole check before.
  std::vector<UChar32> c(n);
  for (size_t j = 0; j < n; ++j) c[j] = cps[j].c;
  Repeat best;
  size_t best_extra = 0;
  // Without two_copies only three copies or more count: a period over n/3
  // cannot have them.
  const size_t max_len = two_copies ? n / 2 : n / 3;
  for (size_t len = 2; len <= max_len; ++len) {
    for (size_t i = 0; i + 2 * len <= n; ++i) {
      if (c[i] != c[i + len]) continue;  // the usual case, decided at once
      size_t k = 1;
      while (i + (k + 1) * len <= n) {
        bool same = true;
        for (size_t j = 0; j < len && same; ++j) same = c[i + j] == c[i + k * len + j];
        if (!same) break;
        ++k;
      }
      if (k < 2) continue;
      size_t letters = 0;
      for (size_t j = 0; j < len; ++j) letters += is_letter(cps[i + j].c);
      size_t extra = letters * (k - 1);
      bool loop = (k >= 3 && letters >= 2) || (two_copies && extra >= 12);
      if (loop && extra > best_extra) {
        best_extra = extra;
        best.span = std::string(text.substr(cps[i].begin, cps[i + len - 1].end - cps[i].begin));
        best.count = static_cast<int>(k);
      }
      i += (k - 1) * len;  // skip the copies
    }
  }
  return best;
}

// Letters and digits of a text, counted without building its code points.
size_t letter_count(std::string_view text) {
  size_t n = 0;
  for (int32_t k = 0, len = static_cast<int32_t>(text.size()); k < len;) {
    UChar32 c;
    U8_NEXT(text.data(), k, len, c);
    n += c >= 0 && is_letter(c);
  }
  return n;
}

std::string letters_of(std::string_view text) {
  std::string out;
  for (const CodePoint& cp : code_points(text))
    if (is_letter(cp.c)) out.append(text.substr(cp.begin, cp.end - cp.begin));
  return out;
}

// What a translation carries over verbatim, in source order: inline code,
// link URLs, numbers and identifier-like words (NuGet, nuget.org, v3,
// PackageReference). Each with its offset in the fragment.
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
        bool digit = false, inner_upper = false, dot = false;
        for (size_t k = 0; k < w.size(); ++k) {
          digit |= std::isdigit(static_cast<unsigned char>(w[k])) != 0;
          inner_upper |= k > 0 && std::isupper(static_cast<unsigned char>(w[k])) && std::islower(static_cast<unsigned char>(w[k - 1]));
          dot |= w[k] == '.';
        }
        if (digit || (w.size() >= 3 && (inner_upper || dot))) out.push_back({w, t.offset + b});
      }
    }
  }
  return out;
}

int percent(double r) { return static_cast<int>(std::lround(r * 100)); }

void check(const ArticleContext& ctx) {
  std::string locale = qa::article_locale(ctx);
  std::string language(qa::language_of(locale));
  const double usual = ctx.options.get_double("usual-ratio", default_usual_ratio(language));
  if (!(usual > 0)) return;
  const double min_ratio = ctx.options.get_double("min-ratio", 0.7 * usual);
  const double max_ratio = ctx.options.get_double("max-ratio", 1.5 * usual);
  const double extreme_low = ctx.options.get_double("extreme-low", usual / 3);
  const double extreme_high = ctx.options.get_double("extreme-high", 3 * usual);
  const long min_source = ctx.options.get_int("min-source", 60);
  const bool cjk = qa::is_cjk_language(language);
  const std::string who = language.empty() ? locale : language;
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source || s.target.raw == s.source.raw) continue;
    if (s.context.block == BlockKind::Heading || s.context.in_table) continue;
    const Prose& source = ctx.text.prose(i, Side::Source);
    Sentences ss = sentences(source.text, false);
    if (ss.total < static_cast<size_t>(min_source) || ss.words < 8) continue;
    if (ss.total * 2 < letter_count(s.source.raw)) continue;  // mostly code, URLs or tags
    const Prose& target = ctx.text.prose(i, Side::Target);
    Sentences ts = sentences(target.text, cjk);
    const double ratio = static_cast<double>(ts.total) / static_cast<double>(ss.total);
    std::string measured = fmt::format("target is {}% of the source's length (usual for {}: {}%)", percent(ratio),
                                       who, percent(usual));
    std::string why;
    if (ratio < min_ratio) {
      // Truncated: fewer sentences, and no longer than the sentences kept
      // would make it (a target that merged two sentences is not shorter).
      size_t kept = ts.letters.size();
      if (ss.letters.size() >= 2 && kept < ss.letters.size()) {
        size_t head = 0;
        for (size_t i = 0; i < kept; ++i) head += ss.letters[i];
        double share = static_cast<double>(head) / static_cast<double>(ss.total);
        if (ratio <= (share + 0.15) * usual) {
          size_t lost = ss.letters.size() - kept;
          why = lost == 1 ? "the source's last sentence seems missing"
                          : fmt::format("the source's last {} sentences seem missing", lost);
        }
      }
      UChar32 t_end = last_mark(target.text, false);
      UChar32 s_end = last_mark(source.text, true);
      bool source_ends = s_end == '.' || s_end == '?' || s_end == '!';
      if (why.empty() && source_ends && continues(t_end, language))
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
      // Long sources vary less (corpus minimum: 0.25 under 100 letters, 0.31
      // from 100, 0.33 from 150), so their bound is higher.
      double bound = extreme_low * (ss.total >= 150 ? 1.35 : ss.total >= 100 ? 1.2 : 1.0);
      if (why.empty() && ratio < bound)
        why = fmt::format("below {}%, part of the source seems to have no translation", percent(bound));
    }
    if (why.empty()) {
      // Runaway: a span repeated back to back, not so in the source. Two
      // copies are legitimate often enough ("has the prefix and ... has not
      // the prefix" written out twice) to need a long target too.
      Repeat r = tandem_repeat(target.text, ratio > max_ratio);
      // Letters only, so that "A, A B" in the source covers "A、A B".
      std::string copies;
      for (int i = 0; i < r.count; ++i) copies += letters_of(r.span);
      if (r.count >= 2 && letters_of(source.text).find(copies) == std::string::npos) {
        std::replace(r.span.begin(), r.span.end(), '\x1F', ' ');
        std::vector<CodePoint> cps = code_points(r.span);
        if (cps.size() > 30) r.span = r.span.substr(0, cps[30].begin) + "...";
        why = fmt::format("\"{}\" is repeated {} times in a row", r.span, r.count);
      }
      if (why.empty() && ratio > extreme_high)
        why = fmt::format("above {}%, the target seems to run on past the source", percent(extreme_high));
    }
    if (why.empty()) continue;
    ctx.report(s.target.location, fmt::format("segment {}: {}; {}", s.id, measured, why), s.id);
  }
}

TMLINT_RULE({.info = {.id = "length-ratio",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "The target is truncated or runs away (length far from the locale's usual ratio)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
