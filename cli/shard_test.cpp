// --shard K/N and tmlint merge: four shards of a corpus, merged, give the
// report of one unsharded run (JSON and JUnit byte for byte, SARIF as the
// same JSON value); the merged reports still validate; usage errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "engine/run_check.h"
#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string exe() { return q(TMLINT_EXE); }
int sh(const std::string& cmd) { return tmlint::test::shell_status(cmd); }

}  // namespace

TEST_CASE("shard: four shards with --context, merged, equal one unsharded run in JSON, SARIF and JUnit") {
  auto corpus = tmlint::test::shared("corpus");
  auto schemas = tmlint::test::shared("schemas");
  if (!corpus || !schemas) return;
  TempDir out;
  const std::string batch = q((*corpus / "partner-center-pr.ja-jp").string());
  auto reports = [&](const std::string& name) {
    return " --report json:" + q((out.path / (name + ".json")).string()) + " --report sarif:" +
           q((out.path / (name + ".sarif")).string()) + " --report junit:" + q((out.path / (name + ".xml")).string());
  };
  CHECK(sh(exe() + " check -q" + reports("all") + " " + batch + " > /dev/null") == 1);
  for (int k = 1; k <= 4; ++k)
    sh(exe() + " check -q --context --shard " + std::to_string(k) + "/4" + reports("shard" + std::to_string(k)) + " " +
       batch + " > /dev/null");
  std::string shards_json, shards_sarif, shards_xml;
  for (int k = 1; k <= 4; ++k) {
    std::string base = (out.path / ("shard" + std::to_string(k))).string();
    shards_json += " " + q(base + ".json");
    shards_sarif += " " + q(base + ".sarif");
    shards_xml += " " + q(base + ".xml");
  }
  fs::path mj = out.path / "merged.json", ms = out.path / "merged.sarif", mx = out.path / "merged.xml";
  REQUIRE(sh(exe() + " merge -o " + q(mj.string()) + shards_json) == 0);
  REQUIRE(sh(exe() + " merge -o " + q(ms.string()) + shards_sarif) == 0);
  REQUIRE(sh(exe() + " merge -o " + q(mx.string()) + shards_xml) == 0);
  std::string all_json = read_file(out.path / "all.json");
  CHECK(all_json.find("\"files\": 352") != std::string::npos);
  CHECK(all_json.find("\"rule\": \"broken-anchor\"") != std::string::npos);  // a batch rule is in the comparison
  CHECK(read_file(mj) == all_json);
  CHECK(read_file(mx) == read_file(out.path / "all.xml"));
  std::string same = "import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)";
  CHECK(sh("/usr/bin/python3 -c " + q(same) + " " + q(ms.string()) + " " + q((out.path / "all.sarif").string())) == 0);
  // The merged reports are still valid for their consumers.
  CHECK(sh("xmllint --noout --schema " + q((*schemas / "junit-10.xsd").string()) + " " + q(mx.string()) + " 2>/dev/null") == 0);
  std::string validate = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))";
  CHECK(sh("/usr/bin/python3 -c " + q(validate) + " " + q((*schemas / "sarif-schema-2.1.0.json").string()) + " " +
           q(ms.string())) == 0);
  // Each shard checked a part: the four parts add up to the batch.
  size_t files = 0;
  for (int k = 1; k <= 4; ++k) {
    std::string j = read_file(out.path / ("shard" + std::to_string(k) + ".json"));
    std::smatch m;
    REQUIRE(std::regex_search(j, m, std::regex("\"files\": (\\d+)")));
    size_t n = std::stoul(m[1]);
    CHECK(n > 40);  // a fair split, not all in one
    files += n;
  }
  CHECK(files == 352);
}

TEST_CASE("shard: without --context, the per-article rules still give the unsharded findings") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  // The rules that look at one article at a time, from the registry.
  std::string rules = tmlint::test::run_shell(exe() + " rules --format json").out;
  std::string select;
  std::regex article_rule("\"id\": \"([a-z-]+)\"[^}]*\"scope\": \"article\"");
  for (auto it = std::sregex_iterator(rules.begin(), rules.end(), article_rule); it != std::sregex_iterator(); ++it)
    select += (select.empty() ? "" : ",") + (*it)[1].str();
  REQUIRE(!select.empty());
  TempDir out;
  const std::string batch = q((*corpus / "nuget.ja-jp").string());
  const std::string common = " check -q --format json --select " + select + " --source " +
                             q((*corpus / "nuget.en-us").string()) + " ";
  std::string all = tmlint::test::run_shell(exe() + common + batch).out;
  std::string shards;
  for (int k = 1; k <= 3; ++k) {
    fs::path p = out.path / (std::to_string(k) + ".json");
    sh(exe() + common + "--shard " + std::to_string(k) + "/3 -o " + q(p.string()) + " " + batch);
    shards += " " + q(p.string());
  }
  CHECK(tmlint::test::run_shell(exe() + " merge" + shards).out == all);
}

TEST_CASE("shard: the split is by path hash, fixed across runs and machines") {
  CHECK(tmlint::shard_of("a.md", 4) == tmlint::shard_of("a.md", 4));
  // FNV-1a 64 of "partner-center/unable-to-sign-in.md": pinned so that a
  // change of hash (which would move files between CI jobs) is deliberate.
  CHECK(tmlint::shard_of("partner-center/unable-to-sign-in.md", 1000003) == 589402);  // computed independently in Python
  size_t per[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4000; ++i) ++per[tmlint::shard_of("docs/article-" + std::to_string(i) + ".md", 4)];
  for (size_t n : per) CHECK((n > 800 && n < 1200));
}

TEST_CASE("shard and merge: usage errors exit 2") {
  TempDir dir;
  dir.write("ja/a.md", sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  for (std::string bad : {"0/4", "5/4", "1/0", "x", "1/", "/4", "1/4x", "-1/4"})
    CHECK(sh(exe() + " check -q --shard " + q(bad) + " " + ja + " 2>/dev/null") == 2);
  fs::path j = dir.path / "a.json", x = dir.path / "a.xml";
  sh(exe() + " check -q --format json -o " + q(j.string()) + " " + ja);
  sh(exe() + " check -q --format junit -o " + q(x.string()) + " " + ja);
  CHECK(sh(exe() + " merge " + q(j.string()) + " " + q(x.string()) + " 2>/dev/null") == 2);  // mixed formats
  CHECK(sh(exe() + " merge " + q(j.string()) + " " + q(j.string()) + " 2>/dev/null") == 2);  // named twice
  fs::path x2 = dir.path / "copy.xml";
  fs::copy_file(x, x2);
  CHECK(sh(exe() + " merge " + q(x.string()) + " " + q(x2.string()) + " 2>/dev/null") == 2);  // a file in two shards
  dir.write("junk.json", "{\"not\": \"a report\"}");
  CHECK(sh(exe() + " merge " + q((dir.path / "junk.json").string()) + " 2>/dev/null") == 2);
  CHECK(sh(exe() + " merge " + q((dir.path / "missing.json").string()) + " 2>/dev/null") == 2);
  CHECK(sh(exe() + " merge " + q(j.string()) + " > /dev/null") == 0);
}

TEST_CASE("progress: a line on a terminal's stderr, nothing in a pipe or a CI log") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  REQUIRE(std::system("command -v script >/dev/null 2>&1") == 0);  // bsdutils, installed by setup.sh
  const std::string batch = q((*corpus / "nuget.ja-jp").string());
  // script(1) gives tmlint a pseudo-terminal; stdout goes to a file so only
  // stderr reaches the terminal.
  TempDir dir;
  std::string cmd = exe() + " check -o " + q((dir.path / "r.txt").string()) + " " + batch;
  std::string tty = tmlint::test::run_shell("script -qec " + q(cmd) + " /dev/null 2>/dev/null").out;
  CHECK(tty.find("/370 files, ") != std::string::npos);  // 369 articles and a TOC.yml
  CHECK(tty.find("tmlint: 370/370 files") != std::string::npos);
  CHECK(tty.find("\r" + std::string(20, ' ')) != std::string::npos);  // erased at the end, with blanks
  CHECK(tty.find('\x1b') == std::string::npos);  // no escape sequence: plain text for NO_COLOR
  std::string piped = tmlint::test::run_shell(exe() + " check " + batch + " 2>&1").out;
  CHECK(piped.find("files/s") == std::string::npos);
  std::string quiet = tmlint::test::run_shell("script -qec " + q(cmd + " -q") + " /dev/null 2>/dev/null").out;
  CHECK(quiet.find("files/s") == std::string::npos);
}
