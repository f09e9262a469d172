// --source inside a git repository that is not the source's history (a
// snapshot of the English tree committed into a working repository): one
// note, on standard error and in the report's summary, instead of an
// unknown-source-commit finding on every article.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::count_occurrences;
using tmlint::test::read_file;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string q(const fs::path& p) { return q(p.string()); }

struct Outcome {
  int status = -1;
  std::string out, err;
};

Outcome run_tmlint(const TempDir& dir, const std::string& args) {
  fs::path err = dir.path / "stderr.txt";
  auto r = tmlint::test::run_shell(q(std::string(TMLINT_EXE)) + " " + args + " 2> " + q(err));
  return {r.status, r.out, read_file(err)};
}

// Commits everything under `dir` into a new repository there.
void commit_snapshot(const fs::path& dir) {
  REQUIRE(tmlint::test::shell_status("cd " + q(dir) +
                                     " && git init -q . && git add . && git -c user.name=t -c user.email=t@t.invalid "
                                     "-c commit.gpgsign=false commit -q -m snapshot") == 0);
}

const char* kNote = "tmlint: note: none of the ";

}  // namespace

TEST_CASE("source repository: a snapshot committed elsewhere gives one note, in every report and on stderr") {
  TempDir dir;
  // Complete, fresh metadata (the hash is the source's), so the note is all there is.
  for (int i = 0; i < 6; ++i) {
    std::string n = std::to_string(i);
    dir.write("ja/docs/p" + n + ".md",
              "---\ntitle: t\nms.openlocfilehash: b6b987957a57e6df40623b897a0ad636b7493773\n"
              "ms.sourcegitcommit: 0123456789abcdef0123456789abcdef0123456" + std::to_string(i % 2) +
                  "\nms.translationtype: HT\nms.contentlocale: ja-JP\nms.lasthandoff: 03/20/2021\n"
                  "ms.locfileid: \"10" + n + "\"\n---\n" + tmlint::test::sxs_pair("abcd" + n + "-101", "本文", "Body") + "\n");
    dir.write("work/en-us/docs/p" + n + ".md", "Body\n");
  }
  commit_snapshot(dir.path / "work");
  const std::string batch = " --source " + q(dir.path / "work/en-us") + " " + q(dir.path / "ja");

  // JSON: the note in the summary, once on standard error, no finding.
  Outcome json = run_tmlint(dir, "check --format json" + batch);
  INFO(json.err);
  CHECK(json.status == 0);  // a note is not a finding
  CHECK(count_occurrences(json.out, "unknown-source-commit") == 1);
  CHECK(json.out.find("\"notes\": [{\"rule\": \"unknown-source-commit\", \"message\": \"none of the 2 commits that "
                      "ms.sourcegitcommit names (6 articles) is in the git repository that holds --source") !=
        std::string::npos);
  CHECK(json.out.find("\"diagnostics\": []") != std::string::npos);
  CHECK(count_occurrences(json.err, "tmlint: note: ") == 1);
  CHECK(json.err.find(kNote) == 0);
  CHECK(json.err.find("[unknown-source-commit]\n") != std::string::npos);

  // Text on standard output: the note is in its summary, so not repeated on stderr.
  Outcome text = run_tmlint(dir, "check" + batch);
  CHECK(count_occurrences(text.out, kNote) == 1);
  CHECK(text.err.empty());
  // With -q (no summary line) or -o, standard error has it.
  Outcome quiet = run_tmlint(dir, "check -q" + batch);
  CHECK(quiet.out.empty());
  CHECK(count_occurrences(quiet.err, kNote) == 1);

  // SARIF: a notification of the tool's execution; GitHub: one notice.
  Outcome sarif = run_tmlint(dir, "check --format sarif" + batch);
  CHECK(count_occurrences(sarif.out, "\"toolExecutionNotifications\"") == 1);
  CHECK(count_occurrences(sarif.out, "\"associatedRule\": {\"id\": \"unknown-source-commit\"}") == 1);
  CHECK(sarif.out.find("\"results\": []") != std::string::npos);
  Outcome github = run_tmlint(dir, "check --format github" + batch);
  CHECK(github.out.find("::notice title=tmlint unknown-source-commit::none of the 2 commits") == 0);
  CHECK(count_occurrences(github.out, "::") == 2);

  // stats (a whole check) says it on standard error too.
  CHECK(count_occurrences(run_tmlint(dir, "stats" + batch).err, kNote) == 1);

  // Shards that load the whole batch (--context) each note it; merged, it is there once,
  // and the merged JSON is the unsharded run's.
  std::string shards_json, shards_sarif;
  for (int k = 1; k <= 2; ++k) {
    std::string s = std::to_string(k);
    fs::path j = dir.path / ("s" + s + ".json"), f = dir.path / ("s" + s + ".sarif");
    REQUIRE(run_tmlint(dir, "check --shard " + s + "/2 --context --report json:" + q(j) + " --report sarif:" + q(f) +
                            " -q" + batch).status == 0);
    CHECK(read_file(j).find("\"notes\"") != std::string::npos);
    shards_json += " " + q(j);
    shards_sarif += " " + q(f);
  }
  CHECK(run_tmlint(dir, "merge" + shards_json).out == json.out);
  Outcome merged_sarif = run_tmlint(dir, "merge" + shards_sarif);
  CHECK(merged_sarif.status == 0);
  CHECK(count_occurrences(merged_sarif.out, "\"toolExecutionNotifications\"") == 1);
  CHECK(count_occurrences(merged_sarif.out, "none of the 2 commits") == 1);

  // No note, and no "notes" key, for an ordinary run.
  Outcome plain = run_tmlint(dir, "check --format json " + q(dir.path / "ja"));
  CHECK(plain.out.find("notes") == std::string::npos);
  CHECK(plain.err.empty());
}

TEST_CASE("source repository: the SARIF log with a note validates against the SARIF schema") {
  auto schemas = tmlint::test::shared("schemas");
  if (!schemas) return;
  TempDir dir;
  dir.write("ja/a.md", "---\nms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567\n---\n" +
                           tmlint::test::sxs_pair("abcde-101", "本文", "Body") + "\n");
  dir.write("work/en-us/a.md", "Body\n");
  commit_snapshot(dir.path / "work");
  fs::path sarif = dir.path / "out.sarif";
  REQUIRE(run_tmlint(dir, "check --select unknown-source-commit --format sarif -o " + q(sarif) + " --source " + q(dir.path / "work/en-us") + " " +
                          q(dir.path / "ja")).status == 0);
  REQUIRE(read_file(sarif).find("toolExecutionNotifications") != std::string::npos);
  std::string py = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[2])), "
                   "json.load(open(sys.argv[1])))";
  CHECK(tmlint::test::shell_status("/usr/bin/python3 -c " + q(py) + " " + q(*schemas / "sarif-schema-2.1.0.json") +
                                   " " + q(sarif)) == 0);
}

TEST_CASE("corpus: the NuGet English tree committed into another repository: one note, no finding") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  TempDir dir;
  fs::create_directories(dir.path / "work");
  fs::copy(*corpus / "nuget.en-us", dir.path / "work/nuget.en-us", fs::copy_options::recursive);
  commit_snapshot(dir.path / "work");
  Outcome r = run_tmlint(dir, "check --format json --select unknown-source-commit,source-hash-mismatch --source " +
                              q(dir.path / "work/nuget.en-us") + " " + q(*corpus / "nuget.ja-jp"));
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out.find("\"diagnostics\": []") != std::string::npos);
  CHECK(count_occurrences(r.out, "\"rule\": \"unknown-source-commit\"") == 1);  // the note
  CHECK(r.out.find("names (366 articles)") != std::string::npos);
  CHECK(count_occurrences(r.err, kNote) == 1);
}
