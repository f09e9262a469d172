// The options every subcommand shares (README "Options common to every
// subcommand"): --format, -o/--output and -q/--quiet everywhere; --source,
// --root, --locale, --config and -j/--jobs wherever articles are read
// (check, align, stats). Each subcommand is run with all of them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string q(const fs::path& p) { return q(p.string()); }

struct Outcome {
  int status = -1;
  std::string out, err;  // standard output, standard error
};

Outcome run(const TempDir& dir, const std::string& args) {
  fs::path err = dir.path / "stderr.txt";
  auto r = tmlint::test::run_shell("cd " + q(dir.path) + " && " + q(std::string(TMLINT_EXE)) + " " + args + " 2> " +
                                   q(err));
  return {r.status, r.out, read_file(err)};
}

// A batch (ja/), its source tree (en/) and a configuration file.
void write_batch(const TempDir& dir) {
  const std::string front =
      "---\ntitle: t\nms.openlocfilehash: 0123456789abcdef0123456789abcdef01234567\n"
      "ms.sourcegitcommit: 0123456789abcdef0123456789abcdef01234567\nms.translationtype: MT\n"
      "ms.contentlocale: ja-JP\nms.lasthandoff: 03/20/2021\nms.locfileid: \"";
  dir.write("ja/docs/a.md", front + "1\"\n---\n" + tmlint::test::sxs_pair("abcde-101", "本文です。", "The body.") + "\n");
  dir.write("ja/docs/b.md", front + "2\"\n---\n" + tmlint::test::sxs_pair("abcdf-101", "", "Empty target.") + "\n");
  dir.write("en/docs/a.md", "The body.\n");
  dir.write("en/docs/b.md", "Empty target.\n");
  dir.write("tmlint.yaml", "rules:\n  stale-translation: info\n");
}

const std::string kReading = " --source en --root ja --locale ja-JP --config tmlint.yaml -j 2 -q ja";

}  // namespace

TEST_CASE("options: check, align and stats take every common option") {
  TempDir dir;
  write_batch(dir);

  Outcome check = run(dir, "check --format json -o check.json" + kReading);
  INFO(check.err);
  CHECK(check.status == 1);  // missing-target is an error
  CHECK(check.out.empty());
  CHECK(check.err.empty());
  std::string json = read_file(dir.path / "check.json");
  CHECK(json.find("\"tool\": \"tmlint\"") != std::string::npos);
  CHECK(json.find("\"rule\": \"missing-target\"") != std::string::npos);
  // --config applied: stale-translation (a warning by default) is an info here.
  CHECK(json.find("\"rule\": \"stale-translation\", \"severity\": \"info\"") != std::string::npos);

  Outcome align = run(dir, "align --format tsv -o pairs.tsv" + kReading);
  INFO(align.err);
  CHECK(align.status == 0);
  CHECK(align.out.empty());
  CHECK(align.err.empty());  // -q: no summary on standard error
  CHECK(read_file(dir.path / "pairs.tsv").find("The body.\t本文です。") != std::string::npos);

  Outcome stats = run(dir, "stats --format csv -o stats.csv" + kReading);
  INFO(stats.err);
  CHECK(stats.status == 0);
  CHECK(stats.out.empty());
  CHECK(stats.err.empty());
  CHECK(read_file(dir.path / "stats.csv").find("docs/a.md") != std::string::npos);
}

TEST_CASE("options: merge and rules take --format, --output and --quiet") {
  TempDir dir;
  write_batch(dir);
  REQUIRE(run(dir, "check --shard 1/2 --format json -o s1.json ja").status != 2);
  REQUIRE(run(dir, "check --shard 2/2 --format json -o s2.json ja").status != 2);
  REQUIRE(run(dir, "check --shard 1/2 --format sarif -o s1.sarif ja").status != 2);
  REQUIRE(run(dir, "check --shard 2/2 --format sarif -o s2.sarif ja").status != 2);

  Outcome merged = run(dir, "merge --format json -o merged.json -q s1.json s2.json");
  INFO(merged.err);
  // The shards wrote their facts beside their reports (s1.json.facts): the
  // merge exits as one unsharded run does.
  CHECK(merged.status == run(dir, "check -q ja").status);
  CHECK(merged.out.empty());
  CHECK(merged.err.empty());
  CHECK(read_file(dir.path / "merged.json").find("\"files\": 2") != std::string::npos);
  // Without -o, to standard output; --format is checked against the inputs.
  CHECK(run(dir, "merge --format json s1.json s2.json").out == read_file(dir.path / "merged.json"));
  CHECK(run(dir, "merge --format sarif -q s1.sarif s2.sarif").status == merged.status);
  Outcome wrong = run(dir, "merge --format sarif s1.json s2.json");
  CHECK(wrong.status == 2);
  CHECK(wrong.out.empty());
  CHECK(wrong.err.find("--format sarif: the reports are json") != std::string::npos);
  CHECK(run(dir, "merge --format xml s1.json").status == 2);
  CHECK(!fs::exists(dir.path / "never.json"));
  CHECK(run(dir, "merge --format junit -o never.json s1.json s2.json").status == 2);
  CHECK(!fs::exists(dir.path / "never.json"));  // nothing written on a mismatch

  Outcome rules = run(dir, "rules --format json -o rules.json -q");
  CHECK(rules.status == 0);
  CHECK(rules.out.empty());
  CHECK(rules.err.empty());
  CHECK(read_file(dir.path / "rules.json") == run(dir, "rules --format json").out);
  CHECK(read_file(dir.path / "rules.json").find("\"id\": \"unknown-source-commit\"") != std::string::npos);
}

TEST_CASE("options: each subcommand's --help lists the common options") {
  TempDir dir;
  for (const char* sub : {"check", "align", "stats", "merge", "rules"}) {
    Outcome help = run(dir, std::string(sub) + " --help");
    INFO(sub);
    CHECK(help.status == 0);
    for (const char* opt : {"--format", "-o,--output", "-q,--quiet"}) {
      INFO(opt);
      CHECK(help.out.find(opt) != std::string::npos);
    }
    bool reads_articles = std::string(sub) != "merge" && std::string(sub) != "rules";
    for (const char* opt : {"--source", "--root", "--locale", "--config", "-j,--jobs"}) {
      INFO(opt);
      CHECK((help.out.find(opt) != std::string::npos) == reads_articles);
    }
  }
  // What reads no article refuses what only applies to articles (exit 2).
  CHECK(run(dir, "merge --jobs 2 x.json").status == 2);
  CHECK(run(dir, "rules --config x.yaml").status == 2);
}

TEST_CASE("options: -q silences the progress line of check, align and stats on a terminal") {
  REQUIRE(std::system("command -v script >/dev/null 2>&1") == 0);  // bsdutils, installed by setup.sh
  TempDir dir;
  write_batch(dir);
  for (const char* sub : {"check", "align", "stats"}) {
    INFO(sub);
    // script(1) gives tmlint a pseudo-terminal; stdout goes to a file so only
    // stderr reaches the terminal.
    std::string cmd = "cd " + q(dir.path) + " && " + q(std::string(TMLINT_EXE)) + " " + sub + " -o out ja";
    std::string tty = tmlint::test::run_shell("script -qec " + q(cmd) + " /dev/null 2>/dev/null").out;
    CHECK(tty.find("tmlint: 2/2 files") != std::string::npos);
    std::string quiet = tmlint::test::run_shell("script -qec " + q(cmd + " -q") + " /dev/null 2>/dev/null").out;
    CHECK(quiet.find("files/s") == std::string::npos);
  }
}

TEST_CASE("options: check's facts cache goes to --cache-dir, else XDG_CACHE_HOME, else HOME, nowhere with --no-cache") {
  TempDir dir;
  write_batch(dir);
  auto files_in = [&](const std::string& rel) {
    size_t n = 0;
    if (fs::exists(dir.path / rel))
      for (const auto& e : fs::directory_iterator(dir.path / rel)) n += e.path().filename().string().rfind("facts-", 0) == 0;
    return n;
  };
  // tmlint with an environment of its own (XDG_CACHE_HOME and HOME inside dir).
  auto tmlint = [&](const std::string& env, const std::string& options) {
    return tmlint::test::run_shell("cd " + q(dir.path) + " && env -u XDG_CACHE_HOME " + env + " " +
                                   q(std::string(TMLINT_EXE)) + " check --context --root ja -q ja/docs/b.md " +
                                   options + " 2> /dev/null");
  };
  const std::string both = "XDG_CACHE_HOME=" + q(dir.path / "xdg") + " HOME=" + q(dir.path / "home");
  auto none = tmlint(both, "--no-cache --cache-dir c");
  CHECK(files_in("c") + files_in("xdg/tmlint") + files_in("home/.cache/tmlint") == 0);
  auto given = tmlint(both, "--cache-dir c");
  CHECK(files_in("c") == 1);
  CHECK(files_in("xdg/tmlint") + files_in("home/.cache/tmlint") == 0);
  auto xdg = tmlint(both, "");
  CHECK(files_in("xdg/tmlint") == 1);
  CHECK(files_in("home/.cache/tmlint") == 0);
  auto home = tmlint("HOME=" + q(dir.path / "home"), "");
  CHECK(files_in("home/.cache/tmlint") == 1);
  // The same findings every way, cold or warm.
  auto warm = tmlint(both, "--cache-dir c");
  for (const auto* r : {&given, &xdg, &home, &warm}) {
    CHECK(r->out == none.out);
    CHECK(r->status == none.status);
  }
  CHECK(none.out.find("b.md") != std::string::npos);
}
