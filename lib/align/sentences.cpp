#include "align/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>

#include "text/inline_lexer.h"

namespace tmlint {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

// U+00A0 NO-BREAK SPACE, U+202F NARROW NO-BREAK SPACE, U+3000 at s[i]: their
// length in bytes, else 0.
size_t unicode_space_at(std::string_view s, size_t i) {
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xAF") == 0) return 3;
  if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
  return 0;
}

// Bytes of the piece no sentence may begin inside of: code spans, links
// (text and destination), HTML tags and the inline elements they open,
// emphasis spans, comments, placeholders. inside[p] is true when a range
// opened before p closes after it.
std::vector<uint8_t> protected_bytes(std::string_view piece, const std::vector<InlineToken>& tokens) {
  std::vector<int> delta(piece.size() + 2, 0);
  auto protect = [&](size_t b, size_t e) {  // positions b+1 .. e-1 are inside
    if (e <= b + 1) return;
    delta[b + 1] += 1;
    delta[e] -= 1;
  };
  std::vector<size_t> links;
  struct Open {
    std::string_view name;
    size_t at;
  };
  std::vector<Open> html;
  struct Delim {
    char ch;
    size_t len, at;
  };
  std::vector<Delim> emph;
  for (const InlineToken& t : tokens) {
    size_t b = t.offset, e = t.offset + t.text.size();
    switch (t.kind) {
      case InlineKind::Code:
      case InlineKind::Autolink:
      case InlineKind::HtmlComment:
      case InlineKind::Placeholder:
      case InlineKind::HtmlSelfClosing:
        protect(b, e);
        break;
      case InlineKind::LinkOpen: links.push_back(b); break;
      case InlineKind::LinkClose:
        if (!links.empty()) {
          protect(links.back(), e);
          links.pop_back();
        }
        break;
      case InlineKind::HtmlOpen:
        protect(b, e);
        html.push_back({t.detail, b});
        break;
      case InlineKind::HtmlClose:
        protect(b, e);
        for (size_t k = html.size(); k-- > 0;)
          if (html[k].name == t.detail) {
            protect(html[k].at, e);
            html.resize(k);
            break;
          }
        break;
      case InlineKind::Emphasis: {
        char ch = t.text.empty() ? 0 : t.text[0];
        bool can_close = t.flags & InlineToken::kRightFlanking;
        bool can_open = t.flags & InlineToken::kLeftFlanking;
        bool closed = false;
        if (can_close) {
          for (size_t k = emph.size(); k-- > 0;)
            if (emph[k].ch == ch && emph[k].len == t.text.size()) {
              protect(emph[k].at, e);
              emph.resize(k);
              closed = true;
              break;
            }
        }
        if (!closed && can_open) emph.push_back({ch, t.text.size(), b});
        break;
      }
      default: break;
    }
  }
  std::vector<uint8_t> inside(piece.size() + 1, 0);
  int depth = 0;
  for (size_t p = 0; p <= piece.size(); ++p) {
    depth += delta[p];
    inside[p] = depth > 0;
  }
  return inside;
}

// Where a token ends: per byte, the kind of the token whose last byte it is
// (Text otherwise), for "a period right after a link, code or emphasis".
std::vector<InlineKind> token_ends(std::string_view piece, const std::vector<InlineToken>& tokens) {
  std::vector<InlineKind> out(piece.size() + 1, InlineKind::Text);
  for (const InlineToken& t : tokens)
    if (!t.text.empty() && t.kind != InlineKind::Text && t.kind != InlineKind::Escape &&
        t.kind != InlineKind::Entity)
      out[t.offset + t.text.size()] = t.kind;
  return out;
}

// The pipeline's English abbreviations, as measured on the sxs trees: the
// words a period after which never ends a segment (docs/alignment.md).
constexpr std::array<std::string_view, 14> kAbbreviations = {
    "admin", "adv", "co", "docs", "eg", "etc", "ie", "inc", "ltd", "org", "out", "sync", "tab", "vs",
};

// One sentence break iterator per thread and locale: creating one loads
// ICU's rules.
icu::BreakIterator* sentence_iterator(std::string_view locale) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  std::string key(locale.empty() ? "en" : locale);
  std::replace(key.begin(), key.end(), '-', '_');
  auto it = cache.find(key);
  if (it == cache.end()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createSentenceInstance(icu::Locale(key.c_str()), status));
    if (U_FAILURE(status)) b.reset();
    it = cache.emplace(key, std::move(b)).first;
  }
  return it->second.get();
}

}  // namespace

bool is_english_abbreviation(std::string_view word) {
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

std::vector<uint32_t> english_sentence_cuts(std::string_view piece) {
  std::vector<uint32_t> cuts;
  if (piece.find_first_of(".?!") == std::string_view::npos) return cuts;
  std::vector<InlineToken> tokens = tokenize_inline(piece);
  std::vector<uint8_t> inside = protected_bytes(piece, tokens);
  std::vector<InlineKind> ends = token_ends(piece, tokens);
  const size_t n = piece.size();
  // The first word of the piece, for enumerators ("1. Join ...").
  size_t first_word = 0;
  while (first_word < n && !is_alnum(piece[first_word])) ++first_word;
  for (size_t i = 0; i < n; ++i) {
    char c = piece[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (i > 0 && piece[i - 1] == '\\') continue;  // an escaped \. is text
    size_t j = i;
    while (j < n && (piece[j] == '.' || piece[j] == '?' || piece[j] == '!')) ++j;
    const size_t term_begin = i;
    const size_t term_len = j - i;
    i = j - 1;
    if (inside[term_begin]) {
      // A period inside a code span or URL is no sentence end; inside an
      // emphasis span it may be (the closer can follow).
      bool code_or_url = false;
      for (const InlineToken& t : tokens)
        if (t.offset <= term_begin && term_begin < t.offset + t.text.size() &&
            (t.kind == InlineKind::Code || t.kind == InlineKind::Autolink || t.kind == InlineKind::LinkClose ||
             t.kind == InlineKind::HtmlOpen || t.kind == InlineKind::HtmlComment))
          code_or_url = true;
      if (code_or_url) continue;
    }
    // Closers: quotes, brackets, emphasis markers.
    size_t k = j;
    bool paren = false, quote = false, emphasis = false;
    while (k < n) {
      if (piece[k] == ')') paren = true, ++k;
      else if (piece[k] == '"' || piece[k] == '\'') quote = true, ++k;
      else if (piece[k] == '*' || piece[k] == '_') emphasis = true, ++k;
      else if (piece.compare(k, 3, "\xE2\x80\x9D") == 0 || piece.compare(k, 3, "\xE2\x80\x99") == 0) quote = true, k += 3;
      else break;
    }
    (void)emphasis;
    // White space, then the next sentence.
    size_t w = k;
    bool unicode_space = false;
    for (;;) {
      if (w < n && is_ascii_space(piece[w])) {
        ++w;
        continue;
      }
      if (size_t u = w < n ? unicode_space_at(piece, w) : 0) {
        unicode_space = true;
        w += u;
        continue;
      }
      break;
    }
    if (w == k || w >= n) continue;
    if (unicode_space) continue;
    if (inside[w]) continue;
    if (paren) continue;  // "(... the list.) NuGet then"
    if (term_len >= 2 && piece[term_begin] == '.') continue;  // an ellipsis
    if (c == '.') {
      // The word before the period as a reader sees it: after the
      // emphasis markers, link destination or code span that close there
      // (the pipeline holds markup as inline tags: "[nuget.org](url)." is
      // "nuget.org." to its rules).
      size_t we = term_begin;
      for (int guard = 0; guard < 8 && we > 0; ++guard) {
        char p = piece[we - 1];
        if (p == '*' || p == '_' || p == '`' || p == ']') {
          --we;
        } else if (p == ')' && ends[we] == InlineKind::LinkClose) {
          size_t open = piece.rfind("](", we);
          if (open == std::string_view::npos) break;
          we = open;
        } else {
          break;
        }
      }
      size_t wb = we;
      while (wb > 0 && is_alnum(piece[wb - 1])) --wb;
      std::string_view word = piece.substr(wb, we - wb);
      if (!word.empty()) {
        std::string lower(word);
        for (char& ch : lower)
          if (is_upper(ch)) ch = static_cast<char>(ch - 'A' + 'a');
        if (is_english_abbreviation(lower)) continue;
        if (word.size() == 1 && is_upper(word[0])) continue;  // an initial: "Company B. How"
        if (word.size() == 1 && !is_digit(word[0]) && wb > 0 && piece[wb - 1] == '.') continue;  // "e.g.", "i.e.", "U.S."
        bool digits = std::all_of(word.begin(), word.end(), is_digit);
        if (digits && word.size() <= 2 && wb == first_word) continue;  // "1. Join the network"
      }
    } else {
      // "?" or "!": a lower-case word after it continues the sentence,
      // unless a quotation closed it.
      if (is_lower(piece[w]) && !quote) continue;
    }
    cuts.push_back(static_cast<uint32_t>(w));
  }
  return cuts;
}

std::vector<CutCandidate> target_cut_candidates(std::string_view piece, std::string_view locale) {
  std::vector<CutCandidate> out;
  const size_t n = piece.size();
  if (n == 0) return out;
  std::vector<InlineToken> tokens = tokenize_inline(piece);
  std::vector<uint8_t> hard(n + 1, 0);  // inside code, URLs, tags: never
  for (const InlineToken& t : tokens) {
    if (t.kind == InlineKind::Code || t.kind == InlineKind::Autolink || t.kind == InlineKind::LinkClose ||
        t.kind == InlineKind::HtmlOpen || t.kind == InlineKind::HtmlClose || t.kind == InlineKind::HtmlComment ||
        t.kind == InlineKind::Placeholder || t.kind == InlineKind::HtmlSelfClosing)
      for (size_t p = t.offset + 1; p < t.offset + t.text.size() && p <= n; ++p) hard[p] = 1;
  }
  std::vector<uint8_t> soft = protected_bytes(piece, tokens);  // links, emphasis: costly

  // ICU's sentence boundaries for the locale, as UTF-8 offsets.
  std::vector<uint8_t> icu_boundary(n + 1, 0);
  // ICU only where it can tell: after . ? ! before a space.
  bool latin_stop = false;
  for (size_t i = 0; i + 1 < n && !latin_stop; ++i)
    latin_stop = (piece[i] == '.' || piece[i] == '?' || piece[i] == '!') && is_ascii_space(piece[i + 1]);
  if (icu::BreakIterator* it = latin_stop ? sentence_iterator(locale) : nullptr) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(piece.data(), static_cast<int32_t>(n)));
    // UTF-16 index -> UTF-8 offset.
    std::vector<uint32_t> to8(static_cast<size_t>(u.length()) + 1, static_cast<uint32_t>(n));
    size_t b = 0;
    int32_t k = 0;
    while (b < n && k < u.length()) {
      to8[k] = static_cast<uint32_t>(b);
      unsigned char c = static_cast<unsigned char>(piece[b]);
      size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      int32_t units = len == 4 ? 2 : 1;
      if (units == 2 && k + 1 < u.length()) to8[k + 1] = static_cast<uint32_t>(b);
      b += len;
      k += units;
    }
    it->setText(u);
    for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next())
      if (p > 0 && static_cast<size_t>(p) < to8.size()) icu_boundary[to8[p]] = 1;
  }

  for (size_t i = 0; i < n;) {
    const unsigned char lead = static_cast<unsigned char>(piece[i]);
    if (lead != ' ' && lead != '\t' && lead != '\n' && lead != '\r' && lead != 0xC2 && lead != 0xE2 && lead != 0xE3 &&
        lead != 0xEF) {
      ++i;  // the common case: no space and no full stop starts here
      continue;
    }
    size_t ws = 0;
    if (is_ascii_space(piece[i])) ws = 1;
    else ws = unicode_space_at(piece, i);
    bool ideographic_stop = false;
    size_t stop_len = 0;
    if (!ws) {
      // 。！？ without a following space: a cut right after them.
      if (piece.compare(i, 3, "\xE3\x80\x82") == 0 || piece.compare(i, 3, "\xEF\xBC\x81") == 0 ||
          piece.compare(i, 3, "\xEF\xBC\x9F") == 0)
        ideographic_stop = true, stop_len = 3;
      if (!ideographic_stop) {
        ++i;
        continue;
      }
    }
    size_t b = i, e = i;
    if (ws) {
      while (e < n) {
        if (is_ascii_space(piece[e])) ++e;
        else if (size_t u = unicode_space_at(piece, e)) e += u;
        else break;
      }
    } else {
      b = e = i + stop_len;
      if (e < n && (is_ascii_space(piece[e]) || unicode_space_at(piece, e))) {
        i = e;  // the space after it is the candidate
        continue;
      }
    }
    i = std::max(e, i + 1);
    if (b == 0 || e >= n) continue;
    if (hard[e] || hard[b]) continue;
    // What ends before the space.
    size_t q = b;
    // Skip closing quotes, brackets and emphasis markers.
    auto closer_before = [&](size_t at, size_t& len) {
      len = 0;
      if (at >= 1 && (piece[at - 1] == '"' || piece[at - 1] == '\'' || piece[at - 1] == ')' || piece[at - 1] == '*' ||
                      piece[at - 1] == '_' || piece[at - 1] == ']'))
        len = 1;
      else if (at >= 3 && (piece.compare(at - 3, 3, "\xE3\x80\x8D") == 0 ||   // 」
                           piece.compare(at - 3, 3, "\xE3\x80\x8F") == 0 ||   // 』
                           piece.compare(at - 3, 3, "\xEF\xBC\x89") == 0 ||   // ）
                           piece.compare(at - 3, 3, "\xE2\x80\x9D") == 0))    // ”
        len = 3;
      return len > 0;
    };
    size_t cl;
    int closers = 0;
    while (closers < 4 && closer_before(q, cl)) q -= cl, ++closers;
    float cost = 6.0f;
    if (!ws) cost = 2.5f;  // 。 with no space: inside one segment as often as not
    else if (q >= 3 && (piece.compare(q - 3, 3, "\xE3\x80\x82") == 0 || piece.compare(q - 3, 3, "\xEF\xBC\x81") == 0 ||
                   piece.compare(q - 3, 3, "\xEF\xBC\x9F") == 0 || piece.compare(q - 3, 3, "\xEF\xBC\x8E") == 0))
      cost = 0.0f;
    else if (q >= 1 && (piece[q - 1] == '.' || piece[q - 1] == '?' || piece[q - 1] == '!'))
      cost = icu_boundary[e] ? 0.5f : 1.5f;
    else if (q >= 1 && piece[q - 1] == ':')
      cost = 4.0f;
    else if (icu_boundary[e])
      cost = 3.0f;
    if (soft[e]) cost += 3.0f;
    out.push_back(CutCandidate{static_cast<uint32_t>(e), static_cast<uint32_t>(b), cost});
  }
  return out;
}

}  // namespace tmlint
