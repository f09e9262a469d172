// tmlint stats against counts made independently here, straight from the
// files: segments (occurrences of data-ttu-id=, as the corpus README counts
// them), MT/HT articles from their front matter, Markdown files; stale and
// fresh NuGet articles from the corpus README; CSV read by Python's csv.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string exe() { return q(TMLINT_EXE); }

struct Independent {
  size_t files = 0, segments = 0, mt = 0, ht = 0;
};

Independent count_tree(const fs::path& root) {
  Independent n;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename().string().rfind('.', 0) == 0) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    ++n.files;
    std::string text = read_file(it->path());
    for (size_t at = text.find("data-ttu-id="); at != std::string::npos; at = text.find("data-ttu-id=", at + 1))
      ++n.segments;
    n.mt += text.find("\nms.translationtype: MT\n") != std::string::npos;
    n.ht += text.find("\nms.translationtype: HT\n") != std::string::npos;
  }
  return n;
}

size_t json_number(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  return std::stoul(json.substr(at + key.size() + 4));
}

}  // namespace

TEST_CASE("stats: both corpora match counts made from the files themselves") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  for (std::string name : {"partner-center-pr.ja-jp", "nuget.ja-jp"}) {
    INFO(name);
    Independent n = count_tree(*corpus / name);
    auto r = tmlint::test::run_shell(exe() + " stats --format json " + q((*corpus / name).string()));
    CHECK(r.status == 0);
    size_t total = r.out.find("\"total\"");
    REQUIRE(total != std::string::npos);
    std::string head = r.out.substr(total, r.out.find("\"articles\": [") - total);
    CHECK(json_number(head, "articles") == n.files);
    CHECK(json_number(head, "segments") == n.segments);
    CHECK(json_number(head, "mt_articles") == n.mt);
    CHECK(json_number(head, "ht_articles") == n.ht);
    CHECK(json_number(head, "source_words") > n.segments);  // sanity: words are counted
  }
  // The figures FORMAT.md §7 gives.
  CHECK(count_tree(*corpus / "partner-center-pr.ja-jp").mt == 245);
  CHECK(count_tree(*corpus / "nuget.ja-jp").ht == 100);
}

TEST_CASE("stats: with --source, the 41 stale and 325 fresh NuGet articles") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  auto r = tmlint::test::run_shell(exe() + " stats --format json --source " + q((*corpus / "nuget.en-us").string()) +
                                   " " + q((*corpus / "nuget.ja-jp").string()));
  CHECK(r.status == 0);
  CHECK(json_number(r.out, "stale_articles") == 41);
  CHECK(json_number(r.out, "fresh_articles") == 325);
  CHECK(json_number(r.out, "unknown_staleness") == 3);
  // Each stale path of the README is marked stale in its row.
  std::string list = read_file(*corpus / "nuget-stale-2773e135.txt");
  std::string first = list.substr(0, list.find('\n'));
  size_t row = r.out.find(first + "\"");
  REQUIRE(row != std::string::npos);
  CHECK(r.out.substr(row, 300).find("\"staleness\": \"stale\"") != std::string::npos);
}

TEST_CASE("stats: text, JSON and CSV of a small batch") {
  TempDir dir;
  const std::string front = "---\nms.translationtype: MT\nms.contentlocale: ja-JP\nms.lasthandoff: 05/13/2021\n---\n";
  dir.write("ja/a, \"quoted\".md", front + sxs_pair("aaaaa-101", "パスワードをリセット", "Reset the password") + "\n\n" +
                                       sxs_pair("aaaaa-102", "", "Dropped translation here.") + "\n");
  dir.write("ja/b.md", "---\nms.translationtype: HT\n---\n" + sxs_pair("bbbbb-101", "はい", "Yes") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  auto text = tmlint::test::run_shell(exe() + " stats " + ja);
  CHECK(text.status == 0);
  CHECK(text.out.find("2 articles: 1 MT, 1 HT; 0 stale, 0 fresh, 2 unknown") != std::string::npos);
  CHECK(std::regex_search(text.out, std::regex("TOTAL +3 +7 +12 .* 33\\.3%")));
  auto json = tmlint::test::run_shell(exe() + " stats --format json " + ja);
  CHECK(json.out.find("\"segments\": 2, \"source_words\": 6, \"target_characters\": 10, \"untranslated\": 1, "
                      "\"untranslated_share\": 0.5000") != std::string::npos);
  CHECK(tmlint::test::shell_status("/usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)' <<'EOF'\n" + json.out +
                                   "EOF\n") == 0);
  fs::path csv = dir.path / "stats.csv";
  CHECK(tmlint::test::shell_status(exe() + " stats --format csv -o " + q(csv.string()) + " " + ja) == 0);
  std::string py = "import csv,sys; rows = list(csv.reader(open(sys.argv[1], newline=''))); "
                   "assert len(rows) == 4, rows; assert rows[1][0].endswith('a, \"quoted\".md'), rows[1]; "
                   "assert rows[3][0] == 'TOTAL' and rows[3][5] == '3', rows[3]";
  CHECK(tmlint::test::shell_status("/usr/bin/python3 -c " + q(py) + " " + q(csv.string())) == 0);
  CHECK(tmlint::test::shell_status(exe() + " stats " + q((dir.path / "missing").string()) + " 2>/dev/null") == 2);
}
