// number-mismatch: a number of a segment's source that its target does not
// have, in any of the spellings a translator legitimately uses.
//
// Numbers are read from the prose only (tokenize_inline: no code, URL, tag
// or entity), with ICU: digits of any script (full-width "１２" too), and the
// target locale's grouping and decimal separators (DecimalFormatSymbols), so
// "1,000" in the source and "1.000" in a de-DE target are the same number and
// "1.000" in a ja-JP target is not. A source number is found in the target
// when the target has
//   - the same value ("1,000" and "1000"), or the same literal ("1.2.3");
//   - for dates, times, ranges, versions and lists ("2/14/17", "10:00",
//     "1-5", "1,5"), each of its parts, a two-digit year matching a
//     four-digit one ("2/14/17" and "2017/2/14");
//   - the value written with a CJK myriad unit ("90,000" and "9 万",
//     "1.5 億"), or a two-digit year as a four-digit one ("FY21", "2021").
#include <fmt/format.h>
#include <unicode/dcfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "qa_common.h"

namespace tmlint {
namespace {

struct Separators {
  std::string grouping = ",";
  std::string decimal = ".";
};

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

Separators separators_for(const std::string& locale) {
  static std::mutex mutex;
  static std::unordered_map<std::string, Separators> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(locale);
  if (it != cache.end()) return it->second;
  Separators s;
  UErrorCode status = U_ZERO_ERROR;
  icu::DecimalFormatSymbols symbols(icu::Locale(locale.empty() ? "en" : locale.c_str()), status);
  if (U_SUCCESS(status)) {
    s.grouping = to_utf8(symbols.getSymbol(icu::DecimalFormatSymbols::kGroupingSeparatorSymbol));
    s.decimal = to_utf8(symbols.getSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol));
  }
  cache.emplace(locale, s);
  return s;
}

// A run of digits with the separators between them.
struct NumberToken {
  std::vector<std::string> digits;  // ASCII digits of each part
  std::vector<std::string> seps;    // seps[i] between digits[i] and digits[i+1]
  size_t begin = 0;                 // first byte of the token in the text
  size_t end = 0;                   // byte after the token in the text
};

std::string strip_zeros(std::string d) {
  size_t nz = d.find_first_not_of('0');
  return nz == std::string::npos ? "0" : d.substr(nz);
}

// "1234" + "50" -> "1234.5"; canonical spelling of a value.
std::string canonical(std::string integer, std::string fraction) {
  integer = strip_zeros(integer);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? integer : integer + "." + fraction;
}

// The value when the token is one well-formed number in these conventions.
std::optional<std::pair<std::string, std::string>> value_of(const NumberToken& n, const Separators& sep) {
  std::string integer = n.digits[0], fraction;
  bool grouped = false, decimal = false;
  for (size_t i = 0; i < n.seps.size(); ++i) {
    const std::string& s = n.seps[i];
    const std::string& d = n.digits[i + 1];
    if (s == sep.grouping && !decimal && d.size() == 3 && (grouped || n.digits[0].size() <= 3)) {
      grouped = true;
      integer += d;
    } else if (s == sep.decimal && !decimal && i + 1 == n.seps.size()) {
      decimal = true;
      fraction = d;
    } else {
      return std::nullopt;
    }
  }
  return std::make_pair(integer, fraction);
}

bool is_separator_byte(char c) { return c == ',' || c == '.' || c == '/' || c == ':' || c == '-'; }

std::vector<NumberToken> numbers_in(std::string_view s, const Separators& sep) {
  std::vector<NumberToken> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  auto digit_at = [&](int32_t at, int32_t& next) -> int {
    if (at >= n) return -1;
    UChar32 c;
    U8_NEXT(s.data(), at, n, c);
    next = at;
    if (c < 0 || !u_isdigit(c)) return -1;
    return u_charDigitValue(c);
  };
  bool prev_digit = false;
  while (i < n) {
    int32_t next;
    int d = digit_at(i, next);
    if (d < 0) {
      UChar32 c;
      int32_t at = i;
      U8_NEXT(s.data(), at, n, c);
      prev_digit = false;
      i = at;
      continue;
    }
    (void)prev_digit;
    NumberToken tok;
    tok.begin = static_cast<size_t>(i);
    tok.digits.emplace_back();
    int32_t j = i;
    while (true) {
      int32_t nx;
      int dv = digit_at(j, nx);
      if (dv >= 0) {
        tok.digits.back().push_back(static_cast<char>('0' + dv));
        j = nx;
        continue;
      }
      // A separator followed by a digit continues the token.
      std::string_view rest = s.substr(static_cast<size_t>(j));
      size_t sep_len = 0;
      if (!rest.empty() && is_separator_byte(rest[0])) sep_len = 1;
      else if (!sep.grouping.empty() && rest.substr(0, sep.grouping.size()) == sep.grouping) sep_len = sep.grouping.size();
      else if (!sep.decimal.empty() && rest.substr(0, sep.decimal.size()) == sep.decimal) sep_len = sep.decimal.size();
      int32_t after;
      if (sep_len && digit_at(j + static_cast<int32_t>(sep_len), after) >= 0) {
        tok.seps.emplace_back(rest.substr(0, sep_len));
        tok.digits.emplace_back();
        j += static_cast<int32_t>(sep_len);
        continue;
      }
      break;
    }
    tok.end = static_cast<size_t>(j);
    out.push_back(std::move(tok));
    i = j;
  }
  return out;
}

// What the target offers: values, literals, parts.
struct TargetNumbers {
  std::set<std::string> values;
  std::set<std::string> parts;
};

// The power of ten of a CJK unit right after the number (spaces allowed).
int unit_power(std::string_view rest) {
  size_t k = 0;
  while (k < rest.size() && rest[k] == ' ') ++k;
  rest = rest.substr(k);
  if (rest.starts_with("\xE4\xB8\x87") || rest.starts_with("\xE8\x90\xAC")) return 4;  // 万 萬
  if (rest.starts_with("\xE5\x84\x84") || rest.starts_with("\xE4\xBA\xBF")) return 8;  // 億 亿
  if (rest.starts_with("\xE5\x85\x86")) return 12;                                      // 兆
  if (rest.starts_with("\xE5\x8D\x83")) return 3;                                       // 千
  return 0;
}

std::string shift(const std::string& integer, const std::string& fraction, int power) {
  std::string f = fraction;
  std::string i = integer;
  for (int p = 0; p < power; ++p) {
    if (!f.empty()) {
      i.push_back(f[0]);
      f.erase(0, 1);
    } else {
      i.push_back('0');
    }
  }
  return canonical(i, f);
}

std::string literal(const NumberToken& n) {
  std::string out = n.digits[0];
  for (size_t i = 0; i < n.seps.size(); ++i) out += n.seps[i] + n.digits[i + 1];
  return out;
}

TargetNumbers target_numbers(std::string_view text, const Separators& sep) {
  TargetNumbers t;
  for (const NumberToken& n : numbers_in(text, sep)) {
    t.values.insert(literal(n));
    if (auto v = value_of(n, sep)) {
      t.values.insert(canonical(v->first, v->second));
      if (int p = unit_power(text.substr(n.end))) t.values.insert(shift(v->first, v->second, p));
      continue;
    }
    // A date, time, range or list: its parts, and the values of the pieces
    // between '-', '/' and ':' ("2.0-3.0" holds 2.0 and 3.0).
    for (const std::string& d : n.digits) t.parts.insert(strip_zeros(d));
    NumberToken piece;
    auto flush = [&] {
      if (piece.digits.empty()) return;
      if (auto v = value_of(piece, sep)) t.values.insert(canonical(v->first, v->second));
      piece = NumberToken{};
    };
    for (size_t i = 0; i < n.digits.size(); ++i) {
      if (i > 0) {
        const std::string& s = n.seps[i - 1];
        if (s == "-" || s == "/" || s == ":") flush();
        else piece.seps.push_back(s);
      }
      piece.digits.push_back(n.digits[i]);
    }
    flush();
  }
  return t;
}

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Source numbers that are not quantities a translation must repeat: "H1",
// "Q4", "inumber1" (a short number glued to a word), ordinals ("1st",
// "3rd party": "サードパーティ"), and the idiom "24/7", "24 x 7", "24x7x365"
// ("24 時間 365 日").
bool exempt(std::string_view text, const NumberToken& n) {
  if (n.seps.empty() && n.digits[0].size() <= 2 && n.begin > 0 && is_ascii_letter(text[n.begin - 1])) return true;
  std::string_view after = text.substr(n.end);
  auto lower_starts = [&](std::string_view x) {
    if (after.size() < x.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if ((after[i] | 0x20) != x[i]) return false;
    return after.size() == x.size() || !is_ascii_letter(after[x.size()]);
  };
  if (lower_starts("st") || lower_starts("nd") || lower_starts("rd") || lower_starts("th")) return true;
  std::string lit = literal(n);
  if (lit == "24/7") return true;
  if (lit == "24" || lit == "7" || lit == "365") {
    // 24 x 7, 24x7x365: look at the bytes around the number.
    size_t b = n.begin >= 6 ? n.begin - 6 : 0;
    std::string around(text.substr(b, n.end + 8 - b > text.size() - b ? text.size() - b : n.end + 8 - b));
    for (char& c : around) c = static_cast<char>(c | 0x20);
    std::string squeezed;
    for (char c : around)
      if (c != ' ') squeezed.push_back(c);
    if (squeezed.find("24x7") != std::string::npos || squeezed.find("7x365") != std::string::npos) return true;
  }
  return false;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if ((s[i] | 0x20) != word[i]) return false;
  return s.size() == word.size() || !is_ascii_letter(s[word.size()]);
}

// "300K", "20 K", "1.5M", "1 million": the power of ten, else 0.
int suffix_power(std::string_view after) {
  if (!after.empty() && after[0] == ' ') after.remove_prefix(1);
  if (after.empty()) return 0;
  if (starts_with_word(after, "thousand")) return 3;
  if (starts_with_word(after, "million")) return 6;
  if (starts_with_word(after, "billion")) return 9;
  int p = after[0] == 'K' || after[0] == 'k' ? 3 : after[0] == 'M' ? 6 : after[0] == 'B' ? 9 : 0;
  if (p && after.size() > 1 && is_ascii_letter(after[1])) return 0;
  return p;
}

bool ends_with_words(std::string_view before, std::string_view words) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.size() < words.size()) return false;
  std::string_view tail = before.substr(before.size() - words.size());
  for (size_t i = 0; i < words.size(); ++i)
    if ((tail[i] | 0x20) != words[i]) return false;
  return before.size() == words.size() || !is_ascii_letter(before[before.size() - words.size() - 1]);
}

// Idioms a translator renders without their number: "1:1" (直接, 個別),
// "360-degree view" (全体像), "100%" (全額, すべて) in a ja target.
bool idiom(std::string_view source, const NumberToken& n, std::string_view target, std::string_view language) {
  std::string lit = literal(n);
  if (lit == "1:1") return true;
  if (lit == "360" && (starts_with_word(source.substr(n.end), "-degree") ||
                       starts_with_word(source.substr(n.end), " degree")))
    return true;
  if (lit == "100" && language == "ja" && source.substr(n.end).starts_with("%")) {
    for (std::string_view w : {"全額", "すべて", "全て", "完全", "全部"})
      if (target.find(w) != std::string_view::npos) return true;
  }
  return false;
}

bool has_part(const TargetNumbers& t, const std::string& part) {
  std::string p = strip_zeros(part);
  if (t.parts.count(p) || t.values.count(p)) return true;
  if (part.size() == 2)
    for (std::string_view century : {"20", "19"}) {
      std::string year = std::string(century) + part;
      if (t.parts.count(year) || t.values.count(year)) return true;
    }
  return false;
}

void check(const ArticleContext& ctx) {
  std::string locale = qa::article_locale(ctx);
  Separators target_sep = separators_for(locale);
  Separators source_sep;  // the English source
  std::string language(qa::language_of(locale));
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& s = ctx.article.segments[i];
    if (!s.has_source) continue;
    std::string_view src_raw = s.source.raw;
    bool any_digit = false;
    for (char c : src_raw) any_digit = any_digit || (c >= '0' && c <= '9');
    if (!any_digit) continue;
    const Prose& src = ctx.text.prose(i, Side::Source);
    std::vector<NumberToken> wanted = numbers_in(src.text, source_sep);
    if (wanted.empty()) continue;
    const Prose& tgt = ctx.text.prose(i, Side::Target);
    TargetNumbers have = target_numbers(tgt.text, target_sep);
    std::vector<std::string> missing;
    std::set<std::string> seen;
    for (const NumberToken& n : wanted) {
      if (exempt(src.text, n) || idiom(src.text, n, tgt.text, language)) continue;
      std::string lit = literal(n);
      bool found = false;
      if (auto v = value_of(n, source_sep)) {
        std::string value = canonical(v->first, v->second);
        found = have.values.count(value) != 0;
        if (!found && n.seps.empty()) found = has_part(have, v->first);  // "9" of "7/9"
        if (!found)
          if (int p = suffix_power(std::string_view(src.text).substr(n.end)))
            found = have.values.count(shift(v->first, v->second, p)) != 0;
        if (!found && n.seps.empty() && v->first.size() < 9) {
          // "more than 5" is "6 以上"; "less than 5", "4 以下".
          std::string_view before = std::string_view(src.text).substr(0, n.begin);
          long value = std::stol(v->first);
          if (ends_with_words(before, "more than") || ends_with_words(before, "greater than"))
            found = have.values.count(std::to_string(value + 1)) != 0;
          else if (ends_with_words(before, "less than") || ends_with_words(before, "fewer than"))
            found = have.values.count(std::to_string(value - 1)) != 0;
        }
      } else if (have.values.count(lit)) {
        found = true;  // "1.2.3"
      } else {
        found = true;
        for (size_t i = 0; i < n.digits.size(); ++i) {
          // The ":00" of "6:00 PM" is dropped in "午後 6 時".
          if (i > 0 && n.seps[i - 1] == ":" && strip_zeros(n.digits[i]) == "0") continue;
          found = found && has_part(have, n.digits[i]);
        }
      }
      if (!found && seen.insert(lit).second) missing.push_back(lit);
    }
    if (missing.empty()) continue;
    ctx.report(s.target.location,
               fmt::format("segment {}: {} {} of the source {} not in the target", s.id,
                           missing.size() == 1 ? "number" : "numbers", qa::join_quoted(missing, 4),
                           missing.size() == 1 ? "is" : "are"),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "number-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "A number of the source is not in the target in any legitimate spelling"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
