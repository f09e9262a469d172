// link-slug-typo: the file name of a link target looks like a misspelling
// of the slug of the link's own text in the source language:
// [Reset my password](reset-my-pasword.md). It fires only when the names
// line up word for word, exactly one word differs by an edit or two, and the
// file name's word occurs nowhere in the batch's English text while the
// text's word does: "pasword" is a typo; "statement" for "statements" is a
// real word, a naming choice, not a typo.
#include <fmt/format.h>


#include "engine/rule.h"
#include "load/slug.h"
#include "sources/link_resolver.h"
#include "sources/tree_index.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

std::vector<std::string> split_tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '-' || c == '_' || c == ' ') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// The English text of a link: a pair wrapped in [PAIR](url) has its
// segment's source; a link inside the source text has its own text.
std::string english_text(const Article& a, const Link& link) {
  if (link.place == LinkPlace::Skeleton && link.segment >= 0) return visible_text(a.segments[link.segment].source.decoded());
  if (link.place == LinkPlace::Source) return visible_text(link.text);
  return {};
}

// Whether `word` (lower case) is a word of the batch's English text. Asked
// only for the rare candidate links, so a targeted scan beats building a
// vocabulary of every word: find the bytes fast, confirm on that segment.
bool english_word_in_batch(const BatchContext& ctx, const std::string& word) {
  std::string capitalized = word;
  capitalized[0] = static_cast<char>(capitalized[0] - 'a' + 'A');
  for (const Article* a : ctx.articles) {
    for (const Segment& s : a->segments) {
      std::string_view src = s.source.decoded();
      if (src.find(word) == std::string_view::npos && src.find(capitalized) == std::string_view::npos) continue;
      const std::string text = visible_text(src);  // the words point into it
      for (const Word& w : english_words(text))
        if (w.text.size() == word.size() && ascii_lower(w.text) == word) return true;
    }
  }
  return false;
}

void check_batch(const BatchContext& ctx) {
  for (const Article* a : ctx.articles) {
    if (!ctx.enabled_for(*a)) continue;
    for (const Link& link : a->links) {
      std::string text = english_text(*a, link);
      if (text.empty()) continue;
      std::string path = link_path_part(link.target);
      size_t slash = path.rfind('/');
      std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
      size_t dot = name.rfind('.');
      if (dot == std::string::npos || dot == 0) continue;
      std::string ext = name.substr(dot);
      if (ext != ".md" && ext != ".yml") continue;
      std::vector<std::string> stem = split_tokens(ascii_lower(name.substr(0, dot)));
      std::vector<std::string> slug = split_tokens(heading_slug(text));
      if (stem.size() != slug.size() || stem.size() < 2) continue;
      size_t differing = 0, at = 0;
      for (size_t i = 0; i < stem.size(); ++i)
        if (stem[i] != slug[i]) ++differing, at = i;
      if (differing != 1) continue;
      const std::string& bad = stem[at];
      const std::string& good = slug[at];
      if (bad.size() < 4 || edit_distance(bad, good, 2) > 2) continue;
      if (bad[0] < 'a' || bad[0] > 'z' || good[0] < 'a' || good[0] > 'z') continue;
      if (english_word_in_batch(ctx, bad) || !english_word_in_batch(ctx, good)) continue;
      std::string intended;
      for (size_t i = 0; i < slug.size(); ++i) intended += (i ? "-" : "") + slug[i];
      std::string_view seg = segment_id_of(*a, link);
      ctx.report(*a, link.location,
                 fmt::format("link target '{}' looks misspelled: '{}' is not a word of the batch's English text; the "
                             "link text \"{}\" suggests '{}{}'",
                             link.target, bad, text, intended, ext),
                 seg);
    }
  }
}

TMLINT_RULE({.info = {.id = "link-slug-typo",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A link's file name looks like a misspelling of its English link text"},
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
