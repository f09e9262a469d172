// repeated-text: the target repeats a phrase back to back that the source
// does not repeat: MT stuck in a loop (`個々の TFI、TFI、TFI、TFI プロパティ` for
// "individual TFI, TFV, TPI, TPV properties", `云解决方案提供商云解决方案提供商云解决方案提供商`
// for "Cloud Solution Provider (CSP)"), or a sentence written twice.
//
// Reported: three copies or more of a span with 2+ letters, whatever the
// length; or two copies adding 12+ letters when the target is also too long
// (its translatable part over `max-ratio`, 1.5 x the locale's usual ratio,
// text_length.h): two copies are legitimate often enough ("has the prefix
// and ... does not have the prefix" written out twice) to need that second
// sign. The copies are compared with the source on letters only, so that
// "A, A B" in the source covers "A、A B" in the target.
//
// Split out of length-ratio (issue 14): a loop is found by the text, not by
// a ratio, and in headings and table cells too.
#include <fmt/format.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cmath>

#include "qa_common.h"
#include "text_length.h"

namespace tmlint {
namespace {

using text_length::CodePoint;
using text_length::code_points;
using text_length::is_letter;
using text_length::is_word_char;

// Two code points inside one word of a spaced script ("de" of "période"): a
// copy of a loop cannot start or end between them. Han and kana have no
// spaces, so any of their characters may start a copy ("お客様のお客様の").
bool joined(UChar32 a, UChar32 b) {
  auto unspaced = [](UChar32 c) {
    if (c < 0x2E80) return false;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
  };
  return is_word_char(a) && is_word_char(b) && !(unspaced(a) || unspaced(b));
}

struct Repeat {
  size_t first = 0, second = 0, end = 0;  // bytes: the first copy's start, the second's, the first's end
  size_t copies = 0;
};

// The target's code points without white space and markup boundaries, with
// their byte spans: one pass, no per-code-point struct.
struct Packed {
  std::vector<UChar32> c;
  std::vector<uint32_t> begin, end;
};

// Fills `p` (cleared first; one Packed serves every segment of an article).
void pack(std::string_view text, Packed& p) {
  p.c.clear();
  p.begin.clear();
  p.end.clear();
  p.c.reserve(text.size());
  p.begin.reserve(text.size());
  p.end.reserve(text.size());
  for (int32_t k = 0, n = static_cast<int32_t>(text.size()); k < n;) {
    int32_t b = k;
    UChar32 c;
    const auto* u = reinterpret_cast<const unsigned char*>(text.data());
    if (u[k] < 0x80) {
      c = u[k++];
    } else if (u[k] >= 0xE1 && u[k] <= 0xEF && u[k] != 0xED && k + 2 < n && (u[k + 1] & 0xC0) == 0x80 &&
               (u[k + 2] & 0xC0) == 0x80) {
      // A valid three-byte character (most of a CJK target) decoded
      // directly: what U8_NEXT gives, without its general path.
      c = ((u[k] & 0x0F) << 12) | ((u[k + 1] & 0x3F) << 6) | (u[k + 2] & 0x3F);
      k += 3;
    } else {
      U8_NEXT(text.data(), k, n, c);
    }
    if (c < 0) c = 0xFFFD;
    if (text_length::is_space(c)) continue;
    if (p.c.size() < 3000) {  // bounded work on huge targets
      p.c.push_back(c);
      p.begin.push_back(static_cast<uint32_t>(b));
      p.end.push_back(static_cast<uint32_t>(k));
    }
  }
}

// The code point that ends before byte `at`, or starts at it; 0 at the edges.
UChar32 before(std::string_view t, size_t at) {
  if (at == 0) return 0;
  int32_t k = static_cast<int32_t>(at);
  UChar32 c;
  U8_PREV(t.data(), 0, k, c);
  return c;
}
UChar32 starting(std::string_view t, size_t at) {
  if (at >= t.size()) return 0;
  int32_t k = static_cast<int32_t>(at);
  UChar32 c;
  U8_NEXT(t.data(), k, static_cast<int32_t>(t.size()), c);
  return c;
}

// The back-to-back repetitions of a span that add the most letters (and
// digits: "2020. 2020. 2020." is a loop too): three copies or more of a span
// with 2+ of them (`loop`), and two copies adding 12+ (`twice`). White space
// and markup boundaries are left out, so that "un un un" and a sentence
// written twice with a space between are back to back.
struct Repeats {
  Repeat loop, twice;
};

Repeats tandem_repeats(std::string_view text, const Packed& p) {
  const std::vector<UChar32>& c = p.c;
  const size_t n = c.size();
  Repeats best;
  size_t best_loop = 0, best_twice = 0;
  const size_t max_len = n / 2;
  if (max_len < 2) return best;
  // A copy of period len starting at i needs c[i] == c[i + len], so only
  // the later occurrences of c[i] are candidate periods (next[i]: the next
  // one; a small open-addressing table of the last seen): scanning every
  // period at every position was most of this rule's time.
  constexpr uint32_t kNone = UINT32_MAX;
  thread_local std::vector<uint32_t> next;  // reused across segments
  thread_local std::vector<std::pair<UChar32, uint32_t>> seen;
  next.assign(n, kNone);
  size_t slots = 16;
  while (slots < 2 * n) slots *= 2;
  seen.assign(slots, {-1, kNone});
  for (size_t j = n; j-- > 0;) {
    size_t h = (static_cast<uint32_t>(c[j]) * 2654435761u) & (slots - 1);
    while (seen[h].first != -1 && seen[h].first != c[j]) h = (h + 1) & (slots - 1);
    next[j] = seen[h].second;
    seen[h] = {c[j], static_cast<uint32_t>(j)};
  }
  for (size_t i = 0; i + 4 <= n; ++i) {
    for (uint32_t later = next[i]; later != kNone; later = next[later]) {
      const size_t len = later - i;
      if (len > max_len || i + 2 * len > n) break;
      if (len < 2) continue;
      size_t k = 1;
      while (i + (k + 1) * len <= n) {
        bool same = true;
        for (size_t j = 0; j < len && same; ++j) same = c[i + j] == c[i + k * len + j];
        if (!same) break;
        ++k;
      }
      if (k < 2) continue;
      // A span of word characters only must be whole words ("de" thrice in
      // "période de demande" is no loop); one with a mark is a phrase, and
      // four copies of three characters or more are no word of any language.
      bool mark = k >= 4 && len >= 3;
      for (size_t j = 0; j < len && !mark; ++j) mark = !is_word_char(c[i + j]);
      size_t last = i + k * len - 1;
      bool whole = mark || !joined(c[last], starting(text, p.end[last]));
      for (size_t m = 0; m < k && whole && !mark; ++m) {
        size_t q = i + m * len;
        whole = !joined(before(text, p.begin[q]), c[q]);
      }
      if (!whole) continue;
      size_t letters = 0;
      bool letter = false, other = false;
      for (size_t j = 0; j < len; ++j) {
        UChar32 d = c[i + j];
        letters += is_word_char(d);
        letter |= is_letter(d);
        other |= !is_word_char(d) && d != ',' && d != '.' && d != 0x00A0 && d != 0x202F;
      }
      // Digits alone repeat in numbers ("1000000000", "1.000.000"); a year
      // ("2020. 2020. 2020.") or digits with a mark that is no group
      // separator ("20)20)20)") are a loop.
      if (!letter && !other && letters < 4) letters = 0;
      size_t extra = letters * (k - 1);
      Repeat r{p.begin[i], p.begin[i + len], p.end[i + len - 1], k};
      if (k >= 3 && letters >= 2 && extra > best_loop) best_loop = extra, best.loop = r;
      if (extra >= 12 && extra > best_twice) best_twice = extra, best.twice = r;
    }
  }
  return best;
}

// Letters and digits of text[from, to).
std::string letters_of(std::string_view text, size_t from = 0, size_t to = SIZE_MAX) {
  std::string out;
  to = std::min(to, text.size());
  for (int32_t k = static_cast<int32_t>(from), n = static_cast<int32_t>(to); k < n;) {
    int32_t b = k;
    UChar32 c;
    U8_NEXT(text.data(), k, n, c);
    if (c >= 0 && is_word_char(c)) out.append(text.substr(static_cast<size_t>(b), static_cast<size_t>(k - b)));
  }
  return out;
}

int percent(double r) { return static_cast<int>(std::lround(r * 100)); }

// The target/source ratio of the translatable part (text_length.h).
double translatable_ratio(std::string_view source, std::string_view target, size_t* source_letters) {
  std::vector<CodePoint> scps = code_points(source), tcps = code_points(target);
  std::vector<text_length::Range> s_copied, t_copied;
  text_length::copied_tokens(source, scps, target, tcps, s_copied, t_copied);
  size_t sl = 0, tl = 0, next = 0;
  for (const CodePoint& cp : scps) sl += is_letter(cp.c) && !text_length::in_ranges(s_copied, cp.begin, next);
  next = 0;
  for (const CodePoint& cp : tcps) tl += is_letter(cp.c) && !text_length::in_ranges(t_copied, cp.begin, next);
  *source_letters = sl;
  return sl ? static_cast<double>(tl) / static_cast<double>(sl) : 0;
}

void check(const ArticleContext& ctx) {
  const double usual = text_length::usual_ratio(ctx);
  const double max_ratio =
      ctx.options.get_double("max-ratio", ctx.locale.number("repeated-text", "max-ratio").value_or(1.5 * usual));
  const std::string who = ctx.locale.language().empty() ? ctx.locale.tag() : ctx.locale.language();
  Packed packed;
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source || s.target.raw == s.source.raw) continue;
    const Prose& target = ctx.text.prose(i, Side::Target);
    if (target.text.size() < 6) continue;
    pack(target.text, packed);
    Repeats found = tandem_repeats(target.text, packed);
    if (found.loop.copies == 0 && found.twice.copies == 0) continue;  // nearly every segment
    const Prose& source = ctx.text.prose(i, Side::Source);
    Repeat r = found.loop;
    double ratio = 0;
    if (r.copies == 0) {
      // Two copies need a target too long as well: its translatable part
      // over max-ratio.
      if (!(usual > 0)) continue;
      size_t sl = 0;
      ratio = translatable_ratio(source.text, target.text, &sl);
      if (sl < 20 || ratio <= max_ratio) continue;
      r = found.twice;
    }
    std::string copies;
    std::string one = letters_of(target.text, r.first, r.end);
    for (size_t k = 0; k < r.copies; ++k) copies += one;
    if (letters_of(source.text).find(copies) != std::string::npos) continue;
    // The span as written, a long one shortened to 30 code points.
    std::string span = target.text.substr(r.first, r.end - r.first);
    std::vector<CodePoint> shown = code_points(span);
    if (shown.size() > 30) span = span.substr(0, shown[30].begin) + "...";
    std::replace(span.begin(), span.end(), '\x1F', ' ');
    std::string how = r.copies >= 3 ? fmt::format("is written {} times in a row", r.copies)
                                     : fmt::format("is written twice in a row, and the target's translatable part "
                                                   "is {}% of the source's (usual for {}: {}%)",
                                                   percent(ratio), who, percent(usual));
    // The column of the second copy: where the text that should not be there begins.
    Location at = ctx.article.locate(s.target.location.offset + target.origin[r.second]);
    ctx.report(at, fmt::format("segment {}: \"{}\" {}; the source does not repeat it", s.id, span, how), s.id);
  }
}

TMLINT_RULE({.info = {.id = "repeated-text",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "The target repeats a phrase back to back that the source does not (MT stuck in a "
                                 "loop)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
