#include "number_mismatch_scan.h"

#include <unicode/uchar.h>
#include <unicode/ucurr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "locale/locale_profile.h"
#include "locale/number_words.h"
#include "number_mismatch_locale.h"

namespace tmlint {
namespace {

constexpr std::string_view kRule = "number-mismatch";

UChar32 cp_at(std::string_view s, int32_t i, int32_t* next = nullptr) {
  int32_t n = static_cast<int32_t>(s.size());
  if (i < 0 || i >= n) {
    if (next) *next = i;
    return -1;
  }
  UChar32 c;
  U8_NEXT(s.data(), i, n, c);
  if (next) *next = i;
  return c;
}

UChar32 cp_before(std::string_view s, int32_t i, int32_t* start = nullptr) {
  if (i <= 0) {
    if (start) *start = 0;
    return -1;
  }
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  if (start) *start = i;
  return c;
}

int digit_of(UChar32 c) {
  if (c < 0x80) return c >= '0' && c <= '9' ? c - '0' : -1;
  return u_isdigit(c) ? u_charDigitValue(c) : -1;
}
UChar32 last_cp(std::string_view s) {
  if (s.empty()) return -1;
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

bool is_letter(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK;
}
bool is_space_like(UChar32 c) { return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009; }
bool is_ascii_letter(UChar32 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The separator at i as one ASCII byte (',' '.' '/' ':' '-', ' ' for a
// space that groups, '\'' for an apostrophe), with its length, or 0. A
// target also writes the full-width forms of MT ("50，000").
char separator_at(std::string_view s, int32_t i, bool target, int32_t* len) {
  int32_t next;
  UChar32 c = cp_at(s, i, &next);
  *len = next - i;
  switch (c) {
    case ',': case '.': case '/': case ':': case '-': return static_cast<char>(c);
    case 0x2013: return '-';  // en dash of a range
    default: break;
  }
  if (!target) return 0;
  switch (c) {
    case 0xFF0C: return ',';
    case 0xFF0E: return '.';
    case 0xFF0F: return '/';
    case 0xFF1A: return ':';
    case 0xFF0D: return '-';
    case '\'': case 0x2019: return '\'';
    default: break;
  }
  return is_space_like(c) ? ' ' : 0;
}

// A run of digits with the separators between them: "50,000", "2/11/17".
struct Token {
  std::vector<std::string> groups;  // ASCII digits of each group
  std::string seps;                 // seps[k] between groups[k] and groups[k + 1]
  std::vector<int32_t> starts;      // byte where each group starts
  std::vector<bool> wide;           // seps[k] is a full-width comma ("，": grouping, or Chinese prose's comma)
  int32_t begin = 0, end = 0;       // bytes in the prose
};

std::string read_digits(std::string_view s, int32_t& i) {
  std::string out;
  while (true) {
    int32_t next;
    int d = digit_of(cp_at(s, i, &next));
    if (d < 0) break;
    out.push_back(static_cast<char>('0' + d));
    i = next;
  }
  return out;
}

std::vector<Token> tokens_of(std::string_view s, bool target) {
  std::vector<Token> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t next;
    unsigned char byte = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
    if (byte < 0x80 && (byte < '0' || byte > '9')) {  // the common case, without decoding
      ++i;
      continue;
    }
    if (digit_of(cp_at(s, i, &next)) < 0) {
      i = next;
      continue;
    }
    Token t;
    t.begin = i;
    t.starts.push_back(i);
    t.groups.push_back(read_digits(s, i));
    while (i < n) {
      int32_t len;
      char sep = separator_at(s, i, target, &len);
      if (!sep) break;
      int32_t j = i + len;
      int32_t probe = j;
      std::string group = read_digits(s, probe);
      if (group.empty()) break;
      if (sep == ' ' || sep == '\'') {
        // A space (or apostrophe) groups thousands only: three digits, then no digit.
        bool chain = t.seps.empty() ? t.groups[0].size() <= 3 : (t.seps.back() == sep && t.groups.back().size() == 3);
        if (group.size() != 3 || !chain) break;
      }
      t.seps.push_back(sep);
      t.wide.push_back(sep == ',' && len > 1);
      t.starts.push_back(j);
      t.groups.push_back(group);
      i = probe;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

std::string strip_zeros(const std::string& d) {
  size_t nz = d.find_first_not_of('0');
  return nz == std::string::npos ? "0" : d.substr(nz);
}

std::string canonical(const std::string& integer, std::string fraction) {
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string i = strip_zeros(integer);
  return fraction.empty() ? i : i + "." + fraction;
}

// "1234.5" times 10^power, canonical.
std::string shifted(const std::string& value, int power) {
  size_t dot = value.find('.');
  std::string i = dot == std::string::npos ? value : value.substr(0, dot);
  std::string f = dot == std::string::npos ? "" : value.substr(dot + 1);
  for (int p = 0; p < power; ++p) {
    i.push_back(f.empty() ? '0' : f[0]);
    if (!f.empty()) f.erase(0, 1);
  }
  return canonical(i, f);
}

// The value of groups [from, to] read with these separators, if the token
// is one well-formed number in them.
std::optional<std::string> reading(const Token& t, size_t from, size_t to, std::string_view grouping, char decimal) {
  std::string integer = t.groups[from], fraction;
  bool decimal_seen = false;
  for (size_t k = from; k < to; ++k) {
    char s = t.seps[k];
    const std::string& g = t.groups[k + 1];
    bool first_ok = k > from || t.groups[from].size() <= 3;
    if (!decimal_seen && grouping.find(s) != std::string_view::npos && g.size() == 3 && first_ok &&
        (k == from || t.seps[k - 1] == s)) {
      integer += g;
    } else if (s == decimal && !decimal_seen && k + 1 == to) {
      decimal_seen = true;
      fraction = g;
    } else {
      return std::nullopt;
    }
  }
  return canonical(integer, fraction);
}

std::string literal(const Token& t, size_t from, size_t to) {
  std::string out = t.groups[from];
  for (size_t k = from; k < to; ++k) {
    out.push_back(t.seps[k] == '\'' ? '\'' : t.seps[k]);
    out += t.groups[k + 1];
  }
  return out;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

void add_value(std::vector<std::string>& values, std::string v) {
  if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(std::move(v));
}

std::string two(int v) { return v < 10 ? "0" + std::to_string(v) : std::to_string(v); }

// Every form a time may take in a translation: 24-hour and 12-hour, and the
// bare hour when the minutes are zero ("午後 6 時", "18 h").
std::vector<std::string> time_values(int hour, int minute, int ampm /* 0 none, 1 am, 2 pm */) {
  int h24 = hour;
  if (ampm == 2 && hour < 12) h24 = hour + 12;
  if (ampm == 1 && hour == 12) h24 = 0;
  std::vector<int> hours{h24};
  if (hour != h24) hours.push_back(hour);
  if (ampm == 0 && h24 >= 13) hours.push_back(h24 - 12);
  std::vector<std::string> out;
  for (int h : hours) add_value(out, std::to_string(h) + ":" + two(minute));
  if (minute == 0)
    for (int h : hours) add_value(out, std::to_string(h));
  return out;
}

bool is_time(const Token& t, size_t from, size_t to) {
  if (to - from < 1 || to - from > 2) return false;
  for (size_t k = from; k < to; ++k)
    if (t.seps[k] != ':' || t.groups[k + 1].size() != 2 || std::stoi(t.groups[k + 1]) > 59) return false;
  return t.groups[from].size() <= 2 && std::stoi(t.groups[from]) <= 24;
}

// Letters right after byte i (up to 16 code points), and the byte after them.
std::string letters_after(std::string_view s, int32_t i, int32_t* end) {
  int32_t j = i, next;
  int count = 0;
  while (count < 16 && is_letter(cp_at(s, j, &next))) {
    j = next;
    ++count;
  }
  *end = j;
  return std::string(s.substr(static_cast<size_t>(i), static_cast<size_t>(j - i)));
}

std::string letters_before(std::string_view s, int32_t i, int32_t* start) {
  int32_t j = i, prev;
  int count = 0;
  while (count < 16 && is_letter(cp_before(s, j, &prev))) {
    j = prev;
    ++count;
  }
  *start = j;
  return std::string(s.substr(static_cast<size_t>(j), static_cast<size_t>(i - j)));
}

// ".50": a point before the digits, and no word or number before the point
// ("X.509", "beta.01" and "sec.2" are names and numbers, not fractions).
bool leading_point(std::string_view s, int32_t begin) {
  if (begin < 1 || s[static_cast<size_t>(begin) - 1] != '.') return false;
  UChar32 c = cp_before(s, begin - 1);  // "0..1" is a range
  return c < 0 || u_isspace(c) || (c < 0x80 && std::string_view("([$*\"'\x1F").find(static_cast<char>(c)) != std::string_view::npos);
}

bool is_currency_code(const std::string& letters) {
  if (letters.size() != 3) return false;
  for (char c : letters)
    if (c < 'A' || c > 'Z') return false;
  thread_local std::map<std::string, bool, std::less<>> known;  // ICU's lookup is slow
  if (auto it = known.find(letters); it != known.end()) return it->second;
  UChar code[4] = {static_cast<UChar>(letters[0]), static_cast<UChar>(letters[1]), static_cast<UChar>(letters[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  bool currency = ucurr_isAvailable(code, U_DATE_MIN, U_DATE_MAX, &status) && U_SUCCESS(status);
  known.emplace(letters, currency);
  return currency;
}

bool has_upper_ascii(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

// Case-insensitive (ASCII) test that s at i starts with word, not followed by a letter.
bool word_at(std::string_view s, size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    char a = s[i + k], b = word[k];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a | 0x20);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b | 0x20);
    if (a != b) return false;
  }
  return !is_letter(cp_at(s, static_cast<int32_t>(i + word.size())));
}

bool ends_with_phrase(std::string_view before, std::string_view phrase) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '$')) before.remove_suffix(1);
  if (before.size() < phrase.size()) return false;
  size_t at = before.size() - phrase.size();
  if (!word_at(before, at, phrase)) return false;
  return at == 0 || !is_letter(cp_before(before, static_cast<int32_t>(at)));
}

// What follows a number in the source and changes what it stands for.
struct After {
  int ampm = 0;       // 1 am, 2 pm
  int power = 0;      // "300K", "1 million"
  bool percent = false;
};

After after_source_number(std::string_view s, int32_t end, const std::string& suffix, const NumberLocale& en) {
  After a;
  std::string low = lower_word(suffix);
  if (low == "am") a.ampm = 1;
  if (low == "pm") a.ampm = 2;
  if (suffix == "K" || suffix == "k") a.power = 3;
  if (suffix == "M") a.power = 6;
  if (suffix == "B") a.power = 9;
  size_t i = static_cast<size_t>(end) + suffix.size();
  if (suffix.empty() && i < s.size() && s[i] == '%') a.percent = true;
  if (!suffix.empty() || i >= s.size() || s[i] != ' ') return a;
  ++i;
  if (word_at(s, i, "am") || word_at(s, i, "a.m")) a.ampm = 1;
  if (word_at(s, i, "pm") || word_at(s, i, "p.m")) a.ampm = 2;
  if (i < s.size() && (s[i] == 'K' || s[i] == 'M' || s[i] == 'B') && !is_letter(cp_at(s, static_cast<int32_t>(i + 1))))
    a.power = s[i] == 'K' ? 3 : s[i] == 'M' ? 6 : 9;
  int32_t word_end;
  std::string word = lower_word(letters_after(s, static_cast<int32_t>(i), &word_end));
  if (auto it = en.multiplier_words.find(word); it != en.multiplier_words.end()) a.power = it->second;
  return a;
}

// The ranges of the prose inside an idiom of the source language's data
// file ("24/7", "1:1", "3rd party"), whose numbers a translation may drop.
bool next_is_digit(std::string_view s, int32_t i);
bool previous_is_digit(std::string_view s, int32_t i);

std::vector<std::pair<size_t, size_t>> idiom_ranges(std::string_view s, const std::vector<size_t>& starts,
                                                    const std::vector<std::string>& idioms) {
  std::vector<std::pair<size_t, size_t>> out;
  auto same = [](char a, char b) {
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a | 0x20);
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b | 0x20);
    return a == b;
  };
  // Every idiom has a digit, which starts a number of the prose.
  for (const std::string& idiom : idioms) {
    size_t lead = idiom.find_first_of("0123456789");
    if (lead == std::string::npos) continue;
    for (size_t d : starts) {
      if (d < lead || d - lead + idiom.size() > s.size()) continue;
      size_t at = d - lead;
      bool match = true;
      for (size_t k = 0; k < idiom.size() && match; ++k) match = same(s[at + k], idiom[k]);
      if (!match) continue;
      bool left = at == 0 || !u_isalnum(cp_before(s, static_cast<int32_t>(at)));
      bool right = !u_isalnum(cp_at(s, static_cast<int32_t>(at + idiom.size())));
      if (left && right) out.emplace_back(at, at + idiom.size());
    }
  }
  return out;
}

// The month names of an English source that start with a capital, as
// mentions: required next to a number ("May 5", "December 2020").
void add_source_months(std::string_view s, const NumberLocale& en, std::vector<Mention>& out) {
  size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (c < 'A' || c > 'Z' || (i > 0 && is_letter(cp_before(s, static_cast<int32_t>(i))))) continue;
    size_t j = i + 1;
    while (j < n && j - i < 10 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
    if (j - i < 3 || is_letter(cp_at(s, static_cast<int32_t>(j)))) {
      i = j;
      continue;
    }
    std::string low(s.substr(i, j - i));
    for (char& ch : low) ch = static_cast<char>(ch | 0x20);
    auto it = en.months.find(low);
    if (it != en.months.end()) {
      Mention m;
      m.kind = next_is_digit(s, static_cast<int32_t>(j)) || previous_is_digit(s, static_cast<int32_t>(i))
                   ? Mention::Kind::Required
                   : Mention::Kind::Optional;
      m.word = true;
      m.role = Mention::Role::Month;
      m.values.push_back(std::to_string(it->second));
      m.shown = std::string(s.substr(i, j - i));
      m.digits = m.values[0];
      m.at = static_cast<uint32_t>(i);
      out.push_back(std::move(m));
    }
    i = j;
  }
}

// A number right after an English month name ("December 19"), which may be a day or a year.
bool after_month(std::string_view s, int32_t begin, const NumberLocale& en) {
  if (begin < 2 || s[static_cast<size_t>(begin) - 1] != ' ') return false;
  int32_t start;
  std::string word = letters_before(s, begin - 1, &start);
  return !word.empty() && std::isupper(static_cast<unsigned char>(word[0])) && en.months.count(lower_word(word));
}

// A month name after a number and its suffix ("3 March", "3rd of March").
bool before_month(std::string_view s, int32_t end, const std::string& suffix, const NumberLocale& en) {
  size_t i = static_cast<size_t>(end) + suffix.size();
  if (i >= s.size() || s[i] != ' ') return false;
  ++i;
  if (s.compare(i, 3, "of ") == 0) i += 3;
  int32_t word_end;
  std::string word = letters_after(s, static_cast<int32_t>(i), &word_end);
  return !word.empty() && std::isupper(static_cast<unsigned char>(word[0])) && en.months.count(lower_word(word));
}

// A lower-case English word that is not a plural right after the number ("1 month").
bool singular_follows(std::string_view s, int32_t end) {
  size_t i = static_cast<size_t>(end);
  if (i >= s.size() || s[i] != ' ') return false;
  size_t j = i + 1;
  while (j < s.size() && s[j] >= 'a' && s[j] <= 'z') ++j;
  return j - i > 3 && s[j - 1] != 's' && !is_letter(cp_at(s, static_cast<int32_t>(j)));
}

void add_two_digit_year(std::vector<std::string>& values, const std::string& digits) {
  if (digits.size() != 2) return;
  add_value(values, "20" + digits);
  add_value(values, "19" + digits);
}

// The value of a spelled-out number: CLDR's spellings listed once per
// locale, then ICU's lenient parse for a longer one ("deux mille cinq
// cents"); a single word not listed is no number.
std::optional<double> spelled_value(const LocaleProfile& profile, const NumberLocale& nl, std::string_view words) {
  std::string key = spelled_key(words);
  if (auto it = nl.spelled.find(key); it != nl.spelled.end()) return it->second;
  bool several = key.find(' ') != std::string::npos;
  if (!several) {
    int32_t n = 0, len = static_cast<int32_t>(key.size());
    UChar32 c;
    for (int32_t i = 0; i < len; ++n) U8_NEXT(key.data(), i, len, c);
    several = n > 1 && nl.han_numerals.count(last_cp(key));  // "三千五百"
  }
  return several ? parse_number_words(profile, key) : std::nullopt;
}

// The longest number word of at least three letters that a word of more
// letters opens with ("drei" of "dreijährige"), with three letters after it.
std::optional<double> compound_number(const NumberLocale& nl, const std::string& low) {
  std::vector<size_t> cuts;  // byte offsets of code point starts
  for (size_t k = 0; k < low.size(); ++k)
    if ((static_cast<unsigned char>(low[k]) & 0xC0) != 0x80) cuts.push_back(k);
  for (size_t n = cuts.size() >= 3 ? cuts.size() - 3 : 0; n >= 3 && n < cuts.size(); --n) {
    auto it = nl.spelled.find(low.substr(0, cuts[n]));
    if (it != nl.spelled.end()) return it->second;
  }
  return std::nullopt;
}

bool next_is_digit(std::string_view s, int32_t i) {
  while (static_cast<size_t>(i) < s.size() && s[static_cast<size_t>(i)] == ' ') ++i;
  return digit_of(cp_at(s, i)) >= 0;
}

bool previous_is_digit(std::string_view s, int32_t i) {
  while (i > 0 && (s[static_cast<size_t>(i) - 1] == ' ' || s[static_cast<size_t>(i) - 1] == ',')) --i;
  return digit_of(cp_before(s, i)) >= 0;
}

// Words that spell numbers ("vingt et un", "two", "两") or name a month, as
// word mentions. Spaced scripts: runs of the locale's number words; Han: runs
// of its numeral characters.
void add_word_mentions(std::string_view s, const LocaleProfile& profile, const NumberLocale& nl, bool months_capitalised,
                       bool source_dates, bool numbers, std::vector<Mention>& out) {
  const Mention::Kind kind = Mention::Kind::Optional;
  auto add = [&](double value, int32_t begin, int32_t end) {
    if (value < 0 || value > 1e15) return;
    Mention m;
    m.kind = kind;
    m.word = true;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    if (value != static_cast<double>(static_cast<long long>(value))) std::snprintf(buf, sizeof buf, "%g", value);
    m.values.push_back(buf);
    m.shown = std::string(s.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)));
    m.digits = digits_of(buf);
    m.at = static_cast<uint32_t>(begin);
    out.push_back(std::move(m));
  };
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  if (!nl.han_numerals.empty() && numbers) {
    while (i < n) {
      int32_t next;
      UChar32 c = cp_at(s, i, &next);
      if (!nl.han_numerals.count(c)) {
        i = next;
        continue;
      }
      int32_t begin = i;
      std::vector<std::pair<int32_t, int32_t>> chars;
      while (i < n) {
        UChar32 d = cp_at(s, i, &next);
        if (!nl.han_numerals.count(d)) break;
        chars.emplace_back(i, next);
        i = next;
      }
      std::string_view run = s.substr(static_cast<size_t>(begin), static_cast<size_t>(i - begin));
      if (auto v = spelled_value(profile, nl, run)) {
        add(*v, begin, i);
      } else {
        for (auto [b, e] : chars)
          if (auto w = spelled_value(profile, nl, s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b))))
            add(*w, b, e);
      }
    }
    return;
  }
  if (nl.number_words.empty() && nl.months.empty()) return;
  // Words of letters; a run of number words joined by single spaces or hyphens.
  struct Word {
    int32_t begin, end;
    std::string low;
  };
  std::vector<Word> run;
  auto flush = [&] {
    if (run.empty()) return;
    std::string_view whole = s.substr(static_cast<size_t>(run.front().begin),
                                      static_cast<size_t>(run.back().end - run.front().begin));
    std::optional<double> v = run.size() > 1 ? spelled_value(profile, nl, whole) : std::nullopt;
    if (v) {
      add(*v, run.front().begin, run.back().end);
    } else {
      for (const Word& w : run)
        if (auto x = spelled_value(profile, nl, w.low)) add(*x, w.begin, w.end);
    }
    run.clear();
  };
  while (i < n) {
    int32_t next;
    UChar32 c = cp_at(s, i, &next);
    if (!is_letter(c)) {
      if (!(c == ' ' || c == '-') || run.empty() || run.back().end != i) flush();
      i = next;
      continue;
    }
    int32_t end;
    std::string word = letters_after(s, i, &end);
    if (!numbers && !u_isupper(c)) word.clear();  // months only, capitalised: no need to lower-case the rest
    while (is_letter(cp_at(s, end))) {  // a word longer than 16 letters is no number
      int32_t more;
      letters_after(s, end, &more);
      end = more;
      word.clear();
    }
    std::string low = word.empty() ? "" : lower_word(word);
    if (numbers && !low.empty() && nl.number_words.count(low)) {
      if (!run.empty() && i - run.back().end != 1) flush();
      run.push_back({i, end, low});
    } else {
      flush();
      if (auto it = nl.months.find(low); !low.empty() && it != nl.months.end()) {
        if (!months_capitalised || u_isupper(c)) {
          add(it->second, i, end);
          out.back().role = Mention::Role::Month;
          // In the source, a month next to a number is part of a date ("May 5",
          // "5 May", "December 2020"): the target must say it too.
          if (source_dates && (next_is_digit(s, end) || previous_is_digit(s, i))) out.back().kind = Mention::Kind::Required;
        }
      } else if (numbers && !months_capitalised && low.size() >= 6) {
        // A compound that opens with a number word: German "dreijährige"
        // for "3-year", "zweistufig" for "2-step".
        if (auto v = compound_number(nl, low)) add(*v, i, end);
      }
    }
    i = end;
  }
  flush();
}

// GUIDs ("778a4dce-0014-4d53-8647-314ef2b091d2"): compared whole, as
// written, so that one cut or respaced by MT is found; their digits are not
// numbers of their own.
std::vector<std::pair<int32_t, int32_t>> guids_in(std::string_view s, std::vector<Mention>& out) {
  std::vector<std::pair<int32_t, int32_t>> ranges;
  if (s.find('-') == std::string_view::npos) return ranges;
  auto hex = [&](size_t i) { return i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i])); };
  auto alnum = [&](size_t i) { return i < s.size() && std::isalnum(static_cast<unsigned char>(s[i])); };
  for (size_t i = 0; i + 36 <= s.size(); ++i) {
    if (s[i + 8] != '-' || !hex(i) || (i > 0 && alnum(i - 1))) continue;
    size_t j = i;
    bool ok = true;
    for (int len : {8, 4, 4, 4, 12}) {
      for (int k = 0; k < len && ok; ++k, ++j) ok = hex(j);
      if (ok && len != 12) ok = j < s.size() && s[j++] == '-';
      if (!ok) break;
    }
    if (!ok || alnum(j)) continue;
    Mention m;
    m.shown = std::string(s.substr(i, j - i));
    m.values.push_back(lower_word(m.shown));
    m.digits = m.values[0];
    m.at = static_cast<uint32_t>(i);
    out.push_back(std::move(m));
    ranges.emplace_back(static_cast<int32_t>(i), static_cast<int32_t>(j));
    i = j;
  }
  return ranges;
}

bool inside(const std::vector<std::pair<int32_t, int32_t>>& ranges, int32_t at) {
  for (auto [b, e] : ranges)
    if (at >= b && at < e) return true;
  return false;
}

// The words of a prose that hold an ASCII digit, as written: runs of ASCII
// letters, digits and . , / : - ("FY21", ".50", "v5.0", "2/12/17", "6PM"),
// without the punctuation that ends them; sorted. No allocation but the
// vector: this is the rule's cheapest test, run on every segment with digits.
std::vector<std::string_view> written_numbers(std::string_view s) {
  static const auto kWord = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c)
      t[static_cast<size_t>(c)] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
                                  c == ',' || c == '/' || c == ':' || c == '-';
    return t;
  }();
  auto word_char = [](char c) { return kWord[static_cast<unsigned char>(c)]; };
  auto trailing = [](char c) { return c == '.' || c == ',' || c == ':' || c == '/' || c == '-'; };
  std::vector<std::string_view> out;
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    if (!word_char(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool digit = false;
    for (; j < n && word_char(s[j]); ++j) digit |= s[j] >= '0' && s[j] <= '9';
    if (digit) {
      size_t e = j;
      while (e > i && trailing(s[e - 1])) --e;
      out.push_back(s.substr(i, e - i));
    }
    i = j;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// An English month name next to a number ("May 5", "5 May", "December 2020").
bool has_source_date(std::string_view s, const NumberLocale& en) {
  size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    char c = s[i];
    if (c < 'A' || c > 'Z' || (i > 0 && is_letter(cp_before(s, static_cast<int32_t>(i))))) continue;
    size_t j = i + 1;
    while (j < n && j - i < 10 && s[j] >= 'a' && s[j] <= 'z') ++j;
    if (j - i >= 3 && !is_letter(cp_at(s, static_cast<int32_t>(j))) &&
        (next_is_digit(s, static_cast<int32_t>(j)) || previous_is_digit(s, static_cast<int32_t>(i)))) {
      std::string low(s.substr(i, j - i));
      low[0] = static_cast<char>(low[0] | 0x20);
      if (en.months.count(low)) return true;
    }
    i = j - 1;
  }
  return false;
}

}  // namespace

Conventions::Conventions(const LocaleProfile& p)
    : profile(p),
      tables(number_locale(p.tag())),
      idioms(p.list(kRule, "idioms")),
      units(p.list(kRule, "units")),
      prefixes(p.list(kRule, "prefixes")),
      more_than(p.list(kRule, "more-than")),
      less_than(p.list(kRule, "less-than")),
      implicit_one(p.list(kRule, "implicit-one-after")),
      hour_markers(p.list(kRule, "hour-markers")),
      hundred_percent_words(p.list(kRule, "hundred-percent-words")),
      back_references(p.list(kRule, "back-references")) {
  if (const std::string& cldr = hour_marker(p.tag()); !cldr.empty()) hour_markers.push_back(cldr);
  for (const std::string& entry : p.list(kRule, "multipliers")) {  // "Mio. 6"
    size_t sp = entry.rfind(' ');
    if (sp != std::string::npos) multipliers.emplace_back(entry.substr(0, sp), std::atoi(entry.c_str() + sp + 1));
  }
}

const Conventions& conventions_of(const LocaleProfile& profile) {
  static std::mutex mutex;
  static auto* cache = new std::map<const LocaleProfile*, std::unique_ptr<Conventions>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = (*cache)[&profile];
  if (!slot) slot = std::make_unique<Conventions>(profile);
  return *slot;
}

bool digits_kept(std::string_view source, std::string_view target, const Conventions& en) {
  std::vector<std::string_view> a = written_numbers(source), b = written_numbers(target);
  if (!std::includes(b.begin(), b.end(), a.begin(), a.end())) return false;
  return !has_source_date(source, en.tables);
}

bool has_ascii_digit(std::string_view s) {
  // Eight bytes at a time: a byte is a digit when (byte ^ '0') < 10 (the
  // "has a byte less than n" test of Bit Twiddling Hacks). Every segment's
  // source passes here.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    uint64_t x = w ^ (kOnes * '0');
    if ((x - kOnes * 10) & ~x & kHigh) return true;
  }
  for (; i < s.size(); ++i)
    if (s[i] >= '0' && s[i] <= '9') return true;
  return false;
}

std::vector<Mention> source_mentions(std::string_view s, const Conventions& conventions, bool words) {
  std::vector<Mention> out;
  const LocaleProfile& source = conventions.profile;
  const NumberLocale& en = conventions.tables;
  const auto& units_list = conventions.units;
  const auto& prefixes = conventions.prefixes;
  const auto& more_than = conventions.more_than;
  const auto& less_than = conventions.less_than;
  auto guids = guids_in(s, out);
  std::vector<Token> tokens = tokens_of(s, false);
  std::vector<size_t> starts;
  for (const Token& t : tokens) starts.push_back(static_cast<size_t>(t.begin));
  auto idioms = idiom_ranges(s, starts, conventions.idioms);
  auto in_list = [](const std::vector<std::string>& l, const std::string& w) {
    return std::find(l.begin(), l.end(), w) != l.end();
  };
  for (const Token& t : tokens) {
    if (inside(guids, t.begin)) continue;
    int32_t suf_end, pre_start;
    std::string suf = letters_after(s, t.end, &suf_end);
    std::string pre = letters_before(s, t.begin, &pre_start);
    bool hex = (!suf.empty() && digit_of(cp_at(s, suf_end)) >= 0) || (!pre.empty() && digit_of(cp_before(s, pre_start)) >= 0);
    // "346x0.13x2": an x between digits multiplies.
    if ((suf == "x" || suf == "X") && digit_of(cp_at(s, suf_end)) >= 0) suf.clear(), hex = false;
    if ((pre == "x" || pre == "X") && digit_of(cp_before(s, pre_start)) >= 0) pre.clear(), hex = false;
    std::string hyphen_pre;
    if (pre.empty() && t.begin > 0 && s[static_cast<size_t>(t.begin) - 1] == '-') {
      int32_t hs;
      std::string letters = letters_before(s, t.begin - 1, &hs);
      if (has_upper_ascii(letters)) hyphen_pre = letters;  // COVID-19, SHA-256; not "mid-2021"
    }
    std::string low_suf = lower_word(suf);
    bool unit = !suf.empty() && !hex && in_list(units_list, low_suf);
    Mention::Kind kind = Mention::Kind::Required;
    std::string key;
    if (!pre.empty()) {
      if (!(is_currency_code(pre) || in_list(prefixes, pre))) {
        kind = Mention::Kind::Name;
        key = lower_word(pre) + "#" + (unit ? "" : low_suf);
      }
    } else if (!hyphen_pre.empty()) {
      kind = Mention::Kind::Name;
      key = lower_word(hyphen_pre) + "-#" + (unit ? "" : low_suf);
    } else if (!suf.empty() && !unit) {
      kind = Mention::Kind::Name;
      key = "#" + low_suf;
    }
    for (auto [b, e] : idioms)
      if (static_cast<size_t>(t.begin) < e && static_cast<size_t>(t.end) > b) kind = Mention::Kind::Optional;
    After after = after_source_number(s, t.end, unit ? suf : "", en);
    std::string whole = literal(t, 0, t.seps.size());
    // A name is shown whole ("21Vianet", "COVID-19"), a quantity as its digits.
    int32_t name_begin = hyphen_pre.empty() ? pre_start : t.begin - 1 - static_cast<int32_t>(hyphen_pre.size());
    int32_t name_end = unit ? t.end : suf_end;
    std::string shown_whole = kind == Mention::Kind::Name
                                  ? std::string(s.substr(static_cast<size_t>(name_begin), static_cast<size_t>(name_end - name_begin)))
                                  : whole;
    auto base = [&](std::string shown) {
      Mention m;
      m.kind = kind;
      m.key = key;
      m.shown = std::move(shown);
      m.digits = digits_of(m.shown);
      m.at = static_cast<uint32_t>(t.begin);
      m.percent = after.percent;
      return m;
    };
    size_t last = t.seps.size();
    if (is_time(t, 0, last) || (last == 0 && after.ampm && t.groups[0].size() <= 2 && std::stoi(t.groups[0]) <= 12)) {
      Mention m = base(shown_whole);
      int hour = std::stoi(t.groups[0]), minute = last ? std::stoi(t.groups[1]) : 0;
      m.values = time_values(hour, minute, after.ampm);
      out.push_back(std::move(m));
      continue;
    }
    if (auto v = reading(t, 0, last, ",", '.')) {
      Mention m = base(shown_whole);
      bool fraction = last == 0 && leading_point(s, t.begin);
      m.values.push_back(fraction ? canonical("0", t.groups[0]) : *v);  // ".50"
      if (after.power) add_value(m.values, shifted(m.values[0], after.power));
      if (kind == Mention::Kind::Name) add_two_digit_year(m.values, t.groups[0]);
      if (last == 0 && after_month(s, t.begin, en)) add_two_digit_year(m.values, t.groups[0]);  // "the December 19 price list"
      if (last == 0 && t.groups[0].size() <= 2 && (after_month(s, t.begin, en) || before_month(s, t.end, suf, en)))
        m.role = Mention::Role::Day;  // "March 3", "3rd March"
      if (last == 0 && t.groups[0].size() == 4 && (t.groups[0].starts_with("19") || t.groups[0].starts_with("20")))
        m.role = Mention::Role::Year;
      if (last == 0 && t.groups[0].size() < 15) {
        std::string_view before = s.substr(0, static_cast<size_t>(t.begin));
        long long value = std::stoll(t.groups[0]);
        for (const std::string& p : more_than)
          if (ends_with_phrase(before, p)) add_value(m.values, std::to_string(value + 1));  // "6 以上"
        for (const std::string& p : less_than)
          if (ends_with_phrase(before, p) && value > 0) add_value(m.values, std::to_string(value - 1));
        // "in the last 1 month" is "au cours du dernier mois": a singular says the one.
        if (value == 1 && m.kind == Mention::Kind::Required && singular_follows(s, t.end))
          for (const std::string& p : conventions.implicit_one)
            if (ends_with_phrase(before, p)) m.kind = Mention::Kind::Optional;
      }
      out.push_back(std::move(m));
      continue;
    }
    bool dotted = last >= 2 && std::all_of(t.seps.begin(), t.seps.end(), [](char c) { return c == '.'; });
    if (dotted) {  // a version, an address: compared as written
      Mention m = base(shown_whole);
      m.values.push_back(whole);
      out.push_back(std::move(m));
      continue;
    }
    // A date, range or list: each part is a number of its own.
    size_t from = 0;
    std::vector<Mention> parts;
    for (size_t k = 0; k <= last; ++k) {
      if (k < last && t.seps[k] != '/' && t.seps[k] != '-' && t.seps[k] != ':') continue;
      // Within a part, ',' that does not group is a list: "1,5".
      auto v = reading(t, from, k, ",", '.');
      if (v) {
        Mention m = base(literal(t, from, k));
        m.at = static_cast<uint32_t>(t.starts[from]);
        m.values.push_back(*v);
        if (from != k || last > 0) add_two_digit_year(m.values, t.groups[from]);
        parts.push_back(std::move(m));
      } else {
        size_t g = from;
        for (size_t j = from; j <= k; ++j) {
          if (j < k && t.seps[j] != ',') continue;
          Mention m = base(literal(t, g, j));
          m.at = static_cast<uint32_t>(t.starts[g]);
          if (auto w = reading(t, g, j, "", '.')) m.values.push_back(*w);
          else m.values.push_back(literal(t, g, j));
          parts.push_back(std::move(m));
          g = j + 1;
        }
      }
      from = k + 1;
    }
    for (Mention& m : parts) {
      if (m.shown != whole) m.whole = whole;
      if (kind == Mention::Kind::Name) m.shown = shown_whole, m.whole.clear();
      out.push_back(std::move(m));
    }
  }
  if (words) add_word_mentions(s, source, en, true, true, true, out);
  else add_source_months(s, en, out);
  return out;
}

std::vector<Mention> target_mentions(std::string_view s, const Conventions& conventions, const Conventions& english,
                                     bool words) {
  std::vector<Mention> out;
  const LocaleProfile& target = conventions.profile;
  const NumberLocale& nl = conventions.tables;
  // The locale's separators as the token scanner writes them.
  auto normal = [](const std::string& sep) -> char {
    if (sep == "," || sep == "\xEF\xBC\x8C") return ',';
    if (sep == ".") return '.';
    if (sep == "'" || sep == "\xE2\x80\x99") return '\'';
    if (sep == " " || sep == "\xC2\xA0" || sep == "\xE2\x80\xAF" || sep == "\xE2\x80\x89") return ' ';
    return 0;
  };
  std::string grouping_loc(1, normal(target.grouping_separator()));
  char decimal_loc = normal(target.decimal_separator());
  if (!decimal_loc) decimal_loc = '.';
  grouping_loc += ' ';
  const std::string grouping_en = ", ";
  std::vector<Token> tokens = tokens_of(s, true);
  const std::vector<std::string>& markers = conventions.hour_markers;
  const std::vector<std::pair<std::string, int>>& multipliers = conventions.multipliers;
  int32_t consumed = 0;  // the minutes of "18 h 30" belong to the hour before them
  auto guids = guids_in(s, out);
  for (const Token& t : tokens) {
    if (t.begin < consumed || inside(guids, t.begin)) continue;
    size_t last = t.seps.size();
    std::string whole = literal(t, 0, last);
    // The letters glued to it, to meet a source name kept in the target.
    int32_t suf_end, pre_start;
    std::string suf = letters_after(s, t.end, &suf_end), pre = letters_before(s, t.begin, &pre_start);
    auto ascii_only = [](const std::string& w) {
      for (char c : w)
        if (!is_ascii_letter(static_cast<unsigned char>(c))) return false;
      return true;
    };
    std::string key;
    if (!pre.empty() && ascii_only(pre)) key = lower_word(pre) + "#" + (ascii_only(suf) ? lower_word(suf) : "");
    else if (!suf.empty() && ascii_only(suf)) key = "#" + lower_word(suf);
    if (pre.empty() && t.begin > 0 && s[static_cast<size_t>(t.begin) - 1] == '-') {
      int32_t hs;
      std::string letters = letters_before(s, t.begin - 1, &hs);
      if (has_upper_ascii(letters) && ascii_only(letters)) key = lower_word(letters) + "-#" + (ascii_only(suf) ? lower_word(suf) : "");
    }
    auto base = [&](std::string shown, int32_t at) {
      Mention m;
      m.key = key;
      m.shown = std::move(shown);
      m.digits = digits_of(m.shown);
      m.at = static_cast<uint32_t>(at);
      return m;
    };
    // What follows: an hour marker ("18 h 30", "6 時"), a multiplier ("9 万", "2 millions").
    size_t after = static_cast<size_t>(t.end);
    size_t skip = after;
    while (skip < s.size() && is_space_like(cp_at(s, static_cast<int32_t>(skip)))) {
      int32_t nx;
      cp_at(s, static_cast<int32_t>(skip), &nx);
      skip = static_cast<size_t>(nx);
    }
    std::optional<int> minutes;
    bool hour = false;
    for (const std::string& marker : markers) {
      // "18h00", "18 h", "6 時 30 分"; an ASCII marker is a word of its own ("h", not "heures").
      bool at_marker = ascii_only(marker) ? word_at(s, skip, marker) : s.substr(skip, marker.size()) == marker;
      if (!at_marker) continue;
      hour = true;
      int32_t j = static_cast<int32_t>(skip + marker.size());
      while (is_space_like(cp_at(s, j))) ++j;
      int32_t probe = j;
      std::string mm = read_digits(s, probe);
      if (mm.size() == 2 && std::stoi(mm) <= 59) {
        minutes = std::stoi(mm);
        consumed = probe;
      }
      break;
    }
    int power = 0;
    {
      int32_t j = static_cast<int32_t>(skip), next;
      while (true) {
        auto it = nl.unit_characters.find(cp_at(s, j, &next));
        if (it == nl.unit_characters.end()) break;
        power += it->second;
        j = next;
      }
      if (!power && !nl.multiplier_words.empty() && skip > after) {  // "2 millions": a word after a space
        int32_t word_end;
        std::string word = letters_after(s, static_cast<int32_t>(skip), &word_end);
        if (auto it = nl.multiplier_words.find(lower_word(word)); !word.empty() && it != nl.multiplier_words.end())
          power = it->second;
      }
      if (!power) {
        for (const auto& [w, p] : multipliers)
          if (s.substr(skip, w.size()) == w) power = p;
        if (suf == "K" || suf == "k") power = 3;
        if (suf == "M") power = 6;
      }
    }
    bool time_token = is_time(t, 0, last);
    bool short_hour = t.groups[0].size() <= 2;
    if (time_token || (hour && last == 0 && short_hour) ||
        (hour && last == 1 && short_hour && t.seps[0] == '.' && t.groups[1].size() == 2)) {  // "18.30 Uhr"
      int h = std::stoi(t.groups[0]);
      int m = time_token || last == 1 ? std::stoi(t.groups[1]) : minutes.value_or(0);
      if (h <= 24 && m <= 59) {
        Mention mention = base(whole, t.begin);
        mention.values = time_values(h, m, 0);
        if (!time_token && last == 0) add_value(mention.values, t.groups[0]);
        out.push_back(std::move(mention));
        continue;
      }
    }
    std::vector<std::string> values;
    for (auto v : {reading(t, 0, last, grouping_loc, decimal_loc), reading(t, 0, last, grouping_en, '.')})
      if (v) {
        std::string value = last == 0 && leading_point(s, t.begin) ? canonical("0", t.groups[0]) : *v;  // ".50"
        add_value(values, value);
        if (power) add_value(values, shifted(value, power));
      }
    bool wide = std::find(t.wide.begin(), t.wide.end(), true) != t.wide.end();
    bool read = !values.empty();
    if (read) {
      Mention m = base(whole, t.begin);
      m.values = std::move(values);
      // "3 月", "3 日": the locale marks the month and the day (CLDR).
      for (auto [marker, role] : {std::pair{&nl.month_marker, Mention::Role::Month}, std::pair{&nl.day_marker, Mention::Role::Day},
                                  std::pair{&nl.year_marker, Mention::Role::Year}})
        if (last == 0 && !marker->empty() && s.compare(skip, marker->size(), *marker) == 0 &&
            (role == Mention::Role::Year || (t.groups[0].size() <= 2 && std::stoi(t.groups[0]) <= (role == Mention::Role::Month ? 12 : 31)))) {
          // ("2021 日历年" is a calendar year, not a day)
          m.role = role;
          m.shown = std::string(s.substr(static_cast<size_t>(t.begin), skip + marker->size() - static_cast<size_t>(t.begin)));
        }
      out.push_back(std::move(m));
      if (!wide) continue;
    }
    // Then its parts: between '/', '-', ':', and the full-width commas of
    // Chinese prose ("10，100" is ten and a hundred as much as 10100).
    auto add_part = [&](size_t from, size_t to) {
      std::vector<std::string> part;
      for (auto v : {reading(t, from, to, grouping_loc, decimal_loc), reading(t, from, to, grouping_en, '.')})
        if (v) add_value(part, *v);
      bool dotted = to - from >= 2 && std::all_of(t.seps.begin() + static_cast<long>(from), t.seps.begin() + static_cast<long>(to),
                                                  [](char c) { return c == '.'; });
      if (dotted) add_value(part, literal(t, from, to));  // "3.4.1" of "3.4/3.4.1"
      if (!part.empty()) {
        Mention m = base(literal(t, from, to), t.starts[from]);
        m.values = std::move(part);
        out.push_back(std::move(m));
        return;
      }
      for (size_t j = from; j <= to; ++j) {  // "1,5" where the decimal is a point: a list
        Mention m = base(t.groups[j], t.starts[j]);
        m.values.push_back(strip_zeros(t.groups[j]));
        out.push_back(std::move(m));
      }
    };
    // A time-shaped "0:80" or a ratio stays whole: its hour is no number of its own.
    bool clock = std::all_of(t.seps.begin(), t.seps.end(), [](char c) { return c == ':'; });
    std::vector<size_t> cuts;
    for (size_t k = 0; k < last; ++k)
      if (t.seps[k] == '/' || t.seps[k] == '-' || (t.seps[k] == ':' && !clock) || t.wide[k]) cuts.push_back(k);
    if (clock && last > 0) {
      Mention m = base(whole, t.begin);
      m.values.push_back(whole);
      out.push_back(std::move(m));
      continue;
    }
    if (cuts.empty() && !wide) {  // "2.8.6", "1,5": one part
      add_part(0, last);
      continue;
    }
    if (!read) {  // a date or range as written, for a source that wrote it the same way
      Mention m = base(whole, t.begin);
      m.values.push_back(whole);
      m.alias = true;
      out.push_back(std::move(m));
    }
    cuts.push_back(last);
    size_t from = 0;
    for (size_t k : cuts) {
      add_part(from, k);
      from = k + 1;
    }
  }
  if (!words) return out;
  add_word_mentions(s, target, nl, false, false, true, out);
  // English month names and number words MT keeps ("Dynamics CSP Offers – August 2020").
  if (target.language() != "en") {
    add_word_mentions(s, english.profile, english.tables, true, false, true, out);
  }
  return out;
}

}  // namespace tmlint
