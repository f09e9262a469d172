// The segment QA rules (category "qa") on random damaged segments: they never
// crash, never read outside the article, and report inside the file. Pieces
// are the markup the inline lexer decides on (FORMAT.md §3, §5.6), in every
// order, with a fixed seed.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "engine/rule.h"
#include "load/loader.h"
#include "testing/test_support.h"

using namespace tmlint;

namespace {

std::string random_fragment(std::mt19937& rng) {
  static const char* const kPieces[] = {
      "`", "``", "[", "]", "(", ")", "![", "](u.md)", "][r]", "<", ">", "<b>", "</b>", "<br>", "<br/>",
      "<a href=\"x\">", "</a>", "<repo name>", "<any>", "\\<path\\>", "<!--", "-->", "<https://a.b/c>", "*", "**",
      "_", "__", "~~", "\\", "\\*", "\\|", "\\`", "&nbsp;", "&#8212;", "&", "&#", ";", "{0}", "{", "}", "%s", "%",
      "%PATH%", "$(", "$(var)", " ", "  ", "\n", "  \n", "1", "2,000", "1.5", "2/14/17", "10:00", "/", ":", "-",
      "24x7", "300K", "日本", "。", "、", "「", "」", "（", "）", "【", "】", "\"", "a", "the", "the the", "万",
      "\xC2\xA0", "\xE3\x80\x80", "?", ".", "\xFF", "\xE3\x80"};
  std::uniform_int_distribution<size_t> count(0, 24);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string out;
  for (size_t i = count(rng); i > 0; --i) out += kPieces[pick(rng)];
  return out;
}

}  // namespace

TEST_CASE("qa rules: random damaged segments never crash and findings stay inside the file") {
  std::mt19937 rng(20261201);
  const char* const kLocales[] = {"ja-JP", "de-DE", "zh-CN", "fr-FR", ""};
  size_t qa_rules = 0, findings = 0;
  for (const Rule& rule : all_rules()) qa_rules += rule.info.category == "qa" && rule.check_article;
  REQUIRE(qa_rules >= 8);
  for (int round = 0; round < 400; ++round) {
    std::string bytes = "---\nms.contentlocale: " + std::string(kLocales[round % 5]) + "\n---\n\n";
    for (int n = 0; n < 4; ++n) {
      std::string id = "abcde-" + std::to_string(101 + n);
      if (n % 2) bytes += "| a | b |\n|---|---|\n|";
      bytes += test::sxs_pair(id, random_fragment(rng), random_fragment(rng));
      bytes += n % 2 ? "| x |\n\n" : "\n\n";
    }
    auto article = load_article("r.md", "r.md", bytes);
    REQUIRE(article);
    RuleOptions options;
    RunFacts facts;
    ReportFn sink = [&](const Article& a, Location where, std::string_view, std::string message) {
      ++findings;
      CHECK(where.offset <= a.bytes.size());
      CHECK(!message.empty());
    };
    SegmentTextCache text(*article);
    ArticleContext ctx{*article, options, facts, sink, text, article_locale(*article, facts)};
    for (const Rule& rule : all_rules())
      if (rule.info.category == "qa" && rule.check_article) rule.check_article(ctx);
  }
  CHECK(findings > 0);
}
