// --shard K/N and tmlint merge: four shards of a corpus, merged, give the
// report of one unsharded run (JSON and JUnit byte for byte, SARIF as the
// same JSON value); the merged reports still validate; usage errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

// The ids of the rules that compare articles (scope batch or article+batch).
std::vector<std::string> batch_rules() {
  std::vector<std::string> ids;
  for (const auto& r : nlohmann::json::parse(tmlint::test::run_shell(exe() + " rules --format json").out))
    if (r["scope"].get<std::string>().find("batch") != std::string::npos) ids.push_back(r["id"]);
  return ids;
}

// Checks `batch` once and as `shards` shards without --context (each
// writing its facts beside its reports), merges, and compares: JSON and
// JUnit byte for byte, SARIF as a JSON value, the exit codes. Returns the
// unsharded JSON report.
std::string compare_sharded(const std::string& batch, unsigned shards, const fs::path& out,
                            const std::string& options = "") {
  auto reports = [&](const std::string& name) {
    return " --report json:" + q((out / (name + ".json")).string()) + " --report sarif:" +
           q((out / (name + ".sarif")).string()) + " --report junit:" + q((out / (name + ".xml")).string());
  };
  const int status = sh(exe() + " check -q -j 2" + options + reports("all") + " " + batch + " > /dev/null");
  std::string json, sarif, xml;
  for (unsigned k = 1; k <= shards; ++k) {
    const std::string name = "shard" + std::to_string(k);
    sh(exe() + " check -q -j 2 --shard " + std::to_string(k) + "/" + std::to_string(shards) + options +
       reports(name) + " " + batch + " > /dev/null");
    CHECK(fs::exists(out / (name + ".json.facts")));
    CHECK(fs::exists(out / (name + ".xml.facts")));
    json += " " + q((out / (name + ".json")).string());
    sarif += " " + q((out / (name + ".sarif")).string());
    xml += " " + q((out / (name + ".xml")).string());
  }
  const fs::path mj = out / "merged.json", ms = out / "merged.sarif", mx = out / "merged.xml";
  // The merge exits as the unsharded run does (here 0 or 1).
  CHECK(sh(exe() + " merge -q -o " + q(mj.string()) + json) == status);
  CHECK(sh(exe() + " merge -q -o " + q(ms.string()) + sarif) == status);
  CHECK(sh(exe() + " merge -q -o " + q(mx.string()) + xml) == status);
  const std::string all = read_file(out / "all.json");
  CHECK(read_file(mj) == all);
  CHECK(read_file(mx) == read_file(out / "all.xml"));
  CHECK(nlohmann::json::parse(read_file(ms)) == nlohmann::json::parse(read_file(out / "all.sarif")));
  return all;
}

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

TEST_CASE("shard: without --context, merge runs the batch rules over the shards' facts (each batch rule's testdata)") {
  // A number of shards that puts the two articles sharing a locfileid in
  // different shards: only a merge that runs the batch rules finds it.
  unsigned n = 2;
  while (tmlint::shard_of("a.md", n) == tmlint::shard_of("b.md", n)) ++n;
  size_t compared = 0;
  for (const std::string& rule : batch_rules()) {
    const fs::path dir = tmlint::test::testdata() / "rules" / rule;
    if (!fs::is_directory(dir)) continue;
    INFO(rule << ", " << n << " shards");
    TempDir out;
    const std::string all = compare_sharded(q(dir.string()), n, out.path);
    ++compared;
    if (rule == "duplicate-locfileid" || rule == "broken-anchor") {
      // Found across shards, by the merge alone: no shard reports it.
      CHECK(all.find("\"rule\": \"" + rule + "\"") != std::string::npos);
      for (unsigned k = 1; k <= n; ++k)
        CHECK(read_file(out.path / ("shard" + std::to_string(k) + ".json")).find("\"rule\": \"" + rule + "\"") ==
              std::string::npos);
    }
  }
  CHECK(compared >= 8);
}

TEST_CASE("shard: merge refuses missing, damaged or mismatching facts files, exit 2") {
  TempDir dir;
  std::string a, b;  // two articles in different shards of 2, one locfileid
  for (int i = 0; b.empty(); ++i) {
    std::string name = "f" + std::to_string(i) + ".md";
    if (a.empty()) a = name;
    else if (tmlint::shard_of(name, 2) != tmlint::shard_of(a, 2)) b = name;
  }
  dir.write("ja/" + a, "---\nms.locfileid: \"7\"\n---\n" + sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  dir.write("ja/" + b, "---\nms.locfileid: \"7\"\n---\n" + sxs_pair("aaaab-101", "いいえ", "No") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  auto path = [&](const std::string& name) { return q((dir.path / name).string()); };
  std::string unsharded = tmlint::test::run_shell(exe() + " check -q --format json " + ja).out;
  REQUIRE(unsharded.find("duplicate-locfileid") != std::string::npos);
  sh(exe() + " check -q --shard 1/2 -o " + path("s1.json") + " --format json " + ja);
  sh(exe() + " check -q --shard 2/2 -o " + path("s2.json") + " --format json " + ja);
  const std::string s12 = " " + path("s1.json") + " " + path("s2.json");
  auto merge = [&](const std::string& args) { return tmlint::test::run_shell(exe() + " merge" + args + " 2>&1"); };
  REQUIRE(merge(s12).status == 1);  // the duplicate, found by the merge
  CHECK(tmlint::test::run_shell(exe() + " merge" + s12).out == unsharded);

  // Named with --facts instead of found beside the reports.
  fs::rename(dir.path / "s1.json.facts", dir.path / "one.facts");
  fs::rename(dir.path / "s2.json.facts", dir.path / "two.facts");
  CHECK(tmlint::test::run_shell(exe() + " merge --facts " + path("two.facts") + " --facts " + path("one.facts") + s12)
            .out == unsharded);
  // One beside its report, the other not: a shard's facts missing.
  fs::copy_file(dir.path / "one.facts", dir.path / "s1.json.facts");
  auto missing = merge(s12);
  CHECK(missing.status == 2);
  CHECK(missing.out.find("s2.json.facts is missing") != std::string::npos);
  // A shard missing, or given twice.
  auto alone = merge(" --facts " + path("one.facts") + " " + path("s1.json"));
  CHECK(alone.status == 2);
  CHECK(alone.out.find("no facts file of shard 2/2") != std::string::npos);
  fs::copy_file(dir.path / "one.facts", dir.path / "again.facts");
  auto twice = merge(" --facts " + path("one.facts") + " --facts " + path("again.facts") + s12);
  CHECK(twice.status == 2);
  CHECK(twice.out.find("both shard 1/2") != std::string::npos);
  // Cut short.
  std::string bytes = read_file(dir.path / "two.facts");
  dir.write("cut.facts", bytes.substr(0, bytes.size() - 5));
  auto cut = merge(" --facts " + path("one.facts") + " --facts " + path("cut.facts") + s12);
  CHECK(cut.status == 2);
  CHECK(cut.out.find("cut.facts: the facts file is cut short or damaged") != std::string::npos);
  CHECK(merge(" --facts " + path("s1.json") + " --facts " + path("two.facts") + s12).status == 2);  // not facts
  // Reports of other runs than the facts: shard 1 of 2 of a bigger batch.
  dir.write("ja/more.md", sxs_pair("aaaac-101", "たぶん", "Maybe") + "\n");
  dir.write("ja/more2.md", sxs_pair("aaaad-101", "たぶん", "Maybe") + "\n");
  sh(exe() + " check -q --shard 1/2 -o " + path("new1.json") + " --format json " + ja);
  sh(exe() + " check -q --shard 2/2 -o " + path("new2.json") + " --format json " + ja);
  auto other = merge(" --facts " + path("one.facts") + " --facts " + path("two.facts") + " " + path("new1.json") + " " +
                     path("new2.json"));
  CHECK(other.status == 2);
  CHECK(other.out.find("different runs") != std::string::npos);
  for (const char* f : {"one.facts", "two.facts", "again.facts", "cut.facts", "s1.json.facts"}) CHECK(fs::exists(dir.path / f));

  // check: --facts only for a shard without --context; no baseline there.
  CHECK(sh(exe() + " check -q --facts " + path("x.facts") + " " + ja + " > /dev/null 2>&1") == 2);
  CHECK(sh(exe() + " check -q --shard 1/2 --context --facts " + path("x.facts") + " " + ja + " > /dev/null 2>&1") == 2);
  CHECK(sh(exe() + " check -q --shard 1/2 --write-baseline " + path("b.json") + " -o " + path("s.json") +
           " --format json " + ja + " > /dev/null 2>&1") == 2);
  CHECK(!fs::exists(dir.path / "x.facts"));
  // A report rewritten by a run that writes no facts (here with --context)
  // takes its stale facts file away, so merge cannot mix the two runs.
  REQUIRE(fs::exists(dir.path / "new1.json.facts"));
  sh(exe() + " check -q --shard 1/2 --context -o " + path("new1.json") + " --format json " + ja);
  CHECK(!fs::exists(dir.path / "new1.json.facts"));
  CHECK(fs::exists(dir.path / "new2.json.facts"));
  // A shard writing to standard output only has nowhere to put its facts: it says so.
  auto to_stdout = tmlint::test::run_shell(exe() + " check --shard 1/2 --format json " + ja + " 2>&1 >/dev/null");
  CHECK(to_stdout.out.find("batch rules compare this shard's files only") != std::string::npos);
}

TEST_CASE("shard: four shards of Partner Center without --context, merged, equal one unsharded run") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  TempDir out;
  const std::string all = compare_sharded(q((*corpus / "partner-center-pr.ja-jp").string()), 4, out.path);
  CHECK(all.find("\"files\": 352") != std::string::npos);
  // Batch findings are in the comparison, and only the merge made them.
  for (const std::string rule : {"broken-anchor", "inconsistent-translation"}) {
    INFO(rule);
    CHECK(all.find("\"rule\": \"" + rule + "\"") != std::string::npos);
    for (int k = 1; k <= 4; ++k)
      CHECK(read_file(out.path / ("shard" + std::to_string(k) + ".json")).find("\"rule\": \"" + rule + "\"") ==
            std::string::npos);
  }
}
