#pragma once
// The inline codes of a segment pair, for a TMX that CAT tools can reuse:
// what a translator must not translate (code spans, link syntax and URLs,
// HTML tags, emphasis markers, placeholders such as <package_name>) is cut
// out of the text as codes, paired (<bpt>/<ept>) where a code opens and
// closes, isolated (<it>) where its partner is missing, and numbered with
// `x` so the same code has the same x on both sides. Built on the one inline
// lexer (text/inline_lexer.h); the pieces' texts concatenate back to the input.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tmlint {

struct InlinePiece {
  enum Kind : uint8_t { Text, Placeholder, Begin, End, IsolatedBegin, IsolatedEnd };
  Kind kind = Text;
  std::string_view text;
  int i = 0;              // Begin/End: pairs them within one side
  int x = 0;              // codes but End: the same code on the other side has the same x
  std::string_view type;  // TMX type: "link", "image", "bold", "italic", "x-code", "x-html", ...
};

struct InlineSides {
  std::vector<InlinePiece> source, target;
};

// One side's pieces, numbered from 1 (x in order of appearance).
std::vector<InlinePiece> protect_inline(std::string_view fragment);

// Both sides, the target's x matched to the source's: a target code gets the
// x of the first unused source code of the same kind and text, or a new x.
InlineSides protect_inline_pair(std::string_view source, std::string_view target);

}  // namespace tmlint
