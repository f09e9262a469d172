// Inline codes for TMX: pieces concatenate back to the text, codes pair and
// isolate as they open and close, and x matches the same code across sides.
#include "tm/inline_tags.h"

#include <catch2/catch.hpp>

#include <string>

using namespace tmlint;

namespace {

std::string joined(const std::vector<InlinePiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) out += p.text;
  return out;
}

// A compact picture: text as is, codes as {kind:text:x}.
std::string shape(const std::vector<InlinePiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    switch (p.kind) {
      case InlinePiece::Text: out += p.text; break;
      case InlinePiece::Placeholder: out += "{ph:" + std::string(p.text) + ":" + std::to_string(p.x) + "}"; break;
      case InlinePiece::Begin: out += "{b" + std::to_string(p.i) + ":" + std::string(p.text) + ":" + std::to_string(p.x) + "}"; break;
      case InlinePiece::End: out += "{e" + std::to_string(p.i) + ":" + std::string(p.text) + "}"; break;
      case InlinePiece::IsolatedBegin: out += "{itb:" + std::string(p.text) + ":" + std::to_string(p.x) + "}"; break;
      case InlinePiece::IsolatedEnd: out += "{ite:" + std::string(p.text) + ":" + std::to_string(p.x) + "}"; break;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("inline codes: links, code, HTML and emphasis become paired codes") {
  auto p = protect_inline("See [Help](help.md) and `code` in **bold** with <sup>1</sup>.");
  CHECK(shape(p) == "See {b1:[:1}Help{e1:](help.md)} and {ph:`code`:2} in {b2:**:3}bold{e2:**} with "
                    "{b3:<sup>:4}1{e3:</sup>}.");
  CHECK(p[1].type == "link");
  CHECK(p[5].type == "x-code");
  CHECK(p[7].type == "bold");
}

TEST_CASE("inline codes: unmatched codes are isolated, never dropped") {
  // MT damage: an unbalanced ** and a closing tag without its opening.
  auto p = protect_inline("[すべての **サービス] を選択し</b>");
  CHECK(joined(p) == "[すべての **サービス] を選択し</b>");
  bool isolated_begin = false, isolated_end = false;
  for (const auto& piece : p) {
    isolated_begin |= piece.kind == InlinePiece::IsolatedBegin && piece.text == "**";
    isolated_end |= piece.kind == InlinePiece::IsolatedEnd && piece.text == "</b>";
  }
  CHECK(isolated_begin);
  CHECK(isolated_end);
}

TEST_CASE("inline codes: the target's x follows the source's code, whatever the order") {
  InlineSides s = protect_inline_pair("Run `nuget pack` then see [docs](a.md).", "[ドキュメント](a.md) を参照し、`nuget pack` を実行します。");
  CHECK(shape(s.source) == "Run {ph:`nuget pack`:1} then see {b1:[:2}docs{e1:](a.md)}.");
  CHECK(shape(s.target) == "{b1:[:2}ドキュメント{e1:](a.md)} を参照し、{ph:`nuget pack`:1} を実行します。");
  // A code only the target has gets a number the source does not use.
  InlineSides extra = protect_inline_pair("Plain.", "<br>追加");
  CHECK(shape(extra.target) == "{ph:<br>:1}追加");
  InlineSides changed = protect_inline_pair("`a` `b`", "`b` `c`");
  CHECK(changed.target[0].x == 2);
  CHECK(changed.target[2].x == 3);
}

TEST_CASE("inline codes: pieces concatenate back to any input") {
  for (std::string text : {"", "plain", "a < b & c", "**", "[x](", "`unclosed", "<a href=\"u\">x</a><a>",
                           "\\*\\*not bold\\*\\*", "&nbsp;&amp;", "<package_name> \\<path\\>", "~~x~~ _y_ ***z***",
                           "[a [b](c) d](e)", "\xff\xfe broken utf-8"}) {
    INFO(text);
    auto p = protect_inline(text);
    CHECK(joined(p) == text);
    int x = 0;
    for (const auto& piece : p)
      if (piece.kind != InlinePiece::Text && piece.kind != InlinePiece::End) CHECK(piece.x == ++x);
  }
}
