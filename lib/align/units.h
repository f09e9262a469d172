#pragma once
// The text of a block the pipeline cuts into segments, and what the aligner
// compares blocks by. A block's text is its lines joined by '\n' (a view
// into the file when it has one line); `pieces` are the runs of it that
// may hold segments: the whole of a paragraph, heading or cell, split at
// <br> tags, and in an HTML block the text between its block tags (never
// inside <pre> or a comment). A piece that is only an image, code, a URL or
// markup holds no segment and is left out.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/markdown_reader.h"

namespace tmlint {

struct TextRange {
  uint32_t begin = 0, end = 0;  // offsets in the block text
};

struct BlockText {
  std::string_view text;
  std::string storage;                 // the joined lines, when more than one
  std::vector<uint32_t> line_starts;   // offset in `text` of each line
  const MdBlock* block = nullptr;

  BlockText() = default;
  BlockText(const BlockText&) = delete;
  BlockText& operator=(const BlockText&) = delete;
  BlockText(BlockText&&) = default;

  // File offset of a text offset.
  uint32_t to_file(uint32_t at) const;
  // True when [r.begin, r.end) lies on one line (its text is then a view
  // into the file).
  bool one_line(TextRange r) const;
};

void make_block_text(std::string_view file, const MdBlock& block, BlockText& out);

// The runs of the block that may hold segments, trimmed, in order (the
// caller drops them all when none has text: BlockFeatures::text).
std::vector<TextRange> block_pieces(const BlockText& bt);

// A range without leading and trailing white space, images, empty anchors
// (<a name="x"></a>) and <br>s.
TextRange trim_unit(std::string_view text, TextRange r);

// When the whole range is one link `[text](url)`: the text's range and the
// URL; else the range itself and an empty URL.
TextRange unwrap_link(std::string_view text, TextRange r, std::string_view* url = nullptr);

// True when the range holds text to translate: a letter or a digit outside
// code spans, link destinations, images, autolinks, HTML tags, entities and
// `:::no-loc:::`.
bool translatable(std::string_view fragment);

// Per byte of a fragment, what any of its ranges holds, so the sentence
// programme weighs a range in constant time: code points counted for length
// (link destinations left out) and letters or digits to translate (outside
// code, tags, images and destinations), as prefix sums, and the invariants
// with their offsets.
struct FragmentProfile {
  std::vector<uint32_t> length;    // size()+1 prefix sums
  std::vector<uint32_t> letters;   // size()+1 prefix sums
  std::vector<std::pair<uint32_t, uint32_t>> invariants;  // (offset, hash), by offset

  uint32_t length_in(uint32_t b, uint32_t e) const { return length[e] - length[b]; }
  bool text_in(uint32_t b, uint32_t e) const { return letters[e] > letters[b]; }
  // The hashes of the invariants that start in [b, e), sorted.
  std::vector<uint32_t> invariants_in(uint32_t b, uint32_t e) const;
};
FragmentProfile profile_fragment(std::string_view fragment);

// What blocks are compared by: invariants a translation copies (link
// destinations, code spans, numbers, names written in Latin capitals) as
// hashes, sorted, and the length of the text in code points.
struct BlockFeatures {
  std::vector<uint32_t> invariants;
  uint32_t length = 0;     // code points of the pieces, link destinations left out
  bool text = false;       // some piece is translatable
  uint64_t hash = 0;       // of the whitespace-normalised text (identity)
};
// From the profiles of the pieces (profile_fragment of each).
BlockFeatures block_features(const BlockText& bt, const std::vector<TextRange>& pieces,
                             const std::vector<FragmentProfile>& profiles);


// Invariants of one fragment (for sentence pairs): hashes, sorted.
std::vector<uint32_t> fragment_invariants(std::string_view fragment);
uint32_t code_points_outside_urls(std::string_view fragment);

}  // namespace tmlint
