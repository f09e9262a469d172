#pragma once
// Aligns a plain translated article with its source, in two steps, each a
// dynamic programme that stays linear in the article's size:
//   1. blocks: the two block sequences (lib/load/markdown_reader.h) in a
//      band around the diagonal; a match is scored by kind, heading level,
//      list and quote nesting, table cell, the invariants a translation
//      copies (link destinations, code, numbers, names) and length; a block
//      may also be left unmatched on either side;
//   2. sentences inside each matched pair of blocks: the source cut by the
//      pipeline's English rules (align/sentences.h), the target cut where
//      the moves 1-1, 2-1, 1-0 and 0-1 cost least (length ratio, anchors,
//      how much each cut looks like a sentence end).
// Every pair gets a confidence in (0, 1]. Nothing here reads files.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/markdown_reader.h"

namespace tmlint {

// A piece of text of one side: [begin, end) bytes of its file, and the text
// itself (a view into the file, or `owned` when it spans lines, which are
// joined without their container prefixes).
struct AlignedText {
  uint32_t begin = 0, end = 0;
  std::string owned;
  bool has_owned = false;
};

struct AlignedPair {
  AlignedText target, source;
  uint32_t target_block = 0, source_block = 0;  // indexes into the documents' blocks
  float confidence = 1;
  std::string link;  // the URL when the pair is the text of a link that wraps it
};

// Text of one side that has no counterpart on the other.
struct Unpaired {
  AlignedText text;
  uint32_t block = 0;
  bool whole_block = false;  // the whole block is unmatched (else one sentence of a matched block)
  uint32_t anchor = 0;       // where in the target file it belongs (missing text: after the pair before it)
};

struct Alignment {
  std::vector<AlignedPair> pairs;       // in target document order
  std::vector<Unpaired> missing;        // source sentences with no counterpart, in source order
  std::vector<Unpaired> extra;          // target content with no source, in target order
  uint32_t target_text_blocks = 0, source_text_blocks = 0;  // blocks with text to translate
  uint32_t matched_text_blocks = 0;     // of those, matched with a block of the other side
  float mean_match_cost = 0;            // over the matched text blocks: how alike they are
};

struct BlockAlignOptions {
  std::string_view locale;  // the target's (ms.contentlocale), for its sentence rules
};

Alignment align_documents(std::string_view target_file, const MdDocument& target, std::string_view source_file,
                          const MdDocument& source, const BlockAlignOptions& options = {});

// The text of an AlignedText in its file.
inline std::string_view aligned_view(std::string_view file, const AlignedText& t) {
  return t.has_owned ? std::string_view(t.owned) : file.substr(t.begin, t.end - t.begin);
}

}  // namespace tmlint
