#pragma once
// What a segment text says, for the consistency rules to tell two variants
// apart: its content tokens (ICU words, NFKC and case folded), without what
// the text's language uses for grammar only, and the URLs of its links.
// Two variants whose tokens are the same multiset say the same thing: they
// differ only in case, punctuation, spacing, word order or function words.
//
// Every piece of language knowledge comes from the data files
// (lib/locale/data/<lang>.yaml), under the id of the rule that compares:
//   function-words   words dropped: articles, prepositions, auxiliaries,
//                    particles (ICU words, whole)
//   function-characters
//                    characters dropped inside words too (的, which ICU
//                    glues onto its neighbour: "我的", "内的")
//   contractions     "n't=not", "can't=can not": a whole word or an ending
//                    replaced by its words
//   suffixes         "ies=y", "s=": light inflection, first that fits wins,
//                    the stem keeping three letters or more
//   stem-undouble, stem-drop-final-e
//                    "cancelled"/"canceled", "create"/"creating" one stem
//   ordinal-suffixes "th": "17th" is 17
//   synonyms         "select choose": words used for one another
//   number-words     numbers written out ("twelve") are their value (CLDR
//                    spellout through ICU)
// CLDR (through the LocaleProfile) gives the decimal and grouping symbols.
//
// Tokens are byte ranges into the text they were cut from plus a folded key;
// nothing here copies a text it does not need to.
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/bytestream.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "locale/locale_profile.h"
#include "locale/number_words.h"

namespace tmlint::consistency {

// One language's comparison knowledge, read once from its data file.
struct Wording {
  std::unordered_set<std::string> function_words;
  std::unordered_set<std::string> function_characters;  // dropped inside words too
  std::unordered_map<std::string, std::string> whole_contractions;  // "can't" -> "can not"
  std::vector<std::pair<std::string, std::string>> contraction_endings;  // "n't" -> "not"
  std::vector<std::pair<std::string, std::string>> suffixes;
  std::unordered_set<std::string> ordinal_suffixes;
  std::unordered_map<std::string, std::string> synonyms;  // stem -> the first stem of its line
  std::unordered_map<std::string, std::string> number_words;  // "twelve" -> "12"
  bool undouble = false, drop_final_e = false;
  std::string decimal, grouping;
  std::string tag;  // for ICU's word break rules
};

namespace detail {

inline const icu::Normalizer2* nfkc_casefold() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? p : nullptr;
  }();
  return n;
}

inline std::string fold(std::string_view s) {
  const icu::Normalizer2* n = nfkc_casefold();
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii || !n) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    return out;
  }
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  n->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(s);
  // The typographic apostrophe is the ASCII one in every comparison.
  for (size_t at; (at = out.find("\xE2\x80\x99")) != std::string::npos;) out.replace(at, 3, "'");
  return out;
}

inline bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

inline bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// The light stem of a folded word: the first suffix rule whose ending fits
// and leaves two letters or more, one a vowel (a rule may give the word
// back unchanged: "ss=ss" keeps "access" from losing its "s"); then a doubled
// final consonant undoubled and a final "e" dropped, as the data file asks.
inline std::string stem(std::string word, const Wording& w) {
  for (const auto& [suffix, replacement] : w.suffixes) {
    if (!ends_with(word, suffix)) continue;
    std::string base = word.substr(0, word.size() - suffix.size());
    if (base.size() < 2 || std::none_of(base.begin(), base.end(), vowel)) continue;
    word = base + replacement;
    break;
  }
  if (w.undouble && word.size() >= 4) {
    const char c = word.back();
    if (c == word[word.size() - 2] && c >= 'a' && c <= 'z' && !vowel(c)) word.pop_back();
  }
  if (w.drop_final_e && word.size() >= 3 && word.back() == 'e') word.pop_back();
  return word;
}

}  // namespace detail

// The Wording of `rule` in `locale`'s data file.
inline Wording make_wording(const LocaleProfile& locale, std::string_view rule) {
  Wording w;
  w.tag = locale.tag().empty() ? "und" : locale.tag();
  for (const std::string& f : locale.list(rule, "function-words")) w.function_words.insert(detail::fold(f));
  for (const std::string& f : locale.list(rule, "function-characters")) w.function_characters.insert(detail::fold(f));
  for (const std::string& c : locale.list(rule, "contractions")) {
    const size_t eq = c.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    std::string left = detail::fold(c.substr(0, eq)), right = detail::fold(c.substr(eq + 1));
    if (left.front() == '\'' || left.rfind("n'", 0) == 0) w.contraction_endings.emplace_back(left, right);
    else w.whole_contractions.emplace(left, right);
  }
  // The longest ending first: "n't" before "'t".
  std::stable_sort(w.contraction_endings.begin(), w.contraction_endings.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const std::string& s : locale.list(rule, "suffixes")) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) w.suffixes.emplace_back(s, "");
    else w.suffixes.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  w.undouble = locale.flag(rule, "stem-undouble");
  w.drop_final_e = locale.flag(rule, "stem-drop-final-e");
  for (const std::string& s : locale.list(rule, "ordinal-suffixes")) w.ordinal_suffixes.insert(detail::fold(s));
  for (const std::string& line : locale.list(rule, "synonyms")) {
    std::string first;
    size_t i = 0;
    while (i < line.size()) {
      size_t j = line.find(' ', i);
      if (j == std::string::npos) j = line.size();
      if (j > i) {
        std::string s = detail::stem(detail::fold(line.substr(i, j - i)), w);
        if (first.empty()) first = s;
        else w.synonyms.emplace(s, first);
      }
      i = j + 1;
    }
  }
  if (locale.flag(rule, "number-words")) {
    // CLDR's spellout of 0..100 ("twenty-one"), hyphens and spaces removed
    // as the tokens below join them.
    for (int n = 0; n <= 100; ++n) {
      std::string spelled = detail::fold(spell_number(locale, n)), key;
      for (char c : spelled)
        if (c != '-' && c != ' ') key.push_back(c);
      if (!key.empty()) w.number_words.emplace(key, std::to_string(n));
    }
  }
  w.decimal = locale.decimal_separator();
  w.grouping = locale.grouping_separator();
  return w;
}

// One content token: its comparison key and the bytes of the word of the
// text it came from.
struct Token {
  std::string key;
  uint32_t begin = 0, end = 0;
};

// Cuts texts into content tokens with ICU's word break rules; one iterator
// per locale, created on first use. Not thread-safe (the batch phase runs
// on one thread).
class Tokenizer {
 public:
  // The tokens of text[from, to), their offsets into `text`.
  std::vector<Token> tokens(std::string_view text, const Wording& w, size_t from = 0,
                            size_t to = std::string_view::npos) {
    std::vector<Token> out;
    icu::BreakIterator* words = iterator(w.tag);
    if (!words) return out;
    to = std::min(to, text.size());
    from = std::min(from, to);
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data() + from, static_cast<int64_t>(to - from), &status);
    if (U_FAILURE(status)) return out;
    words->setText(ut, status);
    // With UTF-8 UText, boundaries are byte offsets into the piece.
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; start = end, end = words->next())
      if (words->getRuleStatus() != UBRK_WORD_NONE)
        spans.emplace_back(static_cast<uint32_t>(from + start), static_cast<uint32_t>(from + end));
    utext_close(ut);

    // Hyphenated words stay apart ("mid-sized" is "mid" and "sized"): a
    // hyphen between capitalised words is a dash ("Power Platform-Availability").
    for (const auto& [b, e] : spans) add_word(text, b, e, w, out);
    return out;
  }

 private:
  icu::BreakIterator* iterator(const std::string& tag) {
    auto it = iterators_.find(tag);
    if (it == iterators_.end()) {
      UErrorCode status = U_ZERO_ERROR;
      icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
      if (U_FAILURE(status)) locale = icu::Locale::getRoot();
      status = U_ZERO_ERROR;
      std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(locale, status));
      if (U_FAILURE(status)) bi.reset();
      it = iterators_.emplace(tag, std::move(bi)).first;
    }
    return it->second.get();
  }

  // One ICU word (or hyphenated words) as content tokens.
  void add_word(std::string_view text, uint32_t b, uint32_t e, const Wording& w, std::vector<Token>& out) {
    const std::string_view word = text.substr(b, e - b);
    std::string key = detail::fold(word);
    key.erase(std::remove(key.begin(), key.end(), '-'), key.end());
    if (key.empty() || w.function_words.count(key)) return;
    for (const std::string& c : w.function_characters)
      for (size_t at; (at = key.find(c)) != std::string::npos;) key.erase(at, c.size());
    if (key.empty() || w.function_words.count(key)) return;
    if (auto it = w.whole_contractions.find(key); it != w.whole_contractions.end()) {
      split_words(it->second, b, e, w, out);
      return;
    }
    for (const auto& [ending, replacement] : w.contraction_endings) {
      if (key.size() > ending.size() && detail::ends_with(key, ending)) {
        split_words(key.substr(0, key.size() - ending.size()) + " " + replacement, b, e, w, out);
        return;
      }
    }
    // Elision and possessives: "l'abonnement", "dell'account", "customer's"
    // are their parts, each a word (or a function word, dropped).
    if (key.find('\'') != std::string::npos) {
      std::string spaced = key;
      std::replace(spaced.begin(), spaced.end(), '\'', ' ');
      split_words(spaced, b, e, w, out);
      return;
    }
    add_key(std::move(key), b, e, w, out);
  }

  void split_words(const std::string& words, uint32_t b, uint32_t e, const Wording& w, std::vector<Token>& out) {
    size_t i = 0;
    while (i < words.size()) {
      size_t j = words.find(' ', i);
      if (j == std::string::npos) j = words.size();
      if (j > i) {
        std::string k = words.substr(i, j - i);
        if (!w.function_words.count(k)) add_key(std::move(k), b, e, w, out);
      }
      i = j + 1;
    }
  }

  // A folded key: letters and digits glued together are separate tokens
  // ("USD12" is "usd" and "12", "17th" 17 with its ordinal ending dropped),
  // a number its value, a word its stem or synonym.
  void add_key(std::string key, uint32_t b, uint32_t e, const Wording& w, std::vector<Token>& out) {
    std::vector<std::pair<std::string, bool>> parts;  // (text, is number)
    const auto* p = reinterpret_cast<const uint8_t*>(key.data());
    const auto len = static_cast<int32_t>(key.size());
    for (int32_t i = 0; i < len;) {
      const int32_t at = i;
      UChar32 c;
      U8_NEXT(p, i, len, c);
      const bool digit = c >= 0 && u_isdigit(c);
      const bool number_mark = !digit && !parts.empty() && parts.back().second && i < len && key[i] >= '0' &&
                               key[i] <= '9' && (key.compare(at, i - at, w.decimal) == 0 || key.compare(at, i - at, w.grouping) == 0 ||
                                c == ',' || c == '.');
      if (number_mark) {
        if (key.compare(at, i - at, w.decimal) == 0) parts.back().first += '.';
        continue;  // grouping: dropped, so "1,000" is "1000"
      }
      if (parts.empty() || parts.back().second != digit) parts.emplace_back(std::string(), digit);
      parts.back().first.append(key, at, i - at);
    }
    for (size_t i = 0; i < parts.size(); ++i) {
      auto& [part, number] = parts[i];
      if (!number) {
        if (i > 0 && parts[i - 1].second && w.ordinal_suffixes.count(part)) continue;
        if (w.function_words.count(part)) continue;
        if (auto it = w.number_words.find(part); it != w.number_words.end()) {
          out.push_back({it->second, b, e});
          continue;
        }
        std::string s = detail::stem(std::move(part), w);
        if (auto it = w.synonyms.find(s); it != w.synonyms.end()) s = it->second;
        if (w.function_words.count(s)) continue;
        out.push_back({std::move(s), b, e});
      } else {
        out.push_back({std::move(part), b, e});
      }
    }
  }

  std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators_;
};

// How many bytes all of `texts` share at their start and at their end,
// each cut back to a separator (white space or punctuation: the last
// shared byte before the middle ends a word, the first after it starts
// one), so that the words of each middle are the words that make the
// texts differ: ICU cuts words inside runs of letters, never across a
// separator. Cutting only the middles saves most of the dictionary work
// of Chinese and Japanese, whose variants mostly differ in a word or two.
inline std::pair<size_t, size_t> shared_ends(const std::vector<std::string_view>& texts) {
  if (texts.empty()) return {0, 0};
  size_t shortest = texts[0].size();
  for (std::string_view t : texts) shortest = std::min(shortest, t.size());
  size_t pre = 0;
  while (pre < shortest && std::all_of(texts.begin(), texts.end(), [&](std::string_view t) { return t[pre] == texts[0][pre]; }))
    ++pre;
  size_t suf = 0;
  while (suf < shortest - pre && std::all_of(texts.begin(), texts.end(), [&](std::string_view t) {
           return t[t.size() - 1 - suf] == texts[0][texts[0].size() - 1 - suf];
         }))
    ++suf;
  auto separator = [](std::string_view t, size_t at) {  // the code point starting at `at`
    UChar32 c;
    int32_t i = static_cast<int32_t>(at);
    U8_NEXT(reinterpret_cast<const uint8_t*>(t.data()), i, static_cast<int32_t>(t.size()), c);
    return c >= 0 && (u_isUWhiteSpace(c) || u_ispunct(c));
  };
  auto lead = [](std::string_view t, size_t at) { return at == t.size() || (static_cast<unsigned char>(t[at]) & 0xC0) != 0x80; };
  const std::string_view t = texts[0];
  // The prefix ends on a code point boundary ("、" and "す" share their
  // first byte), just after a separator.
  while (pre > 0 && !lead(t, pre)) --pre;
  while (pre > 0) {
    size_t b = pre - 1;
    while (b > 0 && !lead(t, b)) --b;
    if (separator(t, b)) break;
    pre = b;
  }
  // The suffix starts at a separator.
  while (suf > 0) {
    const size_t at = t.size() - suf;
    if (lead(t, at) && separator(t, at)) break;
    --suf;
  }
  return {pre, suf};
}

// The comparison form of a token list: the keys sorted (word order does
// not count), then the URLs sorted, separated by bytes no text has.
inline std::string signature(const std::vector<Token>& tokens, const std::vector<std::string_view>& urls) {
  std::vector<std::string_view> keys;
  keys.reserve(tokens.size());
  for (const Token& t : tokens) keys.push_back(t.key);
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (std::string_view k : keys) (out += k) += '\x1F';
  out += '\x1E';
  std::vector<std::string_view> sorted(urls.begin(), urls.end());
  std::sort(sorted.begin(), sorted.end());
  for (std::string_view u : sorted) (out += u) += '\x1F';
  return out;
}

// The tokens of `a` (cut from `text_a`) that `b` lacks, as multisets: their
// indexes in `a`. Where a key occurs more than once, the occurrences whose
// whole word `b` also has are matched first, so "帐单平台中订单" against
// "订单在计费平台" lacks the 单 of 帐单, not the one of 订单.
inline std::vector<size_t> only_in(const std::vector<Token>& a, std::string_view text_a, const std::vector<Token>& b,
                                   std::string_view text_b) {
  std::unordered_map<std::string_view, int> have;
  std::unordered_set<std::string_view> words_b;
  for (const Token& t : b) {
    ++have[t.key];
    words_b.insert(text_b.substr(t.begin, t.end - t.begin));
  }
  std::vector<bool> matched(a.size(), false);
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < a.size(); ++i) {
      if (matched[i] || (pass == 0 && !words_b.count(text_a.substr(a[i].begin, a[i].end - a[i].begin)))) continue;
      auto it = have.find(a[i].key);
      if (it != have.end() && it->second > 0) {
        --it->second;
        matched[i] = true;
      }
    }
  std::vector<size_t> out;
  for (size_t i = 0; i < a.size(); ++i)
    if (!matched[i]) out.push_back(i);
  return out;
}

// The differing tokens as the text writes them: each run once, neighbours
// in the text (a short gap without punctuation between them) joined into
// one run, a substring of the text that can be searched for.
inline std::vector<std::string> spans_of(std::string_view text, const std::vector<Token>& tokens,
                                         const std::vector<size_t>& which) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  for (size_t i : which) ranges.emplace_back(tokens[i].begin, tokens[i].end);
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty()) {
      auto& last = merged.back();
      if (r.first <= last.second) {
        last.second = std::max(last.second, r.second);
        continue;
      }
      // A short gap (a space, a particle, "de") is shown with its
      // neighbours: "予期されること", not "予期 れること".
      const std::string_view gap = text.substr(last.second, r.first - last.second);
      if (gap.size() <= 7 && gap.find_first_of(",.;:!?()[]\"") == std::string_view::npos &&
          gap.find("\xE3\x80\x81") == std::string_view::npos && gap.find("\xE3\x80\x82") == std::string_view::npos &&
          gap.find("\xEF\xBC\x8C") == std::string_view::npos) {
        last.second = r.second;
        continue;
      }
    }
    merged.push_back(r);
  }
  std::vector<std::string> out;
  for (const auto& [b, e] : merged) {
    std::string word(text.substr(b, e - b));
    if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
  }
  return out;
}

}  // namespace tmlint::consistency
