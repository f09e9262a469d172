// Plain (not sxs) articles through the whole engine: aligned with --source
// (the blob at ms.sourcegitcommit in a git repository, else the working
// file), checked by every rule like sxs articles, mixed with sxs articles,
// and one clear finding for a source that cannot be aligned with.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "engine/run_check.h"
#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::TempDir;
namespace fs = std::filesystem;

namespace {

const char* kFront = "---\ntitle: t\nms.contentlocale: ja-JP\n---\n";

CheckResult run(const TempDir& dir, std::vector<std::string> select = {}, bool keep = true) {
  CheckOptions o;
  o.paths = {(dir.path / "ja").string()};
  o.source_dir = (dir.path / "en").string();
  o.jobs = 1;
  o.select = std::move(select);
  o.keep_articles = keep;
  return run_check(o);
}

size_t count(const CheckResult& r, std::string_view rule) {
  return std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.rule == rule; });
}

const Article& article(const CheckResult& r, std::string_view rel) {
  for (const auto& a : r.articles)
    if (a->rel_path == rel) return *a;
  FAIL("no article " << rel);
  return *r.articles.front();
}

}  // namespace

TEST_CASE("plain articles: aligned pairs are segments; untranslated and missing-translation fire on them") {
  TempDir dir;
  dir.write("en/a.md",
            "# Install the tool\n\nRun the installer from the page. Then restart the computer.\n\n"
            "This paragraph was left in English by the translator, sadly.\n\nSign in with your account.\n");
  dir.write("ja/a.md", std::string(kFront) +
                           "# <a name=\"install-the-tool\"></a>ツールをインストールする\n\n"
                           "ページからインストーラーを実行します。 次に、コンピューターを再起動します。\n\n"
                           "This paragraph was left in English by the translator, sadly.\n");
  CheckResult r = run(dir, {"untranslated", "missing-translation", "extra-content"});
  CHECK(r.io_errors.empty());
  CHECK(r.summary.segments == 4);
  CHECK(r.summary.plain_from_working_file == 1);
  CHECK(plain_source_note(r.summary).find("working file") != std::string::npos);
  const Article& a = article(r, "a.md");
  REQUIRE(a.plain);
  CHECK(a.segments[0].target.raw == "ツールをインストールする");
  CHECK(a.segments[0].source.raw == "Install the tool");
  CHECK(a.segments[0].location.line == 5);
  CHECK(a.segments[0].source.location.line == 1);
  CHECK(a.segments[0].context.block == BlockKind::Heading);
  CHECK(count(r, "untranslated") == 1);
  CHECK(count(r, "missing-translation") == 1);
  CHECK(count(r, "extra-content") == 0);
  // Ids are the same on every run.
  CheckResult again = run(dir, {"untranslated"});
  const Article& b = article(again, "a.md");
  REQUIRE(b.segments.size() == a.segments.size());
  for (size_t i = 0; i < a.segments.size(); ++i) CHECK(a.segments[i].id == b.segments[i].id);
}

TEST_CASE("plain articles: mixed with sxs articles in one batch") {
  TempDir dir;
  dir.write("en/plain.md", "# Title\n\nOne sentence.\n");
  dir.write("en/sxs.md", "# Title\n");
  dir.write("ja/plain.md", std::string(kFront) + "# タイトル\n\n一文です。\n");
  dir.write("ja/sxs.md", std::string(kFront) + "# " + test::sxs_pair("abcde-101", "タイトル", "Title") + "\n");
  CheckResult r = run(dir, {"untranslated"});
  CHECK(article(r, "plain.md").segments.size() == 2);
  CHECK(article(r, "plain.md").plain);
  CHECK(article(r, "sxs.md").segments.size() == 1);
  CHECK_FALSE(article(r, "sxs.md").plain);
  CHECK(article(r, "sxs.md").segments[0].id == "abcde-101");
}

TEST_CASE("plain articles: the source at ms.sourcegitcommit when --source is in a git repository") {
  TempDir dir;
  dir.write("en/a.md", "# Old title\n\nThe old sentence.\n");
  std::string git = "cd " + test::shell_quote((dir.path / "en").string()) +
                    " && git init -q . && git add a.md && GIT_AUTHOR_DATE=2021-01-01T00:00:00Z "
                    "GIT_COMMITTER_DATE=2021-01-01T00:00:00Z git -c user.name=t -c user.email=t@t commit -qm one";
  REQUIRE(test::shell_status(git) == 0);
  test::ShellRun head = test::run_shell("git -C " + test::shell_quote((dir.path / "en").string()) + " rev-parse HEAD");
  REQUIRE(head.status == 0);
  std::string sha = head.out.substr(0, 40);
  dir.write("en/a.md", "# New title\n\nA rewritten sentence.\n");  // the working file moved on
  dir.write("ja/a.md", "---\ntitle: t\nms.sourcegitcommit: " + sha + "\nms.contentlocale: ja-JP\n---\n" +
                           "# 古いタイトル\n\n古い文です。\n");
  CheckResult r = run(dir, {"untranslated"});
  CHECK(r.summary.plain_from_commit == 1);
  const Article& a = article(r, "a.md");
  REQUIRE(a.segments.size() == 2);
  CHECK(a.segments[0].source.raw == "Old title");
  CHECK(a.segments[1].source.raw == "The old sentence.");
  CHECK(a.plain->from_commit);
}

TEST_CASE("plain articles: a source that is missing, empty, binary or another article's is one finding each") {
  TempDir dir;
  std::string body = "# 見出し\n\n一つ目の段落です。\n\n二つ目の段落です。\n\n三つ目の段落です。\n\n四つ目の段落です。\n";
  const std::string front = "---\ntitle: t\nms.openlocfilehash: 0123456789abcdef0123456789abcdef01234567\n"
                            "ms.contentlocale: ja-JP\n---\n";
  for (const char* name : {"empty", "binary", "other", "missing", "fine"})
    dir.write(std::string("ja/") + name + ".md", front + body);
  dir.write("en/empty.md", "---\ntitle: x\n---\n\n");
  dir.write("en/binary.md", std::string("\x7f" "ELF\0\0\0\x01", 8));
  dir.write("en/other.md",
            "```\ncode\n```\n\n| a | b |\n|---|---|\n| `1` | `2` |\n\n```\nmore code\n```\n\n"
            "![image](a.png)\n\n```\nx\n```\n");
  dir.write("en/fine.md", "# Heading\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n");
  CheckResult r = run(dir, {"parse-error", "source-missing"});
  CHECK(r.io_errors.empty());
  std::vector<std::string> where;
  for (const Diagnostic& d : r.diagnostics) where.push_back(d.rel_path + ": " + d.message);
  INFO(::Catch::Detail::stringify(where));
  CHECK(count(r, "parse-error") == 3);
  CHECK(count(r, "source-missing") == 1);
  CHECK(article(r, "fine.md").segments.size() == 5);
  for (const char* name : {"empty", "binary", "other", "missing"}) CHECK(article(r, std::string(name) + ".md").segments.empty());
}

TEST_CASE("plain articles: links inside a pair are the pair's, so link-mismatch compares target and source") {
  TempDir dir;
  dir.write("en/a.md", "# Title\n\nSee [the guide](guide.md) and [the FAQ](faq.md).\n\n- [Read the docs](docs.md)\n");
  dir.write("ja/a.md", std::string(kFront) +
                           "# タイトル\n\n[ガイド](guide.md) と [FAQ](other.md) を参照してください。\n\n"
                           "- [ドキュメントを読む](docs.md)\n");
  CheckResult r = run(dir, {"link-mismatch"});
  REQUIRE(count(r, "link-mismatch") == 1);
  CHECK(r.diagnostics[0].message.find("faq.md") != std::string::npos);
  const Article& a = article(r, "a.md");
  size_t target = 0, source = 0, skeleton = 0;
  for (const Link& l : a.links) {
    target += l.place == LinkPlace::Target;
    source += l.place == LinkPlace::Source;
    skeleton += l.place == LinkPlace::Skeleton;
  }
  CHECK(target == 2);
  CHECK(source == 2);
  CHECK(skeleton == 1);  // the link that wraps the list item's pair
}
