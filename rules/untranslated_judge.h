#pragma once
// The judgement shared by `untranslated` and `partially-translated`: is a
// segment's target still the source language? See docs/rules/untranslated.md.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "text/visible_text.h"

namespace tmlint::untranslated_detail {

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Removes every do-not-translate term (case-sensitive, whole occurrences).
inline std::string without_terms(std::string_view text, const std::vector<std::string>& terms) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    bool hit = false;
    for (const auto& t : terms) {
      if (!t.empty() && text.compare(i, t.size(), t) == 0) {
        out.push_back(' ');
        i += t.size();
        hit = true;
        break;
      }
    }
    if (!hit) out.push_back(text[i++]);
  }
  return out;
}

struct ProseVerdict {
  bool prose = false;
  size_t words = 0;
};

inline ProseVerdict judge_prose(std::string_view visible, long min_words) {
  ProseVerdict v;
  size_t plain = 0, stop = 0;
  for (const Word& w : english_words(visible)) {
    ++v.words;
    if (w.glued) continue;  // "a" in a GUID is no article
    std::string lw = lower_ascii(w.text);
    bool is_stop = is_english_stop_word(lw);
    // A sentence's first word is capitalized; stop words count whatever
    // their case ("The", "If").
    if (is_stop) {
      ++stop;
      ++plain;
    } else if (!w.name_like) {
      ++plain;
    }
  }
  // Prose: enough plain words, at least two function words and two content
  // words, and plain words at least half of all ("Word on the web, Windows,
  // Mac, and iPad" is a product list, not a sentence).
  v.prose = static_cast<long>(plain) >= min_words && stop >= 2 && plain - stop >= 2 && plain * 2 >= v.words;
  return v;
}

// Equal once case, punctuation and spacing are ignored (near-identity for
// Latin-script targets: "Sign in." vs "Sign in").
inline bool near_identical(std::string_view a, std::string_view b) {
  auto fold = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80)
        out.push_back(c);
      else if (c >= 'A' && c <= 'Z')
        out.push_back(static_cast<char>(c - 'A' + 'a'));
    return out;
  };
  return fold(a) == fold(b);
}

// Function words besides is_english_stop_word's, for a short source
// ("Trial offers aren't compatible with custom meters."): contractions and
// prepositions the shared list lacks.
inline bool is_function_word(std::string_view lower) {
  static constexpr std::string_view kMore[] = {
      "aren't", "won't",  "doesn't", "didn't",  "wasn't",  "weren't", "hasn't",  "haven't", "hadn't", "shouldn't",
      "couldn't", "wouldn't", "cannot", "you've", "we're", "we've",  "we'll",   "they're", "there's", "that's",
      "let's",  "during", "between", "without", "across", "because", "since",   "until",   "per",    "via",
      "against", "among", "whether", "every",   "being",  "including", "he",      "she",     "his",     "her",    "i",
      "my",     "me",     "us"};
  if (is_english_stop_word(lower)) return true;
  for (std::string_view w : kMore)
    if (w == lower) return true;
  return false;
}

// The words of an English text as a reader counts them: runs of ASCII
// letters joined by '-' or an apostrophe ("daily-rated", "aren't"), each
// "plain" (lower case, or a capitalized sentence start before a lower-case
// word: "Trial offers", "Fields in") or a name (capitalized inside a
// sentence, ALL CAPS, CamelCase, glued to digits, '_', '.' or '/': "A5",
// "nuget.org", "http_proxy").
struct EnglishWords {
  size_t plain = 0, function = 0, names = 0;
  bool leading_name = false;  // the text starts with a name ("Microsoft Teams ...", "Universal Print ...")
};

inline EnglishWords english_word_counts(std::string_view text) {
  struct Tok {
    std::string lower;
    bool all_lower, title, glued, sentence_start;
  };
  std::vector<Tok> toks;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto joiner = [&](size_t k) {  // '-', '\'' or '’' between letters
    if (k >= text.size()) return size_t{0};
    size_t len = text[k] == '-' || text[k] == '\'' ? 1 : text.compare(k, 3, "\u2019") == 0 ? 3 : 0;
    return len && k > 0 && letter(text[k - 1]) && k + len < text.size() && letter(text[k + len]) ? len : 0;
  };
  bool start = true;  // at a sentence start: the text's, or after . ? ! : |
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (!letter(c)) {
      if (c == '.' || c == '?' || c == '!' || c == ':' || c == '|') start = true;
      ++i;
      continue;
    }
    size_t b = i;
    Tok t{{}, true, false, false, start};
    size_t upper = 0, n = 0;
    while (i < text.size()) {
      if (letter(text[i])) {
        char l = text[i];
        if (l >= 'A' && l <= 'Z') ++upper, l = static_cast<char>(l - 'A' + 'a');
        t.lower.push_back(l);
        ++n;
        ++i;
      } else if (size_t j = joiner(i)) {
        t.lower.push_back(text[i] == '-' ? '-' : '\'');
        i += j;
      } else {
        break;
      }
    }
    // Part of an identifier, a GUID or a path: "A5", "nuget.org", "http_proxy", "a/b".
    auto glue = [](char g) { return (g >= '0' && g <= '9') || g == '_' || g == '/'; };
    auto alnum = [&](char g) { return letter(g) || (g >= '0' && g <= '9'); };
    t.glued = (b > 0 && (glue(text[b - 1]) || (text[b - 1] == '.' && b > 1 && alnum(text[b - 2])))) ||
              (i < text.size() && (glue(text[i]) || (text[i] == '.' && i + 1 < text.size() && alnum(text[i + 1]))));
    t.all_lower = upper == 0;
    t.title = upper == 1 && text[b] >= 'A' && text[b] <= 'Z';
    toks.push_back(std::move(t));
    start = false;
  }
  EnglishWords out;
  for (size_t k = 0; k < toks.size(); ++k) {
    const Tok& t = toks[k];
    bool next_lower = k + 1 < toks.size() && toks[k + 1].all_lower && !toks[k + 1].glued;
    // A capitalized sentence start is a word when a lower-case word follows
    // or it is a function word ("The **Products** page", "A legacy field").
    bool function = is_function_word(t.lower);
    bool plain = !t.glued && (t.all_lower || (t.title && t.sentence_start && (next_lower || function)));
    if (k == 0) out.leading_name = !plain;
    if (!plain) {
      ++out.names;
      continue;
    }
    ++out.plain;
    out.function += function;
  }
  return out;
}

// Whether a source left as its target reads as English of ordinary words,
// even when it names products ("Microsoft Calling Plans were previously made
// available in the following markets: Belgium, ..."): `min_words` plain words
// or more, one of them a content word, and a function word or six plain
// words ("Customer receives first late payment email"). A text that starts
// with a name needs two function words or seven plain words: a SKU is a
// name and a few words (`Microsoft 365 Domestic Calling Plan for faculty for
// US and Canada`, `Universal Print volume add-on (500 jobs) for faculty`),
// kept as it is in every locale.
inline bool reads_as_english(std::string_view visible, long min_words) {
  EnglishWords w = english_word_counts(visible);
  if (static_cast<long>(w.plain) < min_words || w.plain == w.function) return false;
  return w.leading_name ? w.function >= 2 || w.plain >= 7 : w.function >= 1 || w.plain >= 6;
}

// A value quoted whole (`*["15.0% Partner earned credit for services
// managed"]*`): a literal of the product, kept as it is.
inline bool quoted_whole(std::string_view visible) {
  auto edge = [](char c) { return c == ' ' || c == '[' || c == ']' || c == '(' || c == ')' || c == '*' || c == '_'; };
  size_t b = 0, e = visible.size();
  while (b < e && edge(visible[b])) ++b;
  while (e > b && edge(visible[e - 1])) --e;
  std::string_view v = visible.substr(b, e - b);
  if (v.size() < 2) return false;
  if (v.front() == '"' && v.back() == '"') return v.find('"', 1) == v.size() - 1;
  if (v.size() >= 6 && v.substr(0, 3) == "\u201C" && v.substr(v.size() - 3) == "\u201D")
    return v.find("\u201D") == v.size() - 3;
  return false;
}

enum class Verdict { Translated, SameAsSource, NoLocaleScript };

// The table cells of an article's segments: the table (the offset of its
// first line, or of its `<table`) and the column (the `|` or `<td>`/`<th>`
// before the segment on its row). Segments are asked in order, so that each
// backward search stops where the previous one started.
struct Cell {
  uint32_t table = 0, column = 0;
  friend bool operator<(const Cell& a, const Cell& b) {
    return a.table != b.table ? a.table < b.table : a.column < b.column;
  }
};

class CellFinder {
 public:
  explicit CellFinder(std::string_view text) : t_(text) {}

  std::optional<Cell> cell(const Segment& s) {
    if (!s.context.in_table) return std::nullopt;
    size_t at = std::min<size_t>(s.location.offset, t_.size());
    scan_html(at);
    size_t line = at == 0 ? 0 : t_.rfind('\n', at - 1);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::string_view before = t_.substr(line, at - line);
    Cell c;
    if (before.find('|') == std::string_view::npos && in_table_) {
      c.table = static_cast<uint32_t>(table_);
      c.column = static_cast<uint32_t>(cell_column_);
      return c;
    }
    // A GFM row: the unescaped pipes before the segment; the table starts at
    // the first of the consecutive lines above that have a pipe.
    for (size_t k = 0; k < before.size(); ++k) c.column += before[k] == '|' && (k == 0 || before[k - 1] != '\\');
    size_t first = line;
    while (first > 0) {
      if (first == gfm_line_) {
        first = gfm_table_;
        break;
      }
      size_t prev = first >= 2 ? t_.rfind('\n', first - 2) : std::string_view::npos;
      prev = prev == std::string_view::npos ? 0 : prev + 1;
      if (t_.substr(prev, first - 1 - prev).find('|') == std::string_view::npos) break;
      first = prev;
    }
    gfm_line_ = line;
    gfm_table_ = first;
    c.table = static_cast<uint32_t>(first);
    return c;
  }

 private:
  // The HTML table tags up to `at`, once each: the column of the last cell
  // opened, rowspans of earlier rows skipped ("Usage Charges" spanning two
  // rows shifts the next row's cells).
  void scan_html(size_t at) {
    while (true) {
      size_t k = t_.find('<', pos_);
      if (k == std::string_view::npos || k >= at) {
        pos_ = std::max(pos_, at);
        return;
      }
      pos_ = k + 1;
      std::string_view tag = t_.substr(k, std::min<size_t>(t_.size() - k, 200));
      tag = tag.substr(0, tag.find('>'));
      auto is = [&](std::string_view name) {
        return tag.size() > name.size() && tag.compare(1, name.size(), name) == 0 &&
               (tag[name.size() + 1] == ' ' || tag[name.size() + 1] == '\t' || tag.size() == name.size() + 1);
      };
      auto span_of = [&](std::string_view attr) {
        size_t a = tag.find(attr);
        if (a == std::string_view::npos) return 1;
        a += attr.size();
        while (a < tag.size() && (tag[a] == '=' || tag[a] == '"' || tag[a] == '\'')) ++a;
        int n = 0;
        while (a < tag.size() && tag[a] >= '0' && tag[a] <= '9' && n < 1000) n = n * 10 + (tag[a++] - '0');
        return n > 0 ? n : 1;
      };
      if (is("table")) {
        in_table_ = true;
        table_ = k;
        rows_left_.clear();
        column_ = cell_column_ = 0;
      } else if (tag.compare(0, 7, "</table") == 0) {
        in_table_ = false;
      } else if (is("tr")) {
        occupied_.assign(rows_left_.size(), false);
        for (size_t c = 0; c < rows_left_.size(); ++c)
          if (rows_left_[c] > 0) occupied_[c] = true, --rows_left_[c];
        column_ = 0;
      } else if (is("td") || is("th")) {
        while (column_ < occupied_.size() && occupied_[column_]) ++column_;
        cell_column_ = column_;
        int rows = span_of("rowspan"), cols = span_of("colspan");
        for (int c = 0; c < cols; ++c) {
          if (rows_left_.size() <= column_) rows_left_.resize(column_ + 1, 0);
          rows_left_[column_] = rows - 1;
          ++column_;
        }
      }
    }
  }

  std::string_view t_;
  size_t pos_ = 0;
  bool in_table_ = false;
  size_t table_ = 0, column_ = 0, cell_column_ = 0;
  std::vector<int> rows_left_;   // per column: rows a cell above still spans
  std::vector<bool> occupied_;   // per column: taken in this row by such a cell
  size_t gfm_line_ = SIZE_MAX, gfm_table_ = 0;
};

class Judge {
 public:
  Judge(const Article& a, const RunFacts& facts, const RuleOptions& options)
      : article_(a), dnt_(options.get_list("do-not-translate")), min_words_(options.get_int("min-words", 5)) {
    locale_ = facts.locale;
    if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) locale_ = e->value;
    if (!locale_.empty()) has_locale_script_letter("", locale_, script_known_);
  }

  const std::string& locale() const { return locale_; }

  Verdict judge(const Segment& s, std::string* shown_target = nullptr) const {
    if (!s.has_source) return Verdict::Translated;
    // Cheap exit first: a target with a letter of the locale's script is
    // translated (nearly every segment of a ja/zh/ko batch).
    bool known = false;
    if (script_known_ && has_locale_script_letter(s.target.raw, locale_, known)) return Verdict::Translated;
    std::string source = visible_text(s.source.decoded());
    std::string target = visible_text(s.target.decoded());
    if (target.empty()) return Verdict::Translated;  // missing-target's business
    std::string judged = without_terms(source, dnt_);
    if (target == source || (!script_known_ && near_identical(target, source))) {
      // Left as its source: reported when the source reads as English of
      // ordinary words, unless it is a quoted literal or a cell of a column
      // of values kept in English (the charge types of a reconciliation file).
      if (!reads_as_english(judged, min_words_) || quoted_whole(source) || literal(s)) return Verdict::Translated;
      return Verdict::SameAsSource;
    }
    if (!script_known_ || !judge_prose(judged, min_words_).prose) return Verdict::Translated;
    if (shown_target) *shown_target = std::move(target);
    return Verdict::NoLocaleScript;
  }

 private:
  // Columns of a table whose cells are mostly left as their source and read
  // as a few English words ("Prorate fees when cancel", "Assess usage fee for
  // current cycle"): the values of a file format, kept in English on
  // purpose. A cell left so in a translated column is still reported.
  void find_literal_columns() const {
    bool any = false;
    for (const Segment& s : article_.segments)
      any = any || (s.has_source && s.context.in_table && s.target.raw == s.source.raw);
    if (!any) return;
    CellFinder cells(article_.text);
    std::map<Cell, std::pair<std::vector<size_t>, size_t>> columns;  // kept cells, all cells
    for (size_t k = 0; k < article_.segments.size(); ++k) {
      const Segment& s = article_.segments[k];
      if (!s.has_source) continue;
      std::optional<Cell> c = cells.cell(s);
      if (!c) continue;
      auto& [kept, all] = columns[*c];
      ++all;
      if (s.target.raw == s.source.raw && english_word_counts(visible_text(s.source.decoded())).plain >= 2)
        kept.push_back(k);
    }
    for (const auto& [cell, column] : columns) {
      const auto& [kept, all] = column;
      if (kept.size() < 2 || kept.size() * 2 < all) continue;
      if (literal_.empty()) literal_.assign(article_.segments.size(), false);
      for (size_t k : kept) literal_[k] = true;
    }
  }

  // Computed on the first table cell that would be reported (nearly never:
  // the tables of real batches are translated or hold names).
  bool literal(const Segment& s) const {
    if (!s.context.in_table) return false;
    if (!columns_found_) find_literal_columns(), columns_found_ = true;
    if (literal_.empty() || article_.segments.empty()) return false;
    const Segment* first = article_.segments.data();
    if (&s < first || &s >= first + article_.segments.size()) return false;
    return literal_[static_cast<size_t>(&s - first)];
  }

  const Article& article_;
  std::vector<std::string> dnt_;
  long min_words_;
  std::string locale_;
  bool script_known_ = false;
  mutable bool columns_found_ = false;
  mutable std::vector<bool> literal_;  // per segment, when some are
};

}  // namespace tmlint::untranslated_detail
