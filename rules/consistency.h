#pragma once
// What inconsistent-translation and inconsistent-source share: group every
// segment of the batch by one side's text (the key) and report the groups
// whose other side (the variant) says different things.
//
//   key     the article's locale and segment_form (visible text, inline
//           code kept, NFC, spaces collapsed), case-folded with
//           `ignore-case: true`, and the URLs
//           of that side's links: two texts whose links go to different
//           places are not the same text;
//   variant told apart by what it says (content_words.h): its content
//           words, numbers and codes, folded and without the function
//           words of its language (the target's data file for
//           inconsistent-translation, en.yaml for inconsistent-source),
//           as a multiset, and the URLs of its links. Variants that
//           differ only in case, width, spacing, punctuation, function
//           words, light inflection (English sources) or word order are
//           one variant (`loose-variants: false` tells them apart by
//           segment_form instead).
//
// Segments are left out when they cannot say anything about consistency:
// no source, an empty target, a target equal to its source (untranslated),
// or a source with fewer than `min-words` English words outside code (single
// words and labels are translated by context: a heading "Overview" and a
// table cell "Overview" may rightly differ).
//
// Memory is 12 bytes per segment that counts, one entry per distinct key
// and one per distinct (key, variant) pair of the keys seen twice or more,
// each holding at most `max-locations` locations; words are cut only for
// the first text of each exact variant of a key that has two (a few
// thousand texts in a batch of 30,000 segments), and kept as byte offsets
// into the cached forms. Time is linear in the segments (hashing). One
// finding per group with two variants or more, at the first occurrence of
// a variant other than the most frequent one, in an article the rule is
// enabled for, its column at the first word that differs; the message says
// which words differ, verbatim, and lists the variants, most frequent first
// (ties: first seen first), each with its count and first locations. It
// does not say which variant is right: the counts are the evidence.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/unistr.h>

#include "content_words.h"
#include "segment_facts.h"
#include "engine/rule.h"
#include "text/normal_forms.h"
#include "text/visible_text.h"

namespace tmlint::consistency {

enum class Key { Source, Target };

struct Place {
  uint32_t article = 0;  // index into BatchContext::articles
  uint32_t segment = 0;  // the entry's offset in the article's facts: entries are in segment order
  bool operator<(const Place& o) const { return article != o.article ? article < o.article : segment < o.segment; }
  bool operator==(const Place& o) const { return article == o.article && segment == o.segment; }
};

struct Variant {
  size_t count = 0;
  std::vector<Place> places;  // the first max-locations
  bool has_enabled = false;
  Place first_enabled;        // first occurrence in an article the rule is enabled for
  std::vector<Token> tokens;  // of the text at places.front(), once compared
};

struct Group {
  std::vector<Variant> variants;  // each with its first place: texts for messages are read there
};

inline std::string fold_case(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A variant for a message: around where it first differs from `other`, so
// two long sentences that differ near their end show the difference.
inline std::string shown_variant(std::string_view text, std::string_view other) {
  constexpr size_t kMax = 120, kContext = 24;
  size_t common = 0;
  while (common < text.size() && common < other.size() && text[common] == other[common]) ++common;
  size_t from = common > kContext ? common - kContext : 0;
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  if (text.size() <= kMax) from = 0;
  std::string shown = excerpt(std::string_view(text).substr(from), kMax);
  return from > 0 ? "..." + shown : shown;
}

// A target that is its source once spacing, width, case and punctuation
// are ignored ("Asia Pacific、Europe" for "Asia Pacific, Europe"): the
// loose forms are only compared when the ASCII letters and digits agree.
inline bool untranslated(std::string_view source, std::string_view target) {
  if (source == target) return true;
  // The ASCII letters and digits, case folded, compared in place.
  static const auto fold = [] {  // each byte's folded letter or digit, else 0
    std::array<char, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = static_cast<char>(c);
    for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
    return t;
  }();
  auto next = [](std::string_view s, size_t& i) -> char {
    for (; i < s.size(); ++i)
      if (const char c = fold[static_cast<unsigned char>(s[i])]) {
        ++i;
        return c;
      }
    return 0;
  };
  size_t i = 0, j = 0;
  for (;;) {
    const char a = next(source, i), b = next(target, j);
    if (a != b) return false;
    if (a == 0) break;
  }
  return loose_form(source) == loose_form(target);
}

// The number of English words of the text (runs of ASCII letters not glued
// to digits, '_', '.', '-' or '/', as english_words counts them), counting
// no further than `cap`.
inline long count_words(std::string_view text, long cap) {
  if (cap <= 0) return 0;
  // Byte classes, once: 1 an ASCII letter, 2 a digit or '_', 4 '.', 8 '-' or '/'.
  static const auto kind = [] {
    std::array<uint8_t, 256> k{};
    for (int c = 'a'; c <= 'z'; ++c) k[c] = k[c - 'a' + 'A'] = 1;
    for (int c = '0'; c <= '9'; ++c) k[c] = 2;
    k['_'] = 2;
    k['.'] = 4;
    k['-'] = k['/'] = 8;
    return k;
  }();
  auto at = [&](size_t i) { return kind[static_cast<unsigned char>(text[i])]; };
  long n = 0;
  for (size_t i = 0; i < text.size();) {
    if (at(i) != 1) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < text.size() && (at(i) == 1 || (text[i] == '\'' && i + 1 < text.size() && at(i + 1) == 1))) ++i;
    const bool glued_before = b > 0 && at(b - 1) > 1;
    const bool glued_after = i < text.size() && (at(i) == 2 || (text[i] == '.' && i + 1 < text.size() && at(i + 1) == 1));
    if (!glued_before && !glued_after && ++n >= cap) return n;
  }
  return n;
}

// The facts of both rules (one facts group), per article: one entry per
// segment that can count, in segment order. What every entry of the batch
// is read for (pass 1 of check) comes first and is fixed; the rest, read
// only for the segments whose key occurs twice or more, is one string:
//
//   u64 segment index, u64 English words of the visible source (at most
//   kWordCap), u64 flags (below), fixed64 text_hash of the target's and of
//   the source's segment_form (0: the form is empty), then a string of:
//   str segment id, u64 line; per side (target, source) str raw text
//   (capped) and loc where it begins; per side its form when the raw text
//   was capped (kForm), the decoded text when entities changed it
//   (kDecoded); the link URLs of each side when it has links (kUrls).
//
// The forms themselves are not kept: they are segment_form of the raw
// texts, computed again in the batch for the few texts a message or a
// variant comparison reads (a few thousand in a batch of 30,000 segments).
// Kept: every segment with a source, a target, and a letter or digit in its
// source; left out: those whose target form is empty or untranslated (a
// target that is its source), which neither rule counts. min-words is the
// batch's to apply (the word count is kept): the facts do not depend on
// options.
constexpr uint32_t kWordCap = 64;  // min-words beyond this counts as this

// An entry's flags.
constexpr uint32_t kLetterOrDigit = 1;  // in the raw source, outside code
constexpr uint32_t kForm = 2;           // << side: the form is stored (the raw text was capped)
constexpr uint32_t kDecoded = 8;        // << side: the decoded text is stored
constexpr uint32_t kUrls = 32;          // the URL lists are stored

// `side` arrays are indexed by Side (Target 0, Source 1).
inline int side_index(Side s) { return s == Side::Source ? 1 : 0; }

// An entry's fixed part: what pass 1 reads of every entry.
struct Head {
  uint32_t offset = 0;  // of the entry in its article's facts
  uint32_t words = 0;
  uint32_t flags = 0;
  uint64_t hash[2] = {0, 0};  // text_hash of each side's form, 0 when empty
};

// One segment as both consistency rules see it, read back as views into
// the facts.
struct Entry {
  Head head;
  std::string_view id;
  uint32_t line = 0;              // of the segment
  std::string_view raw[2];        // the raw text, capped
  Location at[2];                 // where each raw text begins
  std::string_view stored_form[2];  // when kForm << side
  std::string_view decoded[2];    // entities decoded (the raw text when there is none), capped
  std::string_view urls[2];       // that side's link URLs, each followed by '\x1F', in link order
};

// The hash of a form as facts keep it: 0 only for the empty form.
inline uint64_t form_hash(std::string_view form) {
  if (form.empty()) return 0;
  const uint64_t h = facts::text_hash(form);
  return h == 0 ? 1 : h;
}

inline void collect(const ArticleContext& ctx, FactWriter& out) {
  const Article& a = ctx.article;
  std::string urls[2], rest;
  size_t link = 0;
  // Links by segment: Article::links is in file order, as segments are.
  std::vector<std::pair<int32_t, uint32_t>> by_segment;
  for (uint32_t i = 0; i < a.links.size(); ++i)
    if (a.links[i].segment >= 0) by_segment.emplace_back(a.links[i].segment, i);
  std::sort(by_segment.begin(), by_segment.end());
  for (size_t si = 0; si < a.segments.size(); ++si) {
    const Segment& s = a.segments[si];
    while (link < by_segment.size() && by_segment[link].first < static_cast<int32_t>(si)) ++link;
    if (!s.has_source || s.target.raw.empty()) continue;
    const std::string& visible = ctx.text.visible(si, Side::Source);
    const uint32_t words = static_cast<uint32_t>(count_words(visible, kWordCap));
    // Without inline code, the visible text is what has_letter_or_digit reads.
    const bool letter_or_digit = s.source.raw.find('`') == std::string_view::npos
                                     ? has_letter_or_digit_visible(visible)
                                     : has_letter_or_digit(s.source.raw);
    if (words == 0 && !letter_or_digit) continue;
    const std::string& target_form = ctx.text.form(si, Side::Target);
    const std::string& source_form = ctx.text.form(si, Side::Source);
    if (target_form.empty() || untranslated(source_form, target_form)) continue;
    urls[0].clear();
    urls[1].clear();
    for (size_t k = link; k < by_segment.size() && by_segment[k].first == static_cast<int32_t>(si); ++k) {
      const Link& l = a.links[by_segment[k].second];
      if (l.place == LinkPlace::Target) (urls[0] += l.target) += '\x1F';
      if (l.place == LinkPlace::Source) (urls[1] += l.target) += '\x1F';
    }
    const SegmentText* texts[2] = {&s.target, &s.source};
    const std::string* forms[2] = {&target_form, &source_form};
    uint32_t flags = letter_or_digit ? kLetterOrDigit : 0;
    rest.clear();
    FactWriter r(rest);
    r.str(s.id);
    r.u64(s.location.line);
    for (int side = 0; side < 2; ++side) {
      r.str(facts::capped(texts[side]->raw));
      r.loc(texts[side]->location);
    }
    for (int side = 0; side < 2; ++side) {
      const SegmentText& t = *texts[side];
      if (facts::capped(t.raw).size() < t.raw.size()) {
        flags |= kForm << side;
        r.str(*forms[side]);
      }
      // Entities decoded, only where decoding changed something (rare): a
      // message's excerpt is cut in the batch, for the few texts it shows.
      if (t.has_decoded && !facts::capped(t.decoded()).empty()) {
        flags |= kDecoded << side;
        r.str(facts::capped(t.decoded()));
      }
    }
    if (!urls[0].empty() || !urls[1].empty()) {
      flags |= kUrls;
      r.str(urls[0]);
      r.str(urls[1]);
    }
    out.u64(si);
    out.u64(words);
    out.u64(flags);
    out.fixed64(form_hash(target_form));
    out.fixed64(form_hash(source_form));
    out.str(rest);
  }
}

// The fixed part of the entry at the reader, which is left at its rest.
inline Head read_head(FactReader& in, uint32_t offset) {
  Head h;
  h.offset = offset;
  in.u64();  // the segment index: messages name the segment by id and line
  h.words = in.u32();
  h.flags = in.u32();
  h.hash[0] = in.fixed64();
  h.hash[1] = in.fixed64();
  return h;
}

// The whole entry at `offset` of an article's facts.
inline Entry read_entry(std::string_view bytes, uint32_t offset) {
  if (offset > bytes.size()) throw BadFacts("consistency facts: an entry beyond the end");
  FactReader in(bytes.substr(offset));
  Entry e;
  e.head = read_head(in, offset);
  FactReader r(in.str());
  e.id = r.str();
  e.line = r.u32();
  for (int side = 0; side < 2; ++side) {
    e.raw[side] = r.str();
    e.at[side] = r.loc();
  }
  for (int side = 0; side < 2; ++side) {
    if (e.head.flags & (kForm << side)) e.stored_form[side] = r.str();
    e.decoded[side] = e.head.flags & (kDecoded << side) ? r.str() : e.raw[side];
  }
  if (e.head.flags & kUrls) {
    e.urls[0] = r.str();
    e.urls[1] = r.str();
  }
  return e;
}

// The form of one side of an entry: stored when its raw text was capped,
// else segment_form of the raw text as SegmentTextCache::form computes it.
inline std::string form_of(const Entry& e, Side side) {
  const int k = side_index(side);
  if (e.head.flags & (kForm << k)) return std::string(e.stored_form[k]);
  return form_of_markdown(e.raw[k]);
}
// The location `text` ends at, when it begins at `from`: lines counted,
// columns in code points (an invalid byte counts as one, as LineIndex does).
inline Location advance(Location from, std::string_view text) {
  Location to = from;
  to.offset += static_cast<uint32_t>(text.size());
  for (char c : text) {
    if (c == '\n') {
      ++to.line;
      to.column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++to.column;
    }
  }
  return to;
}

// The URLs of a '\x1F'-terminated list.
inline std::vector<std::string_view> split_urls(std::string_view list) {
  std::vector<std::string_view> out;
  for (size_t at = 0; at < list.size();) {
    const size_t end = list.find('\x1F', at);
    out.push_back(list.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// Two hashes as one (boost's hash_combine, 64-bit).
inline uint64_t mix(uint64_t seed, uint64_t h) {
  return seed ^ (h + 0x9E3779B97F4A7C15ull + (seed << 6) + (seed >> 2));
}

inline std::string joined(std::vector<std::string_view> items) {
  std::sort(items.begin(), items.end());
  std::string out;
  for (std::string_view s : items) (out += s) += '\x1F';
  return out;
}

// Whether the word at `at` starts with a capital letter.
inline bool capitalised(std::string_view form, size_t at) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(at);
  U8_NEXT(reinterpret_cast<const uint8_t*>(form.data()), i, static_cast<int32_t>(form.size()), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// Whether the capitalised word at `at` is capitalised because it begins
// the sentence, alone or in a run of capitalised words ("Log Analytics
// Contributor can read ..."): a subject a translation may move or drop.
inline bool begins_sentence(std::string_view form, size_t at) {
  size_t k = at;
  for (;;) {
    while (k > 0) {  // spaces and opening marks
      const char c = form[k - 1];
      if (c == ' ' || c == '"' || c == '\'' || c == '(' || c == '[' || c == '*') {
        --k;
      } else if (k >= 3 && (form.substr(k - 3, 3) == "\xE2\x80\x9C" || form.substr(k - 3, 3) == "\xE2\x80\x98")) {
        k -= 3;  // “ ‘
      } else {
        break;
      }
    }
    if (k == 0 || std::string_view(".!?:;").find(form[k - 1]) != std::string_view::npos) return true;
    // The word before: part of the same capitalised run, or not.
    size_t b = k;
    while (b > 0 && form[b - 1] != ' ') --b;
    const std::string_view word = form.substr(b, k - b);
    const bool plain = std::all_of(word.begin(), word.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9');
    });
    if (!plain || !capitalised(form, b)) return false;
    k = b;
  }
}

// Whether a differing source word is one a translation cannot have
// absorbed: a number, a word of inline code, or a capitalised word inside
// the sentence (a UI label, a product or program name: "the **Letters**
// box" and "the **Awards** box"). Lower-case content words differ between
// rewordings of one sentence ("when you're finished" / "when you're done")
// that one translation serves well, so inconsistent-source leaves them to
// `differences: substitutions` and `differences: all`.
inline bool marked_word(std::string_view form, const Token& t) {
  if (!t.key.empty() && t.key[0] >= '0' && t.key[0] <= '9') return true;
  if (std::count(form.begin(), form.begin() + t.begin, '`') % 2 == 1) return true;
  return capitalised(form, t.begin) && !begins_sentence(form, t.begin);
}

// Acronyms and their expansions ("Cloud Solution Provider (CSP)", "FAQs"
// for "frequently asked questions"): a source that spells one out and a
// source that does not say the same, so these words are not marked. Returns,
// per token of `a`, whether it is an acronym spelled out in `a` or `b`, or
// a word of such an expansion.
inline std::vector<bool> acronym_words(std::string_view form_a, const std::vector<Token>& a,
                                       std::string_view form_b, const std::vector<Token>& b) {
  auto acronym = [](std::string_view form, const Token& t) -> std::string {
    std::string_view w = form.substr(t.begin, t.end - t.begin);
    if (w.size() > 2 && w.back() == 's') w.remove_suffix(1);  // "FAQs", "MPAs"
    if (w.size() < 2 || w.size() > 8) return {};
    std::string out;
    for (char c : w) {
      if (c < 'A' || c > 'Z') return {};
      out.push_back(static_cast<char>(c | 0x20));
    }
    return out;
  };
  std::vector<std::string> acronyms;
  for (const Token& t : a)
    if (std::string x = acronym(form_a, t); !x.empty()) acronyms.push_back(x);
  for (const Token& t : b)
    if (std::string x = acronym(form_b, t); !x.empty()) acronyms.push_back(x);
  std::vector<bool> out(a.size(), false);
  std::vector<std::string> spelled;  // the acronyms spelled out somewhere
  auto expand = [&](const std::vector<Token>& tokens, std::vector<bool>* mark) {
    for (const std::string& x : acronyms)
      for (size_t i = 0; i + x.size() <= tokens.size(); ++i) {
        size_t j = 0;
        while (j < x.size() && !tokens[i + j].key.empty() && tokens[i + j].key[0] == x[j]) ++j;
        if (j < x.size()) continue;
        spelled.push_back(x);
        if (mark)
          for (j = 0; j < x.size(); ++j) (*mark)[i + j] = true;
      }
  };
  expand(a, &out);
  expand(b, nullptr);
  for (size_t i = 0; i < a.size(); ++i)
    if (std::string x = acronym(form_a, a[i]); !x.empty() && std::find(spelled.begin(), spelled.end(), x) != spelled.end())
      out[i] = true;
  return out;
}

// Whether `needle` (folded) occurs in `hay` (folded) not inside a longer
// ASCII word or number: "CSP" in "云解决方案提供商 (CSP) 计划".
inline bool occurs_in(std::string_view hay, std::string_view needle) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (size_t at = hay.find(needle); !needle.empty() && at != std::string_view::npos; at = hay.find(needle, at + 1)) {
    const bool before = at > 0 && alnum(hay[at - 1]) && alnum(needle.front());
    const bool after = at + needle.size() < hay.size() && alnum(hay[at + needle.size()]) && alnum(needle.back());
    if (!before && !after) return true;
  }
  return false;
}

// One source variant as inconsistent-source weighs it.
struct SourceText {
  std::string_view form;
  const std::vector<Token>& tokens;
  std::vector<std::string_view> urls;
};

// Whether two sources that share one translation differ in substance, so
// that the translation cannot be right for both: a link goes elsewhere; one
// has a marked word (marked_word) the other lacks and the translation does
// not keep verbatim either (a target that keeps "(CSP)" renders the source
// that has it and adds the acronym to the other, which is harmless). With
// `substitutions`, also when they differ in exactly one word each, often a
// source changed on purpose ("This offer is ..." / "This plan is ...",
// "Geographical country location" / "... city location") but as often a
// synonym ("to learn more" / "for more information"), unless the
// translation keeps both words.
inline bool sources_differ(std::string_view target, const SourceText& a, const SourceText& b, bool substitutions) {
  for (const auto& [x, y] : {std::pair(&a, &b), std::pair(&b, &a)})
    for (std::string_view u : x->urls)
      if (std::find(y->urls.begin(), y->urls.end(), u) == y->urls.end()) return true;
  auto own = [&](const SourceText& x, const SourceText& y) {
    const std::vector<bool> acronymic = acronym_words(x.form, x.tokens, y.form, y.tokens);
    std::vector<size_t> out;
    for (size_t k : only_in(x.tokens, x.form, y.tokens, y.form))
      if (!acronymic[k]) out.push_back(k);
    return out;
  };
  auto kept = [&](const SourceText& x, size_t k) {
    const Token& t = x.tokens[k];
    const bool number = t.key[0] >= '0' && t.key[0] <= '9';
    return occurs_in(target, number ? t.key : detail::fold(x.form.substr(t.begin, t.end - t.begin)));
  };
  const std::vector<size_t> own_a = own(a, b), own_b = own(b, a);
  for (const auto& [x, ks] : {std::pair(&a, &own_a), std::pair(&b, &own_b)})
    for (size_t k : *ks)
      if (marked_word(x->form, x->tokens[k]) && !kept(*x, k)) return true;
  return substitutions && own_a.size() == 1 && own_b.size() == 1 && !(kept(a, own_a[0]) && kept(b, own_b[0]));
}

inline void check(const BatchContext& ctx, Key key_side) {
  // Grouping is one decision for the batch: the options of the first article
  // the rule is enabled for.
  size_t first = ctx.articles.size();
  for (size_t i = 0; i < ctx.articles.size(); ++i)
    if (ctx.enabled_for(i)) {
      first = i;
      break;
    }
  if (first == ctx.articles.size()) return;
  const RuleOptions& options = ctx.options_for(first);
  const long min_words = options.get_int("min-words", 3);
  const bool ignore_case = options.get_bool("ignore-case", false);
  const bool loose_variants = options.get_bool("loose-variants", true);
  // inconsistent-source: which differences between sources are reported.
  const std::string differences = options.get_string("differences").value_or("marked");
  const size_t max_places = static_cast<size_t>(std::clamp(options.get_int("max-locations", 3), 1L, 100L));
  constexpr size_t kMaxVariantsShown = 5;

  const Side key_text = key_side == Key::Target ? Side::Target : Side::Source;
  const Side variant_text = key_side == Key::Target ? Side::Source : Side::Target;
  // The data files' knowledge is read under the rule's id, in the language
  // of the variants: the target's for inconsistent-translation, English
  // (the source language of every Docs handoff) for inconsistent-source.
  const std::string_view rule_id = key_side == Key::Source ? "inconsistent-translation" : "inconsistent-source";

  // The facts of article i, and its entries read back where needed.
  std::vector<std::string_view> group_bytes(ctx.articles.size());
  for (size_t i = 0; i < ctx.articles.size(); ++i) group_bytes[i] = ctx.articles[i]->group(ctx.group);
  auto bytes_of = [&](uint32_t article) { return group_bytes[article]; };
  auto entry = [&](const Place& p) { return read_entry(bytes_of(p.article), p.segment); };
  // The forms of the texts that are compared or shown, computed once each
  // from the raw texts (see collect).
  std::unordered_map<uint64_t, std::string> forms;
  auto form_at = [&](const Place& p, Side side) -> const std::string& {
    const uint64_t k = (static_cast<uint64_t>(p.article) << 32 | p.segment) * 2 + side_index(side);
    auto it = forms.find(k);
    if (it == forms.end()) it = forms.emplace(k, form_of(entry(p), side)).first;
    return it->second;
  };

  // Pass 1: every segment that can count, grouped by the 64-bit hash of its
  // key, its locale's with its form's (the facts keep the forms' hashes, not
  // the forms). Most keys occur once (60% of the segments of a real batch),
  // so only the segments of keys seen twice or more are read further. A hash
  // collision of two keys (odds about 1 in 10^8 for a batch of a million
  // segments) would make two texts one key.
  struct Candidate {
    Place place;  // segment: the entry's offset in the article's facts (entries are in segment order)
    uint32_t group = 0;    // the index of the group's first candidate
    uint32_t members = 0;  // in the group
  };
  std::vector<Candidate> candidates;
  std::vector<std::pair<uint64_t, uint32_t>> keys;  // key hash, candidate
  const long word_floor = std::min<long>(min_words, kWordCap);
  const int key_index = side_index(key_text), variant_index = side_index(variant_text);
  for (uint32_t ai = 0; ai < ctx.articles.size(); ++ai) {
    // Translations into different languages are never variants of each
    // other: the key is the article's locale with the text.
    const uint64_t locale = facts::text_hash(ctx.articles[ai]->locale);
    const std::string_view bytes = bytes_of(ai);
    FactReader r(bytes);
    while (!r.done()) {
      const Head h = read_head(r, static_cast<uint32_t>(bytes.size() - r.remaining()));
      r.str();  // the rest
      if (min_words <= 0 ? !(h.flags & kLetterOrDigit) : h.words < word_floor) continue;
      uint64_t key = h.hash[key_index];
      if (key == 0) continue;  // an empty form
      if (key_side == Key::Source && ignore_case) key = facts::text_hash(fold_case(form_of(read_entry(bytes, h.offset), key_text)));
      keys.emplace_back(mix(locale, key), static_cast<uint32_t>(candidates.size()));
      candidates.push_back({{ai, h.offset}, 0, 0});
    }
  }
  // Groups by sorting, not hashing into a map: a group is its first
  // candidate, so the order of first occurrence is kept. A group without a
  // member in an article the rule reports in reports nothing (pass 3 needs
  // an enabled variant), so pass 2 skips it as if it had one member: a
  // pre-commit run (--context) weighs only the named files' groups, not
  // every group of the tree.
  std::sort(keys.begin(), keys.end());
  for (size_t b = 0, e = 0; b < keys.size(); b = e) {
    bool reported = false;
    for (; e < keys.size() && keys[e].first == keys[b].first; ++e)
      if (!reported) reported = ctx.enabled_for(candidates[keys[e].second].place.article);
    const uint32_t members = reported ? static_cast<uint32_t>(e - b) : 1;
    for (size_t k = b; k < e; ++k) candidates[keys[k].second] = {candidates[keys[k].second].place, keys[b].second, members};
  }
  std::vector<std::pair<uint64_t, uint32_t>>().swap(keys);

  // Pass 2: the keys seen twice or more, split by the URLs of the key side
  // (the same words linking elsewhere are another text), and their variants
  // told apart exactly here (the hash of the form, and the URLs) and merged
  // by what they say below (only for groups that have two exact variants,
  // which are few). A hash collision of two variants (odds about 1 in 10^10
  // for a batch of 100,000 segments) could only hide a difference.
  auto urls_hash = [](std::string_view list) -> uint64_t {
    return list.empty() ? 0 : facts::text_hash(joined(split_urls(list)));
  };
  std::vector<Group> groups;
  {
    std::unordered_map<uint64_t, uint32_t> subgroup_of;  // group and key URLs -> index in groups
    std::unordered_map<uint64_t, uint32_t> variant_of;   // subgroup and exact variant -> index in its group
    for (const Candidate& c : candidates) {
      if (c.members < 2) continue;
      // The head, and the URLs only when there are some (rare).
      Entry e;
      {
        const std::string_view bytes = bytes_of(c.place.article);
        FactReader r(bytes.substr(c.place.segment));
        e.head = read_head(r, c.place.segment);
        if (e.head.flags & kUrls) e = read_entry(bytes, c.place.segment);
      }
      const uint64_t gkey = mix(c.group, urls_hash(e.urls[key_index]));
      auto [git, gnew] = subgroup_of.try_emplace(gkey, static_cast<uint32_t>(groups.size()));
      if (gnew) groups.emplace_back();
      const uint32_t gi = git->second;
      const uint64_t vkey = mix(mix(gi, e.head.hash[variant_index]), urls_hash(e.urls[variant_index]));
      Group& g = groups[gi];
      auto [vit, vnew] = variant_of.try_emplace(vkey, static_cast<uint32_t>(g.variants.size()));
      if (vnew) g.variants.emplace_back();
      Variant& v = g.variants[vit->second];
      ++v.count;
      if (v.places.size() < max_places) v.places.push_back(c.place);
      if (!v.has_enabled && ctx.enabled_for(c.place.article)) {
        v.has_enabled = true;
        v.first_enabled = c.place;
      }
    }
  }
  std::vector<Candidate>().swap(candidates);

  // One variant from two: counts added, the first places kept.
  auto merge = [&](Variant& into, Variant& from) {
    into.count += from.count;
    std::vector<Place> places;
    std::merge(into.places.begin(), into.places.end(), from.places.begin(), from.places.end(),
               std::back_inserter(places));
    if (places.size() > max_places) places.resize(max_places);
    into.places = std::move(places);
    if (from.has_enabled && (!into.has_enabled || from.first_enabled < into.first_enabled)) {
      into.has_enabled = true;
      into.first_enabled = from.first_enabled;
    }
  };

  Tokenizer tokenizer;
  std::map<const LocaleProfile*, Wording> wordings;
  const LocaleProfile& english = locale_profile("en");
  auto wording_at = [&](const Place& p) -> const Wording& {
    const LocaleProfile& locale = key_side == Key::Source ? locale_profile(ctx.articles[p.article]->locale) : english;
    auto it = wordings.find(&locale);
    if (it == wordings.end()) it = wordings.emplace(&locale, make_wording(locale, rule_id)).first;
    return it->second;
  };
  auto variant_form = [&](const Place& p) -> std::string_view { return form_at(p, variant_text); };
  auto variant_urls = [&](const Place& p) { return split_urls(entry(p).urls[variant_index]); };
  // Variants were added in order of first occurrence; merging into the
  // first of each equal form keeps that order.
  auto merge_by = [&](std::vector<Variant>& variants, auto&& form_of) {
    std::vector<Variant> merged;
    std::unordered_map<std::string, size_t> by_form;
    for (Variant& v : variants) {
      auto [it, added] = by_form.try_emplace(form_of(v), merged.size());
      if (added) merged.push_back(std::move(v));
      else merge(merged[it->second], v);
    }
    variants = std::move(merged);
  };

  const std::string_view key_name = key_side == Key::Source ? "source" : "target";
  const std::string_view variant_name = key_side == Key::Source ? "translations" : "sources";
  // The texts as first written (entities decoded), for messages.
  auto text_at = [&](const Place& p, bool key) {
    const bool source = (key_side == Key::Source) == key;
    return excerpt(entry(p).decoded[source ? 1 : 0], 400);
  };
  for (Group& g : groups) {
    if (g.variants.size() < 2) continue;
    if (loose_variants) {
      // Spacing, width, case and punctuation first (cheap, and the only
      // merge for a language whose words ICU cannot cut, Korean spacing),
      // then what the variants say.
      merge_by(g.variants, [&](const Variant& v) {
        return loose_form(variant_form(v.places.front())) + '\x1E' + joined(variant_urls(v.places.front()));
      });
      if (g.variants.size() < 2) continue;
      // Translations: only what lies between the bytes all variants share is
      // cut into words (shared_ends). Sources are cut whole: an acronym and
      // its expansion must be seen together (acronym_words).
      std::pair<size_t, size_t> ends{0, 0};
      if (key_side == Key::Source) {
        std::vector<std::string_view> forms;
        for (const Variant& v : g.variants) forms.push_back(variant_form(v.places.front()));
        ends = shared_ends(forms);
      }
      merge_by(g.variants, [&](Variant& v) {
        const Place& p = v.places.front();
        const std::string_view form = variant_form(p);
        v.tokens = tokenizer.tokens(form, wording_at(p), ends.first, form.size() - ends.second);
        return signature(v.tokens, variant_urls(p));
      });
      if (g.variants.size() < 2) continue;
    } else {
      for (Variant& v : g.variants) v.tokens = tokenizer.tokens(variant_form(v.places.front()), wording_at(v.places.front()));
    }
    const Place first_place = g.variants.front().places.front();
    // Variants were added in order of first occurrence, so a stable sort by
    // count keeps ties in that order.
    std::stable_sort(g.variants.begin(), g.variants.end(),
                     [](const Variant& x, const Variant& y) { return x.count > y.count; });
    const Place* at = nullptr;
    size_t at_variant = 0;
    for (size_t i = 1; i < g.variants.size(); ++i)
      if (g.variants[i].has_enabled && (!at || g.variants[i].first_enabled < *at)) {
        at = &g.variants[i].first_enabled;
        at_variant = i;
      }
    if (!at && g.variants[0].has_enabled) at = &g.variants[0].first_enabled;
    if (!at) continue;
    size_t total = 0;
    for (const Variant& v : g.variants) total += v.count;

    // inconsistent-source: only a marked word (a number, code, a name or
    // label) or a link that one source has and the other lacks, and that
    // the shared translation does not keep verbatim either (a target that
    // keeps "(CSP)" renders the source that has it, and adds the acronym
    // to the one that lacks it, which is harmless).
    if (key_side == Key::Target && differences != "all") {
      const std::string target = detail::fold(form_at(first_place, key_text));
      const Variant& top = g.variants[0];
      bool substance = false;
      for (size_t i = 1; i < g.variants.size() && !substance; ++i) {
        const Variant& v = g.variants[i];
        substance = sources_differ(target, {variant_form(top.places.front()), top.tokens, variant_urls(top.places.front())},
                                   {variant_form(v.places.front()), v.tokens, variant_urls(v.places.front())},
                                   differences == "substitutions");
      }
      if (!substance) continue;
    }

    // What differs: each variant's own words (those the most frequent one
    // lacks; for the most frequent, those the second lacks), verbatim.
    auto own_words = [&](size_t i) {
      const Variant& v = g.variants[i];
      const Variant& ref = g.variants[i == 0 ? 1 : 0];
      const std::string_view form = variant_form(v.places.front());
      std::vector<std::string> words =
          spans_of(form, v.tokens, only_in(v.tokens, form, ref.tokens, variant_form(ref.places.front())));
      std::vector<std::string_view> mine = variant_urls(v.places.front()), theirs = variant_urls(ref.places.front());
      for (std::string_view u : mine)
        if (std::find(theirs.begin(), theirs.end(), u) == theirs.end()) words.push_back(fmt::format("({})", u));
      return words;
    };
    std::string diff;
    for (size_t i = 0; i < g.variants.size() && i < 3; ++i) {
      std::vector<std::string> words = own_words(i);
      std::string shown;
      for (size_t k = 0; k < words.size() && k < 4; ++k) shown += (k ? " " : "") + excerpt(words[k], 40);
      if (words.size() > 4) shown += " ...";
      diff += fmt::format("{}{} ({}x)", i ? " vs " : "", shown.empty() ? "nothing" : "\"" + shown + "\"",
                          g.variants[i].count);
    }
    if (g.variants.size() > 3) diff += " vs ...";

    std::vector<std::string> texts;
    for (size_t i = 0; i < g.variants.size() && i < kMaxVariantsShown; ++i)
      texts.push_back(text_at(g.variants[i].places.front(), false));
    std::string list;
    for (size_t i = 0; i < texts.size(); ++i) {
      const Variant& v = g.variants[i];
      std::string where;
      for (const Place& p : v.places) {
        where += fmt::format("{}{}:{}", where.empty() ? "" : ", ", ctx.articles[p.article]->rel_path, entry(p).line);
      }
      if (v.count > v.places.size()) where += fmt::format(" and {} more", v.count - v.places.size());
      const std::string& other = texts[i == 0 ? 1 : 0];
      list += fmt::format("{}\"{}\" {}x ({})", list.empty() ? "" : "; ", shown_variant(texts[i], other), v.count, where);
    }
    if (g.variants.size() > kMaxVariantsShown) {
      size_t rest = 0;
      for (size_t i = kMaxVariantsShown; i < g.variants.size(); ++i) rest += g.variants[i].count;
      list += fmt::format("; and {} more {} ({} segments)", g.variants.size() - kMaxVariantsShown, variant_name, rest);
    }

    // The column: the first word of the reported text that the other
    // variant lacks, found in the raw text; else the text's first byte.
    const Entry re = entry(*at);
    const int vs = variant_text == Side::Source ? 1 : 0;
    Location where = re.at[vs];
    {
      const std::string_view form = variant_form(*at);
      const Variant& mine_v = g.variants[at_variant];
      // The reported text is usually its variant's first: its words are cut already.
      // Another text of the variant than its first: both cut whole.
      const Variant& ref = g.variants[at_variant == 0 ? 1 : 0];
      const std::string_view ref_form = variant_form(ref.places.front());
      const bool first = mine_v.places.front() == *at;
      std::vector<Token> cut, ref_cut;
      if (!first) {
        cut = tokenizer.tokens(form, wording_at(*at));
        ref_cut = tokenizer.tokens(ref_form, wording_at(ref.places.front()));
      }
      std::vector<size_t> differ =
          only_in(first ? mine_v.tokens : cut, form, first ? ref.tokens : ref_cut, ref_form);
      const std::vector<Token>& mine = first ? mine_v.tokens : cut;
      if (!differ.empty()) {
        const Token& t = mine[differ.front()];
        const size_t found = re.raw[vs].find(form.substr(t.begin, t.end - t.begin));
        if (found != std::string_view::npos) where = advance(where, re.raw[vs].substr(0, found));
      }
    }
    ctx.report(at->article, where,
               fmt::format("segment {}: the same {} \"{}\" has {} different {} in {} segments, differing in {}: {}",
                           re.id, key_name, excerpt(text_at(first_place, true), 100), g.variants.size(),
                           variant_name, total, diff, list),
               re.id, SegmentTexts{re.raw[1], re.raw[0]});
  }
}

}  // namespace tmlint::consistency
