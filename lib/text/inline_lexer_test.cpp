// Unit tests of the inline lexer, on fragments from the corpus (FORMAT.md §3).
#include "text/inline_lexer.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace tmlint;

namespace {

// "kind:text" of each token, space separated; Text tokens as their text.
std::string shape(std::string_view s) {
  std::string out;
  std::string joined;
  for (const InlineToken& t : tokenize_inline(s)) {
    joined += t.text;
    if (!out.empty()) out += ' ';
    if (t.kind == InlineKind::Text) out += "'" + std::string(t.text) + "'";
    else out += std::string(inline_kind_name(t.kind)) + ":" + std::string(t.text);
  }
  REQUIRE(joined == s);  // the tokens are the fragment, byte for byte
  return out;
}

const InlineToken& nth(const std::vector<InlineToken>& v, size_t i) {
  REQUIRE(i < v.size());
  return v[i];
}

}  // namespace

TEST_CASE("inline tokens: code spans, and unclosed backticks are text") {
  CHECK(shape("run `nuget pack` now") == "'run ' code:`nuget pack` ' now'");
  CHECK(shape("``a ` b`` x") == "code:``a ` b`` ' x'");
  CHECK(shape("odd ` tick") == "'odd ` tick'");
  auto t = tokenize_inline("`` `x` ``");
  CHECK(nth(t, 0).detail == "`x`");
  // Tags inside code are code (FORMAT.md §3: <span> inside inline code).
  CHECK(shape("`<span>`, `<br/>`") == "code:`<span>` ', ' code:`<br/>`");
}

TEST_CASE("inline tokens: links, images and references, the URL in detail") {
  auto t = tokenize_inline("See [Support](https://a.b/c_d \"t\") and ![img](m/a.png).");
  REQUIRE(t.size() == 9);
  CHECK(t[1].kind == InlineKind::LinkOpen);
  CHECK(t[3].kind == InlineKind::LinkClose);
  CHECK(t[3].text == "](https://a.b/c_d \"t\")");
  CHECK(t[3].detail == "https://a.b/c_d");
  CHECK(t[5].kind == InlineKind::LinkOpen);
  CHECK(t[5].text == "![");
  CHECK(t[7].detail == "m/a.png");
  CHECK(shape("[a][ref] [UI label] x") == "link-open:[ 'a' link-close:][ref] ' [UI label] x'");
  CHECK(shape("[a (b)](u(1).md)") == "link-open:[ 'a (b)' link-close:](u(1).md)");
  // Brackets inside code do not close the link.
  CHECK(shape("[`a]`](u)") == "link-open:[ code:`a]` link-close:](u)");
  // Nested: an image inside a link.
  CHECK(shape("[![a](i.png)](u)") ==
        "link-open:[ link-open:![ 'a' link-close:](i.png) link-close:](u)");
  // Japanese after a link is text, not URL.
  CHECK(shape("[a](https://x.y/z)を参照") == "link-open:[ 'a' link-close:](https://x.y/z) '" "を参照'");
}

TEST_CASE("inline tokens: HTML, placeholders, autolinks, comments, bare '<'") {
  CHECK(shape("a<br>b<br/>c") == "'a' html-self-closing:<br> 'b' html-self-closing:<br/> 'c'");
  CHECK(shape("<a href=\"/x\" target=\"_blank\">X</a>") ==
        "html-open:<a href=\"/x\" target=\"_blank\"> 'X' html-close:</a>");
  CHECK(shape("x<sup>2</sup>") == "'x' html-open:<sup> '2' html-close:</sup>");
  CHECK(shape("OfficeDev/<repo name>") == "'OfficeDev/' placeholder:<repo name>");
  CHECK(shape("Excel.FunctionResult<any>") == "'Excel.FunctionResult' placeholder:<any>");
  CHECK(shape("\\<package_name\\> x") == "placeholder:\\<package_name\\> ' x'");
  CHECK(shape("<https://nuget.org/a>") == "autolink:<https://nuget.org/a>");
  CHECK(nth(tokenize_inline("<https://nuget.org/a>"), 0).detail == "https://nuget.org/a");
  CHECK(shape("a<!-- c -->b") == "'a' html-comment:<!-- c --> 'b'");
  CHECK(shape("-<10 ライセンス, x <= 3, ver. < 1903") == "'-<10 ライセンス, x <= 3, ver. < 1903'");
  CHECK(shape("<b unclosed") == "'<b unclosed'");
  auto t = tokenize_inline("<STRONG>x</strong>");
  CHECK(t[0].kind == InlineKind::HtmlOpen);
  CHECK(t[0].detail == "STRONG");
  CHECK(t[2].kind == InlineKind::HtmlClose);
}

TEST_CASE("inline tokens: emphasis runs, flanking, intraword underscore") {
  CHECK(shape("**bold** x") == "emphasis:** 'bold' emphasis:** ' x'");
  // MT damage (FORMAT.md §5.6): runs with whitespace on both sides are text.
  CHECK(shape("** x **") == "'** x **'");
  auto t = tokenize_inline("a **b** c");
  REQUIRE(t.size() == 5);
  CHECK(t[1].flags == InlineToken::kLeftFlanking);
  CHECK(t[3].flags == InlineToken::kRightFlanking);
  CHECK(shape("package_name and _it_") == "'package_name and ' emphasis:_ 'it' emphasis:_");
  CHECK(shape("2 * 3") == "'2 * 3'");
  CHECK(shape("~~gone~~ ~x") == "emphasis:~~ 'gone' emphasis:~~ ' ~x'");
}

TEST_CASE("inline tokens: escapes and entities, bare '&' is text") {
  CHECK(shape("\\*\\*x a \\| b") == "escape:\\* escape:\\* 'x a ' escape:\\| ' b'");
  CHECK(shape("C:\\Users") == "'C:\\Users'");
  CHECK(shape("a&nbsp;b &#8212; (&) R&D") == "'a' entity:&nbsp; 'b ' entity:&#8212; ' (&) R&D'");
  CHECK(nth(tokenize_inline("&gt;"), 0).detail == "gt");
}

TEST_CASE("inline tokens: never lose a byte on damaged input") {
  for (std::string_view s : {"[", "![", "[a](", "[a](b", "<", "<!--", "`", "\\", "&", "&#", "**", "<a href=\"",
                             "[<b]>](u)", "[a<br>](u) x", "\xE3\x80\x80**x**\xE3\x80\x80"})
    (void)shape(s);
}

TEST_CASE("inline tokens: random markup soup, offsets and kinds stay consistent") {
  static const char* const kPieces[] = {"`", "``", "[", "]", "(", ")", "![", "](u)", "<", ">", "<b>", "</b>",
                                        "<br>", "<a href=\"", "\"", "<!--", "-->", "*", "**", "_", "~", "~~",
                                        "\\", "\\*", "\\<x\\>", "&", "&amp;", "&#", ";", " ", "\n", "a", "日",
                                        "\xFF", "<https://x.y>", "][", "]["};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> count(0, 40), pick(0, std::size(kPieces) - 1);
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (size_t i = count(rng); i > 0; --i) s += kPieces[pick(rng)];
    uint32_t at = 0;
    int open_links = 0;
    for (const InlineToken& t : tokenize_inline(s)) {
      REQUIRE(t.offset == at);
      REQUIRE(!t.text.empty());
      REQUIRE(t.text.data() == s.data() + at);
      at += static_cast<uint32_t>(t.text.size());
      if (t.kind == InlineKind::LinkOpen) ++open_links;
      if (t.kind == InlineKind::LinkClose) REQUIRE(open_links-- > 0);
      if (t.kind != InlineKind::Text) REQUIRE(!(t.kind == InlineKind::Code && t.text.front() != '`'));
    }
    REQUIRE(at == s.size());
  }
}
