// The plain Markdown reader: block kinds, nesting, table cells and the Docs
// extensions, with byte ranges in the file.
#include "load/markdown_reader.h"

#include <catch2/catch.hpp>

#include <string>

using namespace tmlint;

namespace {

std::string text_of(const std::string& file, const MdBlock& b) {
  std::string storage;
  return std::string(block_text(file, b, storage));
}

}  // namespace

TEST_CASE("markdown reader: headings without anchors or closing #s, paragraphs, lists") {
  std::string f =
      "# <a name=\"x\"></a>Title ##\n\nFirst line\nsecond line\n\n- item one\n  - nested **two**\n\n1. step\n";
  MdDocument d = read_markdown(f);
  REQUIRE(d.blocks.size() == 5);
  CHECK(d.blocks[0].kind == MdBlockKind::Heading);
  CHECK(d.blocks[0].heading_level == 1);
  CHECK(text_of(f, d.blocks[0]) == "Title");
  CHECK(f.substr(d.blocks[0].begin(), 5) == "Title");
  CHECK(d.blocks[1].kind == MdBlockKind::Paragraph);
  CHECK(text_of(f, d.blocks[1]) == "First line\nsecond line");
  CHECK(d.blocks[1].lines.size() == 2);
  CHECK(d.blocks[2].list_depth == 1);
  CHECK(text_of(f, d.blocks[2]) == "item one");
  CHECK(d.blocks[3].list_depth == 2);
  CHECK(text_of(f, d.blocks[3]) == "nested **two**");
  CHECK(text_of(f, d.blocks[4]) == "step");
}

TEST_CASE("markdown reader: the body starts after the front matter offset") {
  std::string f = "---\ntitle: x\n---\n# Head\n";
  MdDocument d = read_markdown(f, 17);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.blocks[0].begin() == 19);
}

TEST_CASE("markdown reader: alerts, includes and ::: directives are not text") {
  std::string f =
      "> [!NOTE]\n> Body of the note\n> second line\n\n[!INCLUDE[title](../inc.md)]\n\n"
      ":::image type=\"content\" source=\"a.png\" alt-text=\"Alt\":::\n\n> [!div class=\"checklist\"]\n> * Step\n";
  MdDocument d = read_markdown(f);
  REQUIRE(d.blocks.size() == 2);
  CHECK(d.blocks[0].alert == "NOTE");
  CHECK(d.blocks[0].quote_depth == 1);
  CHECK(text_of(f, d.blocks[0]) == "Body of the note\nsecond line");
  CHECK(d.blocks[1].alert == "div");
  CHECK(text_of(f, d.blocks[1]) == "Step");
}

TEST_CASE("markdown reader: a linked image is text, a self-closed anchor is not") {
  std::string f = "[![Alt text.](a.png)](a.png#lightbox)\n\n## <a name=\"x\"></a><a id=\"14\"/></a>Heading\n";
  MdDocument d = read_markdown(f);
  REQUIRE(d.blocks.size() == 2);
  CHECK(text_of(f, d.blocks[0]) == "[![Alt text.](a.png)](a.png#lightbox)");
  CHECK(text_of(f, d.blocks[1]) == "Heading");
}

TEST_CASE("markdown reader: GFM table cells with rows and columns, with and without outer pipes") {
  std::string f = "| Name | Value |\n|---|---|\n| `x` \\| y | [link](u) |\n\nA | B\n--|--\nc | d\n";
  MdDocument d = read_markdown(f);
  REQUIRE(d.blocks.size() == 8);
  CHECK(d.blocks[0].kind == MdBlockKind::TableCell);
  CHECK(d.blocks[0].header_cell);
  CHECK(text_of(f, d.blocks[0]) == "Name");
  CHECK(text_of(f, d.blocks[2]) == "`x` \\| y");
  CHECK(d.blocks[2].row == 1);
  CHECK(d.blocks[3].column == 1);
  CHECK(text_of(f, d.blocks[3]) == "[link](u)");
  CHECK(text_of(f, d.blocks[6]) == "c");
  CHECK(text_of(f, d.blocks[7]) == "d");
  CHECK(d.blocks[7].table == 2);
}

TEST_CASE("markdown reader: code blocks keep their content, fences and HTML blocks their kind") {
  std::string f = "```cs\nvar x = 1; // not prose\n```\n\n    indented\n\n<table><tr><td>Cell</td></tr></table>\n";
  MdDocument d = read_markdown(f);
  REQUIRE(d.blocks.size() == 3);
  CHECK(d.blocks[0].kind == MdBlockKind::CodeBlock);
  CHECK(text_of(f, d.blocks[0]) == "var x = 1; // not prose");
  CHECK(d.blocks[1].kind == MdBlockKind::CodeBlock);
  CHECK(d.blocks[2].kind == MdBlockKind::HtmlBlock);
}

TEST_CASE("markdown reader: hostile input never throws") {
  for (std::string f : {std::string(), std::string("\0\0\0", 3), std::string(100000, '>'), std::string(50000, '|'),
                        std::string("| a |\n|---|\n") + std::string(20000, '\\'), std::string("[!") + std::string(3000, '[')}) {
    MdDocument d = read_markdown(f);
    for (const MdBlock& b : d.blocks)
      for (const MdLine& l : b.lines) CHECK(l.begin <= l.end);
  }
}
