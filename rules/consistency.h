#pragma once
// What inconsistent-translation and inconsistent-source share: group every
// segment of the batch by one side's text (the key) and report the groups
// whose other side (the variant) comes in more than one form.
//
//   key     segment_form (visible text, inline code kept, NFC, spaces
//           collapsed), case-folded with `ignore-case: true`;
//   variant told apart by loose_form: variants differing only in spacing,
//           width, case or punctuation are one variant (`loose-variants:
//           false` tells them apart by segment_form instead); source
//           variants also without the English articles a, an, the.
//
// Segments are left out when they cannot say anything about consistency:
// no source, an empty target, a target equal to its source (untranslated),
// or a source with fewer than `min-words` English words outside code (single
// words and labels are translated by context: a heading "Overview" and a
// table cell "Overview" may rightly differ).
//
// Memory is one entry per distinct key and one per distinct (key, variant)
// pair, each holding at most `max-locations` locations; time is linear in
// the segments (hashing). One finding per group with two variants or more,
// at the first occurrence of a variant other than the most frequent one, in
// an article the rule is enabled for; the message lists the variants, most
// frequent first (ties: first seen first), each with its count and first
// locations.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/unistr.h>

#include "rule.h"
#include "segment_words.h"
#include "text_forms.h"

namespace tmlint::consistency {

enum class Key { Source, Target };

struct Place {
  uint32_t article = 0;  // index into BatchContext::articles
  uint32_t segment = 0;  // index into Article::segments
  bool operator<(const Place& o) const { return article != o.article ? article < o.article : segment < o.segment; }
};

struct Variant {
  size_t count = 0;
  std::vector<Place> places;  // the first max-locations
  bool has_enabled = false;
  Place first_enabled;        // first occurrence in an article the rule is enabled for
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
inline std::string shown_variant(const std::string& text, const std::string& other) {
  constexpr size_t kMax = 120, kContext = 24;
  size_t common = 0;
  while (common < text.size() && common < other.size() && text[common] == other[common]) ++common;
  size_t from = common > kContext ? common - kContext : 0;
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  if (text.size() <= kMax) from = 0;
  std::string shown = excerpt(std::string_view(text).substr(from), kMax);
  return from > 0 ? "..." + shown : shown;
}

// An English source without its articles ("Cancel the old subscription" and
// "Cancel old subscription" have one Japanese translation): for telling
// source variants apart only.
inline std::string without_articles(const std::string& s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    std::string word = s.substr(i, j - i);
    std::string lower = word;
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower != "a" && lower != "an" && lower != "the") out += (out.empty() ? "" : " ") + word;
    i = j + 1;
  }
  return out;
}

inline size_t source_words(std::string_view visible_source) {
  size_t n = 0;
  for (const Word& w : english_words(visible_source)) n += !w.glued;
  return n;
}

inline void check(const BatchContext& ctx, Key key_side) {
  // Grouping is one decision for the batch: the options of the first article
  // the rule is enabled for.
  const Article* first = nullptr;
  for (const Article* a : ctx.articles)
    if (ctx.enabled_for(*a)) {
      first = a;
      break;
    }
  if (!first) return;
  const RuleOptions& options = ctx.options_for(*first);
  const long min_words = options.get_int("min-words", 3);
  const bool ignore_case = options.get_bool("ignore-case", false);
  const bool loose_variants = options.get_bool("loose-variants", true);
  const size_t max_places = static_cast<size_t>(std::clamp(options.get_int("max-locations", 3), 1L, 100L));
  constexpr size_t kMaxVariantsShown = 5;

  std::vector<Group> groups;
  std::unordered_map<std::string, uint32_t> group_of;    // key -> index in groups
  std::unordered_map<std::string, uint32_t> variant_of;  // key '\0' loose variant -> index in its group
  for (uint32_t ai = 0; ai < ctx.articles.size(); ++ai) {
    const Article& a = *ctx.articles[ai];
    const bool enabled = ctx.enabled_for(a);
    for (uint32_t si = 0; si < a.segments.size(); ++si) {
      const Segment& s = a.segments[si];
      if (!s.has_source) continue;
      // The cheap filter first: most segments of a batch pass it, but it
      // spares the normalisation of the short ones.
      if (static_cast<long>(source_words(visible_text(s.source.raw))) < min_words) continue;
      if (min_words < 1 && !has_letter_or_digit(s.source.raw)) continue;
      std::string target = segment_form(s.target.raw);
      if (target.empty()) continue;
      std::string source = segment_form(s.source.raw);
      std::string loose_source = loose_form(source), loose_target = loose_form(target);
      if (loose_source == loose_target) continue;  // untranslated
      std::string& key_text = key_side == Key::Source ? source : target;
      std::string key = key_side == Key::Source && ignore_case ? fold_case(key_text) : key_text;
      auto [git, gnew] = group_of.try_emplace(key, static_cast<uint32_t>(groups.size()));
      if (gnew) groups.emplace_back();
      Group& g = groups[git->second];
      std::string vkey = std::move(key);
      vkey.push_back('\0');
      if (loose_variants) vkey += key_side == Key::Source ? loose_target : loose_form(without_articles(source));
      else vkey += key_side == Key::Source ? target : source;
      auto [vit, vnew] = variant_of.try_emplace(std::move(vkey), static_cast<uint32_t>(g.variants.size()));
      if (vnew) g.variants.emplace_back();
      Variant& v = g.variants[vit->second];
      ++v.count;
      Place here{ai, si};
      if (v.places.size() < max_places) v.places.push_back(here);
      if (enabled && !v.has_enabled) {
        v.has_enabled = true;
        v.first_enabled = here;
      }
    }
  }

  const std::string_view key_name = key_side == Key::Source ? "source" : "target";
  const std::string_view variant_name = key_side == Key::Source ? "translations" : "sources";
  // The texts as first written (entities decoded), for messages.
  auto text_at = [&](const Place& p, bool key) {
    const Segment& s = ctx.articles[p.article]->segments[p.segment];
    const bool source = (key_side == Key::Source) == key;
    return excerpt(source ? s.source.decoded() : s.target.decoded(), 400);
  };
  for (Group& g : groups) {
    if (g.variants.size() < 2) continue;
    const Place first_place = g.variants.front().places.front();
    // Variants were added in order of first occurrence, so a stable sort by
    // count keeps ties in that order.
    std::stable_sort(g.variants.begin(), g.variants.end(),
                     [](const Variant& x, const Variant& y) { return x.count > y.count; });
    const Place* at = nullptr;
    for (size_t i = 1; i < g.variants.size(); ++i)
      if (g.variants[i].has_enabled && (!at || g.variants[i].first_enabled < *at)) at = &g.variants[i].first_enabled;
    if (!at && g.variants[0].has_enabled) at = &g.variants[0].first_enabled;
    if (!at) continue;
    size_t total = 0;
    for (const Variant& v : g.variants) total += v.count;
    std::vector<std::string> texts;
    for (size_t i = 0; i < g.variants.size() && i < kMaxVariantsShown; ++i)
      texts.push_back(text_at(g.variants[i].places.front(), false));
    std::string list;
    for (size_t i = 0; i < texts.size(); ++i) {
      const Variant& v = g.variants[i];
      std::string where;
      for (const Place& p : v.places) {
        const Article& pa = *ctx.articles[p.article];
        where += fmt::format("{}{}:{}", where.empty() ? "" : ", ", pa.rel_path, pa.segments[p.segment].location.line);
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
    const Article& ra = *ctx.articles[at->article];
    const Segment& rs = ra.segments[at->segment];
    ctx.report(ra, rs.location,
               fmt::format("segment {}: the same {} \"{}\" has {} different {} in {} segments: {}", rs.id, key_name,
                           excerpt(text_at(first_place, true), 100), g.variants.size(), variant_name, total, list),
               rs.id);
  }
}

}  // namespace tmlint::consistency
