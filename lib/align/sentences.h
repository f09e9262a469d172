#pragma once
// Where a piece of Markdown text is cut into the pipeline's segments.
//
// English (the source side) is cut the way the localization pipeline's SRX
// rules cut it, as learned from the sxs trees (docs/alignment.md): after a
// run of . ? ! and the quotes or emphasis markers closing it, before white
// space; never inside a code span, a link, an emphasis span or an HTML tag,
// never after an abbreviation of the pipeline's list (e.g., etc., vs., org.,
// admin., tab., single capital initials), with the word before the period
// read through the markup that closes there ("[nuget.org](url)." ends in
// "org."), after an enumerator ("1. Join") or a period closed by a
// parenthesis (".) Then"). A ? or ! before a lower-case word does not end a
// sentence; a period does.
//
// The target side is not cut by rules: its sentences are whatever the
// translation put between the cuts the aligner chooses among
// target_cut_candidates, which rate each white-space run (and each
// ideographic full stop) by how much it looks like a sentence end in any
// language: 。！？ first, then . ? ! with ICU's sentence rules for the
// locale, then any other space.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tmlint {

// The offsets where each sentence after the first begins (after the white
// space that ends the previous one), in increasing order.
std::vector<uint32_t> english_sentence_cuts(std::string_view piece);

struct CutCandidate {
  uint32_t at = 0;    // where the next sentence would begin
  uint32_t end = 0;   // where the previous one would end (before the white space)
  float cost = 0;     // 0: a sure sentence end ... 6: an ordinary space
};

// Every place a target piece may be cut, with its cost; never inside a code
// span, a link's URL or an HTML tag. `locale` is ms.contentlocale ("ja-JP").
std::vector<CutCandidate> target_cut_candidates(std::string_view piece, std::string_view locale);

// True when `word` (lower-cased, without its period) is on the English
// abbreviation list.
bool is_english_abbreviation(std::string_view word);

}  // namespace tmlint
