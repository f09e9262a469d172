// Unit tests of the loader: one small article per shape of FORMAT.md.
#include "load/loader.h"
#include "testing/test_support.h"

#include <catch2/catch.hpp>

#include <string>

using namespace tmlint;

namespace {

std::string pair(std::string_view id, std::string_view target, std::string_view source) {
  std::string s = "<span data-ttu-id=\"";
  s += id;
  s += "\">";
  s += target;
  s += "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
  s += id;
  s += "\">";
  s += source;
  s += "</span></span>";
  return s;
}

std::unique_ptr<Article> load(std::string text) { return load_article("t.md", "t.md", std::move(text)); }

size_t count_issues(const Article& a, LoadIssueKind kind) {
  size_t n = 0;
  for (const auto& i : a.issues) n += i.kind == kind;
  return n;
}

const Link* find_link(const Article& a, std::string_view target) {
  for (const auto& l : a.links)
    if (l.target == target) return &l;
  return nullptr;
}

bool has_anchor(const Article& a, std::string_view name, AnchorKind kind) {
  for (const auto& an : a.anchors)
    if (an.name == name && an.kind == kind) return true;
  return false;
}

}  // namespace

TEST_CASE("a pair is split into id, target and source with locations") {
  auto a = load("# Title\n\n- " + pair("726a7-105", "パートナー", "All partners") + "\n");
  REQUIRE(a->segments.size() == 1);
  const Segment& s = a->segments[0];
  CHECK(s.id == "726a7-105");
  CHECK(s.target.raw == "パートナー");
  CHECK(s.source.raw == "All partners");
  CHECK(s.location.line == 3);
  CHECK(s.location.column == 3);
  CHECK(s.target.location.line == 3);
  CHECK(s.target.location.column == 3 + 30);  // after '<span data-ttu-id="726a7-105">'
  // Columns count code points: the source starts after 5 Japanese characters.
  CHECK(s.source.location.column == s.target.location.column + 5 + 7 + 25 + 19 + 9 + 2);
  CHECK(s.context.block == BlockKind::ListItem);
  CHECK(s.context.list_depth == 1);
  CHECK(a->issues.empty());
}

TEST_CASE("several pairs on one line keep their order and separators") {
  std::string line = pair("abcde-101", "一", "One.") + " " + pair("abcde-102", "二", "Two.") + "|" +
                     pair("abcde-104", "四", "Four.");
  auto a = load(line + "\n");
  REQUIRE(a->segments.size() == 3);
  CHECK(a->segments[0].id == "abcde-101");
  CHECK(a->segments[2].id == "abcde-104");  // gaps are normal (images consume ids)
  CHECK(a->segments[1].location.column > a->segments[0].location.column);
  CHECK(a->issues.empty());
}

TEST_CASE("segments may span lines, in target and source") {
  auto a = load("<td>" + pair("b4c3b-110", "一行目\n      - TaskPane", "Line one\n      - TaskPane") +
                "</td>\n<td>" + pair("b4c3b-111", "次", "Next") + "</td>\n");
  REQUIRE(a->segments.size() == 2);
  CHECK(a->segments[0].target.raw == "一行目\n      - TaskPane");
  CHECK(a->segments[1].location.line == 4);
  CHECK(a->issues.empty());
}

TEST_CASE("'</a>' inside a pair and a nested <span> in the source (FORMAT.md §3)") {
  auto a = load("<a href=\"#excel\"><img src=\"x.png\"/><br>" +
                pair("b4c3b-106", "<span>Excel</span></a>", "<span>Excel</span></a>") + "\n\n" +
                pair("b4c3b-140", "<span id=\"12007\">12007</span>", "<span id=\"12007\">12007</span>") +
                "<!-- comment -->\n");
  REQUIRE(a->segments.size() == 2);
  CHECK(a->segments[0].source.raw == "<span>Excel</span></a>");
  CHECK(a->segments[1].source.raw == "<span id=\"12007\">12007</span>");
  CHECK(a->issues.empty());
}

TEST_CASE("'<span>' inside inline code does not count for span depth") {
  auto a = load(pair("2d2d2-120", "`<html>`, `<span>`, `<br/>`", "`<html>`, `<span>`, `<br/>`") + "\n");
  REQUIRE(a->segments.size() == 1);
  CHECK(a->segments[0].source.raw == "`<html>`, `<span>`, `<br/>`");
  CHECK(a->issues.empty());
}

TEST_CASE("the quote corruption (&quot) is reported per swallowed id and loading goes on") {
  std::string text =
      "<span data-ttu-id=\"2576d-123&quot;>辞書</span><span class=&quot;sxs-lookup&quot;><span "
      "data-stu-id=&quot;2576d-123&quot;>Dictionary</span></span>\n\n"
      "- <span data-ttu-id=&quot;2576d-124&quot;>XML</span><span class=&quot;sxs-lookup&quot;><span "
      "data-stu-id=&quot;2576d-124&quot;>XML</span></span>\"\n\n" +
      pair("2576d-140", "正常", "Normal") + "\n";
  auto a = load(text);
  REQUIRE(count_issues(*a, LoadIssueKind::Parse) == 2);
  CHECK(a->issues[0].segment == "2576d-123");
  CHECK(a->issues[0].location.line == 1);
  CHECK(a->issues[1].segment == "2576d-124");
  CHECK(a->issues[1].location.line == 3);
  CHECK(a->issues[1].location.column == 3);
  REQUIRE(a->segments.size() == 1);
  CHECK(a->segments[0].id == "2576d-140");
}

TEST_CASE("structural defects become issues of their kind") {
  SECTION("missing source") {
    auto a = load("<span data-ttu-id=\"abcde-101\">訳</span> text\n" + pair("abcde-102", "二", "Two") + "\n");
    CHECK(count_issues(*a, LoadIssueKind::MissingSource) == 1);
    REQUIRE(a->segments.size() == 2);
    CHECK_FALSE(a->segments[0].has_source);
    CHECK(a->segments[0].target.raw == "訳");
  }
  SECTION("unclosed target span") {
    auto a = load("<span data-ttu-id=\"abcde-101\">訳 without end\n");
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->segments.empty());
  }
  SECTION("unclosed source at end of file") {
    auto a = load("<span data-ttu-id=\"abcde-101\">訳</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Src");
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    REQUIRE(a->segments.size() == 1);
    CHECK(a->segments[0].source.raw == "Src");
  }
  SECTION("stu-id differs") {
    std::string p = pair("abcde-101", "訳", "Src");
    p.replace(p.find("data-stu-id=\"abcde-101"), 22, "data-stu-id=\"abcde-109");
    auto a = load(p + "\n");
    CHECK(count_issues(*a, LoadIssueKind::IdMismatch) == 1);
    CHECK(a->segments.size() == 1);
  }
  SECTION("duplicate and out-of-order ids; 'p' ids are their own sequence") {
    auto a = load(pair("abcde-105", "a", "a") + "\n" + pair("abcde-p101", "b", "b") + "\n" +
                  pair("abcde-106", "c", "c") + "\n" + pair("abcde-105", "d", "d") + "\n" +
                  pair("abcde-104", "e", "e") + "\n");
    CHECK(count_issues(*a, LoadIssueKind::DuplicateId) == 1);
    CHECK(count_issues(*a, LoadIssueKind::IdOrder) == 1);
    CHECK(a->segments.size() == 5);
  }
  SECTION("an id outside the grammar") {
    auto a = load(pair("ABCDE-1", "a", "a") + "\n");
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->segments.size() == 1);
  }
  SECTION("an orphan sxs-lookup") {
    auto a = load("text <span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Src</span></span>\n");
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
  }
}

TEST_CASE("front matter: ordered keys with lines, values, sequences") {
  auto a = load(
      "---\ntitle: パートナー\nf1_keywords:\n- NU1001\n- NU1002\nms.openlocfilehash: b60b86bec70b5c33d65532599fa0421604d9ba12\n"
      "ms.locfileid: \"104712887\"\n---\n# <a name=\"x\"></a>" +
      pair("726a7-103", "見出し", "Heading") + "\n");
  REQUIRE(a->has_front_matter);
  REQUIRE(a->front_matter.size() == 4);
  CHECK(a->front_matter[0].key == "title");
  CHECK(a->front_matter[0].value == "パートナー");
  CHECK(a->front_matter[0].location.line == 2);
  CHECK(a->front_matter[1].kind == ValueKind::Sequence);
  CHECK(a->front_matter[1].value == "NU1001, NU1002");
  CHECK(a->front(std::string_view("ms.locfileid"))->value == "104712887");
  CHECK(a->front(std::string_view("ms.locfileid"))->location.line == 7);
  CHECK(a->front_matter_end.line == 9);
  REQUIRE(a->segments.size() == 1);
  CHECK(a->segments[0].location.line == 9);
  CHECK(a->issues.empty());
}

TEST_CASE("front matter guards and errors") {
  SECTION("none") {
    auto a = load(pair("abcde-101", "a", "b"));
    CHECK_FALSE(a->has_front_matter);
    CHECK(a->segments.size() == 1);
  }
  SECTION("over 64 KiB is not parsed") {
    std::string big = "---\n";
    for (int i = 0; i < 9000; ++i) big += "k" + std::to_string(i) + ": v\n";
    big += "---\n" + pair("abcde-101", "a", "b") + "\n";
    auto a = load(big);
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->front_matter.empty());
    CHECK(a->segments.size() == 1);
  }
  SECTION("nested deeper than 32 is not parsed") {
    std::string deep = "---\nk: " + std::string(10000, '[') + std::string(10000, ']') + "\n---\nbody\n";
    auto a = load(deep);
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    std::string block = "---\n";
    for (int i = 0; i < 40; ++i) block += std::string(i * 2, ' ') + "k:\n";
    auto b = load(block + "---\n");
    CHECK(count_issues(*b, LoadIssueKind::Parse) == 1);
  }
  SECTION("invalid YAML is reported at its line") {
    auto a = load("---\ntitle: ok\nbad: [unclosed\nother: x\n---\n" + pair("abcde-101", "a", "b") + "\n");
    REQUIRE(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->issues[0].location.line >= 3);
    CHECK(a->segments.size() == 1);
  }
  SECTION("unterminated") {
    auto a = load("---\ntitle: x\n" + pair("abcde-101", "a", "b") + "\n");
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->segments.size() == 1);
  }
}

TEST_CASE("nothing inside code is a segment or a link") {
  std::string text = "```html\n" + pair("abcde-101", "a", "b") + "\n[x](in-code.md)\n```\n" +
                     // A ```json with an info string inside an indented ```markdown fence does not close it.
                     "- item\n\n    ```markdown\n    # Hello\n      ```json\n      {}\n      ```\n    ```\n\n" +
                     // A ~~~~ line inside a ``` fence does not close it.
                     "```ps\n~~~~~~~~\n" + pair("abcde-102", "a", "b") + "\n```\n" + pair("abcde-103", "c", "d") +
                     " `[not](a-link.md)` [yes](a-link.md)\n";
  auto a = load(text);
  REQUIRE(a->segments.size() == 1);
  CHECK(a->segments[0].id == "abcde-103");
  CHECK(find_link(*a, "in-code.md") == nullptr);
  REQUIRE(a->links.size() == 1);
  CHECK(a->links[0].target == "a-link.md");
  CHECK(a->code_blocks.size() == 3);
  CHECK(a->issues.empty());
}

TEST_CASE("segment context: heading, table, blockquote alert, HTML cell, wrapping link") {
  std::string text =
      "## <a name=\"sign-in\"></a>" + pair("abcde-101", "サインイン", "Sign in") + "\n\n" +
      "| A | B |\n|---|---|\n|" + pair("abcde-102", "値", "Value") + "|x|\n\n" +
      "> [!NOTE]\n> " + pair("abcde-103", "注意", "Note text") + "\n\n" +
      "<table>\n<tr>\n<td>" + pair("abcde-104", "セル", "Cell") + "</td>\n</tr>\n</table>\n\n" +
      "-   [" + pair("abcde-105", "請求書", "Read your bill") + "](read-your-bill.md)\n";
  auto a = load(text);
  REQUIRE(a->segments.size() == 5);
  const auto& s = a->segments;
  CHECK(s[0].context.block == BlockKind::Heading);
  CHECK(s[0].context.heading_level == 2);
  CHECK(s[1].context.block == BlockKind::TableRow);
  CHECK(s[1].context.in_table);
  CHECK(s[2].context.blockquote_depth == 1);
  CHECK(s[2].context.alert == "NOTE");
  CHECK(s[3].context.in_table);
  CHECK(s[3].context.block == BlockKind::HtmlBlock);
  CHECK_FALSE(s[4].context.in_table);
  CHECK(s[4].context.wrapping_link == "read-your-bill.md");
  const Link* l = find_link(*a, "read-your-bill.md");
  REQUIRE(l);
  CHECK(l->place == LinkPlace::Skeleton);
  CHECK(l->segment == 4);
  CHECK(has_anchor(*a, "sign-in", AnchorKind::NamedAnchor));
  CHECK(has_anchor(*a, "sign-in", AnchorKind::HeadingSlug));
  CHECK(a->issues.empty());
}

TEST_CASE("heading slugs and explicit ids") {
  auto a = load("# " + pair("abcde-101", "パスワード", "Reset my password") + "\n\n## What's new? {#news}\n");
  CHECK(has_anchor(*a, "reset-my-password", AnchorKind::HeadingSlug));
  CHECK(has_anchor(*a, "パスワード", AnchorKind::HeadingSlug));
  CHECK(has_anchor(*a, "news", AnchorKind::ExplicitId));
}

TEST_CASE("links of every kind, with their place and segment") {
  std::string text = pair("abcde-101", "[リンク](a.md#x) と ![画像](img.png)", "[link](a.md#x) and ![image](img.png)") +
                     "\n\n[ref]: https://example.com/ref\n\n<https://example.com/auto> <a href=\"b.md\">b</a> "
                     "<img src=\"c.png\"/>\n\n:::image type=\"content\" source=\"media/d.png\" alt-text=\"d\":::\n\n"
                     "> [!INCLUDE [title](../includes/e.md)]\n";
  auto a = load(text);
  size_t target_links = 0, source_links = 0;
  for (const auto& l : a->links) {
    if (l.place == LinkPlace::Target) {
      ++target_links;
      CHECK(l.segment == 0);
    }
    if (l.place == LinkPlace::Source) {
      ++source_links;
      CHECK(l.segment == 0);
    }
  }
  CHECK(target_links == 2);
  CHECK(source_links == 2);
  CHECK(find_link(*a, "img.png")->kind == LinkKind::Image);
  CHECK(find_link(*a, "https://example.com/ref")->kind == LinkKind::Reference);
  CHECK(find_link(*a, "https://example.com/ref")->text == "ref");
  CHECK(find_link(*a, "https://example.com/auto")->kind == LinkKind::Autolink);
  CHECK(find_link(*a, "b.md")->kind == LinkKind::HtmlHref);
  CHECK(find_link(*a, "c.png")->kind == LinkKind::HtmlSrc);
  CHECK(find_link(*a, "media/d.png")->kind == LinkKind::DocfxImage);
  CHECK(find_link(*a, "../includes/e.md")->place == LinkPlace::Skeleton);
  const Link* x = find_link(*a, "a.md#x");
  REQUIRE(x);
  CHECK(x->location.line == 1);
}

TEST_CASE("entities are decoded for comparisons, raw text is kept") {
  auto a = load(pair("abcde-101", "A &amp; B&nbsp;&#8212;&#x2014; &bogus; &", "A &amp; B") + "\n");
  REQUIRE(a->segments.size() == 1);
  CHECK(a->segments[0].target.raw == "A &amp; B&nbsp;&#8212;&#x2014; &bogus; &");
  CHECK(a->segments[0].target.decoded() == "A & B\u00A0\u2014\u2014 &bogus; &");
  CHECK(a->segments[0].source.decoded() == "A & B");
}

TEST_CASE("encodings and line endings") {
  SECTION("UTF-8 BOM is skipped; columns start after it") {
    auto a = load("\xEF\xBB\xBF" + pair("abcde-101", "a", "b") + "\n");
    CHECK(a->has_bom);
    REQUIRE(a->segments.size() == 1);
    CHECK(a->segments[0].location.column == 1);
  }
  SECTION("CRLF and CR-only lines are counted") {
    auto a = load("---\r\ntitle: t\r\n---\r\n\r\n" + pair("abcde-101", "a", "b") + "\r\n\r" + pair("abcde-102", "c", "d"));
    CHECK(a->has_crlf);
    REQUIRE(a->segments.size() == 2);
    CHECK(a->segments[0].location.line == 5);
    CHECK(a->segments[1].location.line == 7);
    CHECK(a->front_matter.size() == 1);
  }
  SECTION("invalid UTF-8 is reported once with its location; the rest loads") {
    auto a = load("ok\nab\xC3(\xFF\n" + pair("abcde-101", "a", "b") + "\n");
    REQUIRE(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->issues[0].location.line == 2);
    CHECK(a->issues[0].location.column == 3);
    CHECK(a->segments.size() == 1);
  }
  SECTION("NUL bytes") {
    auto a = load(std::string("a\0b\n", 4) + pair("abcde-101", "a", "b"));
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->segments.size() == 1);
  }
  SECTION("UTF-16") {
    auto a = load(std::string("\xFF\xFE#\0 \0", 6));
    CHECK(count_issues(*a, LoadIssueKind::Parse) == 1);
    CHECK(a->segments.empty());
  }
  SECTION("empty file and a file without segments") {
    auto a = load("");
    CHECK(a->issues.empty());
    CHECK(a->segments.empty());
    auto b = load("---\ntitle: x\n---\n# Plain translated page\n");
    CHECK(b->issues.empty());
    CHECK(b->segments.empty());
  }
}

TEST_CASE("inline suppression directives") {
  auto a = load("<!-- tmlint-disable missing-target, links -->\n<!-- tmlint-enable -->\n"
                "<!--\n tmlint-disable-next-line parse-error\n-->\nx\n<!-- tmlint-disable-file -->\n"
                "<!-- tmlint-disabled-typo -->\n");
  REQUIRE(a->directives.size() == 4);
  CHECK(a->directives[0].kind == Directive::Disable);
  CHECK(a->directives[0].rules == std::vector<std::string>{"missing-target", "links"});
  CHECK(a->directives[1].kind == Directive::Enable);
  CHECK(a->directives[1].rules.empty());
  CHECK(a->directives[2].kind == Directive::DisableNextLine);
  CHECK(a->directives[2].line == 5);  // the line where the comment ends
  CHECK(a->directives[3].kind == Directive::DisableFile);
}

TEST_CASE("YAML pages (TOC.yml): hrefs become links at their location") {
  auto a = load_article("TOC.yml", "docs/TOC.yml",
                        "- name: 概要\n  href: index.md\n  items:\n  - name: \"引用\"\n    href: \"quoted.md#x\"\n"
                        "    topicHref: topic.md\n");
  CHECK(a->yaml_page);
  CHECK(a->segments.empty());
  REQUIRE(a->links.size() == 3);
  CHECK(a->links[0].target == "index.md");
  CHECK(a->links[0].location.line == 2);
  CHECK(a->links[0].location.column == 9);
  CHECK(a->links[1].target == "quoted.md#x");
  CHECK(a->links[1].location.column == 12);
  auto bad = load_article("TOC.yml", "TOC.yml", "- name: [unclosed\n  href: a.md\n");
  CHECK(bad->issues.size() == 1);
}

TEST_CASE("fuzz regressions") {
  // fuzz_loader: a stray data-ttu-id= near the end of the file.
  auto a = load_article("a.md", "a.md", "x <i data-ttu-id=");
  CHECK(a->issues.size() == 1);
  // fuzz_front_matter: a null key is not read as the key "NULL".
  LoadLimits yaml_only;
  yaml_only.yaml_fast_path = false;
  auto fast = load_article("b.md", "b.md", "---\nNULL: o1\n---\n");
  auto slow = load_article("b.md", "b.md", "---\nNULL: o1\n---\n", yaml_only);
  REQUIRE(fast->front_matter.size() == slow->front_matter.size());
  CHECK(fast->front_matter[0].key == slow->front_matter[0].key);
  // fuzz_front_matter: lone CRs are line breaks to YAML.
  std::string cr = "---\nrules:    \r \r\r\r---     \nnng-t \r\n---\nbody\n";
  auto fast_cr = load_article("c.md", "c.md", cr);
  auto slow_cr = load_article("c.md", "c.md", cr, yaml_only);
  REQUIRE(fast_cr->front_matter.size() == slow_cr->front_matter.size());
  for (size_t i = 0; i < fast_cr->front_matter.size(); ++i) {
    CHECK(fast_cr->front_matter[i].key == slow_cr->front_matter[i].key);
    CHECK(fast_cr->front_matter[i].value == slow_cr->front_matter[i].value);
  }
}

TEST_CASE("fuzz regressions: a YAML alias bomb in a TOC page") {
  // fuzz_loader (issue 6), within a second on the seed testdata/bad/fm-alias-bomb.md
  // loaded as a TOC page: the walk over the links expanded 9^9 aliased
  // nodes. The walk now visits at most as many nodes as the page has bytes.
  std::string bomb = test::read_file(test::testdata() / "bad/fm-alias-bomb.md");
  bomb = "items:\n- name: x\n  href: a.md\n" + bomb.substr(4, bomb.find("\n---\n", 4) - 4) + "\nmore: [*i, *i]\n";
  auto a = load_article("TOC.yml", "TOC.yml", bomb);
  REQUIRE(a->yaml_page);
  REQUIRE(a->issues.size() == 1);
  CHECK(a->issues[0].message.find("more nodes than it has bytes") != std::string::npos);
  // The first, ordinary part of the page was still read.
  REQUIRE(a->links.size() == 1);
  CHECK(a->links[0].target == "a.md");
}
