#pragma once
// Views of a segment's text that several rules need, computed once per
// article instead of once per rule. The eight QA rules all read the inline
// tokens and the prose of both sides of every segment; lexing them again in
// each rule was the largest entry of the profile (docs/performance.md).
//
// One cache per article, filled lazily: a rule that never asks for a view
// costs nothing, and the engine runs all the rules of an article in one
// worker, so the cache needs no lock. Not thread-safe.
//
// The cache lives while its article is checked: the batch rules read what
// they need of it from their facts (model/article_facts.h), written while
// the article is loaded.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/article.h"
#include "text/inline_lexer.h"

namespace tmlint {

enum class Side : uint8_t { Target, Source };

// The prose of a fragment as the reader sees it, with the byte offset in the
// fragment of each piece: Text tokens (link text included), and the
// characters of Escape tokens. Code, URLs, HTML, placeholders, entities and
// emphasis markers are left out; each becomes a boundary (a '\x1F' byte) so
// that words and numbers never join across them.
struct Prose {
  std::string text;
  std::vector<uint32_t> origin;  // fragment offset of each byte of text
};

Prose prose_of(const std::vector<InlineToken>& tokens);

class SegmentTextCache {
 public:
  explicit SegmentTextCache(const Article& article) : article_(article) {}
  SegmentTextCache(const SegmentTextCache&) = delete;
  SegmentTextCache& operator=(const SegmentTextCache&) = delete;

  // The raw Markdown of one side (SegmentText::raw).
  std::string_view raw(size_t segment, Side side) const;
  // tokenize_inline(raw(segment, side)).
  const std::vector<InlineToken>& tokens(size_t segment, Side side);
  // prose_of(tokens(segment, side)).
  const Prose& prose(size_t segment, Side side);
  // visible_text(raw(segment, side)) (text/visible_text.h).
  const std::string& visible(size_t segment, Side side);
  // segment_form(raw(segment, side)) (text/normal_forms.h).
  const std::string& form(size_t segment, Side side);

  // Frees the tokens, the prose and the visible targets; keeps the forms
  // and the visible sources (what the batch rules read).
  void release_tokens();

 private:
  // What the article's rules need while it is checked (released after).
  struct Lexed {
    bool has_tokens = false, has_prose = false;
    std::vector<InlineToken> tokens;
    Prose prose;
  };
  Lexed& lexed(size_t segment, Side side);
  size_t slot(size_t segment, Side side) const { return segment * 2 + (side == Side::Source ? 1 : 0); }

  const Article& article_;
  // Two per segment (target, source), each sized on first use.
  std::vector<Lexed> lexed_;
  std::vector<std::optional<std::string>> visible_, forms_;
};

}  // namespace tmlint
