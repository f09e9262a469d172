#include "text/visible_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>
#include <cctype>

#include "base/byte_scan.h"
#include "load/entities.h"

namespace tmlint {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The first run of exactly n backticks at or after `from`, or npos.
size_t find_code_run(std::string_view s, size_t from, size_t n) {
  for (size_t j = from; j < s.size();) {
    if (s[j] != '`') {
      ++j;
      continue;
    }
    size_t m = 0;
    while (j + m < s.size() && s[j + m] == '`') ++m;
    if (m == n) return j;
    j += m;
  }
  return std::string_view::npos;
}

// Answers "where is the next X at or after `from`" while `from` only grows:
// a remembered answer at or after `from` is still the answer, so a text
// with thousands of unclosed '<' or backtick runs is scanned once per kind,
// not once per occurrence.
struct NextOf {
  static constexpr size_t kUnset = std::string_view::npos - 1;
  size_t at = kUnset;
  template <typename Find>
  size_t get(size_t from, Find&& find) {
    if (at == kUnset || (at != std::string_view::npos && at < from)) at = find(from);
    return at;
  }
};

// Backtick runs longer than this never open a code span.
constexpr size_t kMaxCodeRun = 32;

// Skips a code span starting at i (a run of n backticks); returns the index
// after its closing run, or i + n when it is not closed.
using CodeRuns = std::array<NextOf, kMaxCodeRun + 1>;
size_t skip_code(std::string_view s, size_t i, std::optional<CodeRuns>& runs) {
  size_t n = 0;
  while (i + n < s.size() && s[i + n] == '`') ++n;
  if (n > kMaxCodeRun) return i + n;
  if (!runs) runs.emplace();  // only texts with code pay for the memo
  size_t close = (*runs)[n].get(i + n, [&](size_t from) { return find_code_run(s, from, n); });
  return close == std::string_view::npos ? i + n : close + n;
}

// The bytes that end an ordinary run of visible_text.
struct DecisionBytes {
  bool at[256] = {};
  constexpr DecisionBytes() {
    for (unsigned char c : {'\\', '`', '<', ']', '!', '[', '*', '_', '&', ' ', '\t', '\n', '\r'}) at[c] = true;
  }
};
constexpr DecisionBytes kDecisionBytes;

}  // namespace

std::string visible_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  std::optional<CodeRuns> runs;
  NextOf next_gt, next_nl, next_paren;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && !is_ascii_letter(s[i + 1]) && s[i + 1] != ' ') {
      out.push_back(s[i + 1]);
      i += 2;
      continue;
    }
    if (c == '`') {
      size_t end = skip_code(s, i, runs);
      if (end > i + 1 && s[end - 1] == '`') {
        space();
        i = end;
        continue;
      }
      i = end;
      continue;
    }
    if (c == '<') {
      // An HTML tag or an autolink: drop it (autolinks are URLs, not prose).
      size_t j = i + 1;
      if (j < s.size() && (is_ascii_letter(s[j]) || s[j] == '/' || s[j] == '!')) {
        size_t gt = next_gt.get(j, [&](size_t from) { return s.find('>', from); });
        size_t nl = next_nl.get(i, [&](size_t from) { return s.find('\n', from); });
        if (gt != std::string_view::npos && (nl == std::string_view::npos || nl > gt)) {
          space();
          i = gt + 1;
          continue;
        }
      }
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {
      size_t close = next_paren.get(i + 2, [&](size_t from) { return s.find(')', from); });
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') {
      ++i;
      continue;
    }
    if (c == '[' || c == ']' || c == '*' || (c == '_' && (i + 1 < s.size() && s[i + 1] == '_'))) {
      ++i;
      continue;
    }
    if (c == '&') {
      std::string decoded;
      if (size_t used = decode_one_entity(s.substr(i), decoded)) {
        if (decoded == "\xC2\xA0") space();
        else out += decoded;
        i += used;
        continue;
      }
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space();
      ++i;
      continue;
    }
    // An ordinary run: copy up to the next byte that needs a decision.
    // (By table: the compare chain per byte was a third of this function.)
    size_t j = find_stop_byte(s.data(), i + 1, s.size(), kDecisionBytes.at);
    out.append(s.substr(i, j - i));
    i = j;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

std::string excerpt(std::string_view text, size_t max) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() <= max) return out;
  size_t cut = max > 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  out.append("...");
  return out;
}

std::string match_form(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  for (size_t i = 0; i < md.size(); ++i) {
    char c = md[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '*' || c == '_' || c == '>') continue;
    if (c == '&') {
      std::string decoded;
      if (size_t used = decode_one_entity(md.substr(i), decoded)) {
        if (decoded != "\xC2\xA0") out += decoded;
        i += used - 1;
        continue;
      }
    }
    if (c == '\xC2' && i + 1 < md.size() && md[i + 1] == '\xA0') {  // NBSP is whitespace too
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::vector<Word> english_words(std::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_ascii_letter(text[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    size_t upper = 0;  // counted while scanning (a second pass over the word was 18% of this function)
    while (i < text.size() && (is_ascii_letter(text[i]) || (text[i] == '\'' && i + 1 < text.size() &&
                                                            is_ascii_letter(text[i + 1])))) {
      upper += text[i] >= 'A' && text[i] <= 'Z';
      ++i;
    }
    std::string_view w = text.substr(b, i - b);
    bool glued = (b > 0 && (std::isdigit(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_' ||
                            text[b - 1] == '.' || text[b - 1] == '-' || text[b - 1] == '/')) ||
                 (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '_' ||
                                      (text[i] == '.' && i + 1 < text.size() && is_ascii_letter(text[i + 1]))));
    bool name_like = glued || upper > 1 || (upper == 1 && !(w[0] >= 'A' && w[0] <= 'Z')) ||
                     (upper == 1 && w.size() > 1);
    words.push_back({w, name_like, glued});
  }
  return words;
}

bool is_english_stop_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "a",     "about", "after", "all",    "also",  "an",    "and",   "any",   "are",   "as",    "at",
      "be",    "been",  "before", "but",   "by",    "can",   "could", "do",    "does",  "each",  "for",
      "from",  "has",   "have",  "how",    "if",    "in",    "into",  "is",    "it",    "its",   "may",
      "more",  "most",  "must",  "need",   "new",   "no",    "not",   "of",    "on",    "one",   "only",
      "or",    "other", "our",   "out",    "over",  "should", "so",   "some",  "such",  "than",  "that",
      "the",   "their", "them",  "then",   "there", "these", "they",  "this",  "those", "through", "to",
      "under", "up",    "use",   "used",   "using", "was",   "we",    "were",  "what",  "when",  "where",
      "which", "while", "who",   "will",   "with",  "within", "would", "you",  "your",  "don't", "can't",
      "isn't", "it's",  "you'll", "you're", "here", "following", "both", "same"};
  return kStop.count(w) != 0;
}

bool has_locale_script_letter(std::string_view text, std::string_view locale, bool& known) {
  // The locale's scripts, remembered for the last locale asked about: a
  // check asks once per segment for its article's one locale, and ICU's
  // lookup cost more than the scan (1% of a pc-ja check).
  struct Scripts {
    std::string locale;
    UScriptCode codes[8];
    int32_t n = 0;
    bool ok = false;
    bool valid = false;
  };
  thread_local Scripts cached;
  if (!cached.valid || cached.locale != locale) {
    UErrorCode status = U_ZERO_ERROR;
    cached.locale.assign(locale);
    cached.n = uscript_getCode(cached.locale.c_str(), cached.codes, 8, &status);
    cached.ok = U_SUCCESS(status);
    cached.valid = true;
  }
  const UScriptCode* codes = cached.codes;
  const int32_t n = cached.n;
  known = cached.ok && n > 0;
  if (!known) return false;
  for (int32_t k = 0; k < n; ++k)
    if (codes[k] == USCRIPT_LATIN) known = false;
  if (!known) return false;
  // Japanese is written with Han and both kana; ICU may name only "Jpan".
  auto wanted = [&](UScriptCode sc) {
    for (int32_t k = 0; k < n; ++k) {
      if (codes[k] == sc) return true;
      if (codes[k] == USCRIPT_JAPANESE && (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA))
        return true;
      if (codes[k] == USCRIPT_KOREAN && (sc == USCRIPT_HAN || sc == USCRIPT_HANGUL)) return true;
      if ((codes[k] == USCRIPT_SIMPLIFIED_HAN || codes[k] == USCRIPT_TRADITIONAL_HAN) && sc == USCRIPT_HAN) return true;
    }
    return false;
  };
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, len = static_cast<int32_t>(text.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0x80) continue;
    if (!u_isalpha(c)) continue;
    UErrorCode st = U_ZERO_ERROR;
    if (wanted(uscript_getScript(c, &st))) return true;
  }
  return false;
}

}  // namespace tmlint
