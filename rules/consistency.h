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
// Memory is 12 bytes per segment that counts, one entry per distinct key
// and one per distinct (key, variant) pair of the keys seen twice or more,
// each holding at most `max-locations` locations; time is linear in the
// segments (hashing). One finding per group with two variants or more,
// at the first occurrence of a variant other than the most frequent one, in
// an article the rule is enabled for; the message lists the variants, most
// frequent first (ties: first seen first), each with its count and first
// locations.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/unistr.h>

#include "engine/rule.h"
#include "text/normal_forms.h"
#include "text/visible_text.h"

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

// A target that is its source once spacing, width, case and punctuation
// are ignored ("Asia Pacific、Europe" for "Asia Pacific, Europe"): the
// loose forms are only compared when the ASCII letters and digits agree.
inline bool untranslated(const std::string& source, const std::string& target) {
  auto ascii_alnum = [](const std::string& s) {
    std::string out;
    for (char c : s)
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
      else if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    return out;
  };
  return source == target || (ascii_alnum(source) == ascii_alnum(target) && loose_form(source) == loose_form(target));
}

// Whether the text has at least `min` English words (runs of ASCII letters
// not glued to digits, '_', '.', '-' or '/', as english_words counts them);
// stops at the min-th.
inline bool has_words(std::string_view text, long min) {
  if (min <= 0) return true;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto glue = [](char c) { return (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' || c == '/'; };
  long n = 0;
  for (size_t i = 0; i < text.size();) {
    if (!letter(text[i])) {
      ++i;
      continue;
    }
    const size_t b = i;
    while (i < text.size() && (letter(text[i]) || (text[i] == '\'' && i + 1 < text.size() && letter(text[i + 1])))) ++i;
    const bool glued_before = b > 0 && glue(text[b - 1]);
    const bool glued_after = i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '_' ||
                                                 (text[i] == '.' && i + 1 < text.size() && letter(text[i + 1])));
    if (!glued_before && !glued_after && ++n >= min) return true;
  }
  return false;
}

// Whether a segment can count (see the top of this file), from its cached
// visible source.
inline bool counts(const Segment& s, SegmentTextCache& text, size_t si, long min_words) {
  if (!s.has_source || s.target.raw.empty()) return false;
  if (!has_words(text.visible(si, Side::Source), min_words)) return false;
  return min_words >= 1 || has_letter_or_digit(s.source.raw);
}

// The prepare_article of both rules: computes the forms the batch check
// groups by, on all cores and once for both rules (the cache is shared).
inline void prepare(const ArticleContext& ctx) {
  const long min_words = ctx.options.get_int("min-words", 3);
  for (size_t si = 0; si < ctx.article.segments.size(); ++si) {
    if (!counts(ctx.article.segments[si], ctx.text, si, min_words)) continue;
    ctx.text.form(si, Side::Source);
    ctx.text.form(si, Side::Target);
  }
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

  // Pass 1: every segment that can count, grouped by its key. Most keys
  // occur once (60% of the segments of a real batch), so the other side is
  // only normalised in pass 2, for keys seen twice or more.
  struct Candidate {
    Place place;
    uint32_t group;
  };
  std::vector<Candidate> candidates;
  std::vector<uint32_t> members;  // per group: its candidates
  {
    std::unordered_map<std::string, uint32_t> group_of;
    for (uint32_t ai = 0; ai < ctx.articles.size(); ++ai) {
      const Article& a = *ctx.articles[ai];
      SegmentTextCache& text = *ctx.texts[ai];
      for (uint32_t si = 0; si < a.segments.size(); ++si) {
        const Segment& s = a.segments[si];
        if (!counts(s, text, si, min_words)) continue;
        std::string key = text.form(si, key_side == Key::Target ? Side::Target : Side::Source);
        if (key.empty()) continue;
        if (key_side == Key::Source && ignore_case) key = fold_case(key);
        auto [it, added] = group_of.try_emplace(std::move(key), static_cast<uint32_t>(members.size()));
        if (added) members.push_back(0);
        ++members[it->second];
        candidates.push_back({{ai, si}, it->second});
      }
    }
  }

  // Pass 2: the variants of the keys seen twice or more, told apart exactly
  // here and merged by their loose form below (only for groups that have
  // two exact variants, which are few).
  std::vector<Group> groups(members.size());
  std::unordered_map<std::string, uint32_t> variant_of;  // group index bytes + exact variant -> index in its group
  for (const Candidate& c : candidates) {
    if (members[c.group] < 2) continue;
    const Article& a = *ctx.articles[c.place.article];
    SegmentTextCache& text = *ctx.texts[c.place.article];
    const std::string& source = text.form(c.place.segment, Side::Source);
    const std::string& target = text.form(c.place.segment, Side::Target);
    if (target.empty() || untranslated(source, target)) continue;
    std::string vkey(reinterpret_cast<const char*>(&c.group), sizeof c.group);
    vkey += key_side == Key::Source ? target : source;
    Group& g = groups[c.group];
    auto [vit, vnew] = variant_of.try_emplace(std::move(vkey), static_cast<uint32_t>(g.variants.size()));
    if (vnew) g.variants.emplace_back();
    Variant& v = g.variants[vit->second];
    ++v.count;
    if (v.places.size() < max_places) v.places.push_back(c.place);
    if (!v.has_enabled && ctx.enabled_for(a)) {
      v.has_enabled = true;
      v.first_enabled = c.place;
    }
  }
  variant_of.clear();

  // One variant from two: counts added, the first places kept.
  auto merge = [&](Variant& into, const Variant& from) {
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
  auto loose_variant = [&](const Place& p) {
    SegmentTextCache& text = *ctx.texts[p.article];
    return key_side == Key::Source ? loose_form(text.form(p.segment, Side::Target))
                                   : loose_form(without_articles(text.form(p.segment, Side::Source)));
  };

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
    if (loose_variants) {
      // Exact variants are in order of first occurrence, so merging into
      // the first of each loose form keeps that order.
      std::vector<Variant> merged;
      std::unordered_map<std::string, size_t> by_loose;
      for (Variant& v : g.variants) {
        auto [it, added] = by_loose.try_emplace(loose_variant(v.places.front()), merged.size());
        if (added) merged.push_back(std::move(v));
        else merge(merged[it->second], v);
      }
      g.variants = std::move(merged);
      if (g.variants.size() < 2) continue;
    }
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
