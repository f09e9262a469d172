#pragma once
// Reads plain (not sxs) Markdown into its blocks with byte ranges in the
// file, for the aligner (lib/align/). The block structure is CommonMark +
// GFM tables as cmark-gfm parses it; on top of that, the Docs extensions
// cmark leaves as text: `> [!NOTE]` alerts, `[!INCLUDE[..](..)]` and other
// `[!...]` directive lines, `:::image ...:::` / `::: zone pivot` lines,
// `<a name>` anchors in front of heading text. Code blocks are kept (as
// anchors for the alignment) but are never prose. Never throws on bad input.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tmlint {

enum class MdBlockKind : uint8_t {
  Paragraph,   // also a list item's paragraphs and a blockquote's
  Heading,
  TableCell,
  HtmlBlock,
  CodeBlock,   // fenced or indented: never prose
};

// One line of a block's content: [begin, end) bytes of the file, container
// prefixes (`> `, list indentation) and heading markers left out.
struct MdLine {
  uint32_t begin = 0, end = 0;
};

struct MdBlock {
  MdBlockKind kind = MdBlockKind::Paragraph;
  uint8_t heading_level = 0;  // 1..6 for a heading
  uint8_t list_depth = 0;     // list items around the block
  uint8_t quote_depth = 0;    // blockquotes around the block
  bool header_cell = false;   // a table cell of the header row
  uint16_t row = 0, column = 0;  // a table cell's row (0: header) and column
  uint32_t table = 0;            // a table cell's table, numbered from 1
  // Inside `> [!NOTE]` (or TIP, WARNING, ...): the alert's word as written.
  std::string_view alert;
  std::vector<MdLine> lines;  // never empty

  uint32_t begin() const { return lines.front().begin; }
  uint32_t end() const { return lines.back().end; }
};

struct MdDocument {
  std::vector<MdBlock> blocks;  // in document order
};

// `text` is the whole file; the body from `body_offset` on is read (the
// front matter is the loader's business).
MdDocument read_markdown(std::string_view text, uint32_t body_offset = 0);

// The block's content lines joined with '\n' (a copy only when it has more
// than one line).
std::string_view block_text(std::string_view file, const MdBlock& block, std::string& storage);

}  // namespace tmlint
