// link-slug-typo: the file name of a link target looks like a misspelling
// of the slug of the link's own text in the source language:
// [Reset my password](reset-my-pasword.md). It fires only when the names
// line up word for word, exactly one word differs by an edit or two, and the
// file name's word occurs nowhere in the batch's English text while the
// text's word does: "pasword" is a typo; "statement" for "statements" is a
// real word, a naming choice, not a typo.
#include <fmt/format.h>


#include <algorithm>
#include <array>

#include "engine/rule.h"
#include "segment_facts.h"
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

// Facts: the hashes of the article's English words (lower case, sorted,
// each once), then each candidate link, one whose file name lines up with
// its text word for word but for one word within two edits: the file
// name's word and the text's, the message's parts, where it is, its
// segment. Whether those words occur in the batch is the batch's question.
// The hash (facts::stable_hash) of each word of english_words(text) in
// lower case, appended to `out`: the words as english_words cuts them (runs
// of ASCII letters, an apostrophe inside), hashed in place, without the
// vector of words and the lower-cased copy of each.
void add_word_hashes(std::string_view text, std::vector<uint64_t>& out) {
  // Each byte's letter in lower case, 0 for a byte that is no ASCII letter.
  static const auto lower = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = static_cast<unsigned char>(c);
    return t;
  }();
  auto at = [&](size_t i) { return lower[static_cast<unsigned char>(text[i])]; };
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    if (!at(i)) {
      ++i;
      continue;
    }
    uint64_t h = 14695981039346656037ull;  // FNV-1a, as stable_hash
    for (;;) {
      if (const unsigned char l = at(i)) {
        h = (h ^ l) * 1099511628211ull;
      } else if (text[i] == '\'' && i + 1 < n && at(i + 1)) {
        h = (h ^ static_cast<unsigned char>('\'')) * 1099511628211ull;
      } else {
        break;
      }
      if (++i == n) break;
    }
    out.push_back(h);
  }
}

void collect(const ArticleContext& ctx, FactWriter& out) {
  const Article& a = ctx.article;
  std::vector<uint64_t> words;
  for (size_t si = 0; si < a.segments.size(); ++si) {
    if (!a.segments[si].has_source) continue;
    add_word_hashes(ctx.text.visible(si, Side::Source), words);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  out.u64(words.size());
  for (uint64_t h : words) out.fixed64(h);

  for (const Link& link : a.links) {
    std::string text = english_text(a, link);
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
    std::string intended;
    for (size_t i = 0; i < slug.size(); ++i) intended += (i ? "-" : "") + slug[i];
    out.str(bad);
    out.str(good);
    out.str(fmt::format("link target '{}' looks misspelled: '{}' is not a word of the batch's English text; the "
                        "link text \"{}\" suggests '{}{}'",
                        link.target, bad, text, intended, ext));
    out.loc(link.location);
    out.str(segment_id_of(a, link));
    facts::write_texts(out, a, link.segment);
  }
}

void check_batch(const BatchContext& ctx) {
  // The candidates first, then which of their words occur in the batch: one
  // pass over every article's (sorted) word hashes, each looked up among the
  // few words asked about, so no vocabulary of the whole batch is built
  // (8 copies of Partner Center hold 5 MB of word hashes).
  struct Candidate {
    size_t article;
    std::string_view bad, good, message, segment;
    Location where;
    SegmentTexts texts;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    if (!ctx.enabled_for(i)) continue;
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    for (size_t n = r.u64(); n > 0; --n) r.fixed64();  // the words
    while (!r.done()) {
      Candidate c{i, {}, {}, {}, {}, {}, {}};
      c.bad = r.str();
      c.good = r.str();
      c.message = r.str();
      c.where = r.loc();
      c.segment = r.str();
      c.texts = facts::read_texts(r);
      candidates.push_back(c);
    }
  }
  if (candidates.empty()) return;
  std::vector<uint64_t> asked;
  for (const Candidate& c : candidates) {
    asked.push_back(facts::stable_hash(c.bad));
    asked.push_back(facts::stable_hash(c.good));
  }
  std::sort(asked.begin(), asked.end());
  asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
  std::vector<bool> found(asked.size(), false);
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    for (size_t n = r.u64(); n > 0; --n) {
      const uint64_t h = r.fixed64();
      auto it = std::lower_bound(asked.begin(), asked.end(), h);
      if (it != asked.end() && *it == h) found[static_cast<size_t>(it - asked.begin())] = true;
    }
  }
  auto in_batch = [&](std::string_view word) {
    const uint64_t h = facts::stable_hash(word);
    return found[static_cast<size_t>(std::lower_bound(asked.begin(), asked.end(), h) - asked.begin())];
  };
  for (const Candidate& c : candidates) {
    if (in_batch(c.bad) || !in_batch(c.good)) continue;
    ctx.report(c.article, c.where, std::string(c.message), c.segment, c.texts);
  }
}

TMLINT_RULE({.info = {.id = "link-slug-typo",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A link's file name looks like a misspelling of its English link text"},
             .collect_facts = &collect,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
