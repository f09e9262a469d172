// The baseline round trip: record, add a defect (only it is reported), move
// lines (nothing new), fix one (stale entry listed), prune.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "testing/test_support.h"

using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

struct Out {
  int status;
  std::string text;
};

// tmlint with stdout and stderr together.
Out run(const std::string& args, const TempDir&) {
  auto r = tmlint::test::run_shell(tmlint::test::shell_quote(TMLINT_EXE) + " " + args + " 2>&1");
  return {r.status, r.out};
}

}  // namespace

TEST_CASE("baseline: only new findings, moved lines stay known, fixed ones are listed and pruned") {
  TempDir dir;
  const std::string a = sxs_pair("abcde-101", "", "Empty one") + "\n" + sxs_pair("abcde-102", "", "Empty two") + "\n";
  dir.write("docs/a.md", a);
  const std::string docs = "'" + (dir.path / "docs").string() + "'";
  const std::string bl = "'" + (dir.path / "baseline.json").string() + "'";

  Out first = run("check " + docs + " --write-baseline " + bl, dir);
  CHECK(first.status == 1);  // the findings are still reported while recording
  CHECK(read_file(dir.path / "baseline.json").find("\"rule\": \"missing-target\"") != std::string::npos);

  Out known = run("check " + docs + " --baseline " + bl, dir);
  CHECK(known.status == 0);
  CHECK(known.text.find("(2 in the baseline)") != std::string::npos);

  // A new defect is the only finding.
  dir.write("docs/b.md", sxs_pair("bcdef-101", "", "New") + "\n");
  Out added = run("check " + docs + " --baseline " + bl, dir);
  CHECK(added.status == 1);
  CHECK(added.text.find("b.md:1:1: error") != std::string::npos);
  CHECK(added.text.find("a.md") == std::string::npos);
  std::remove((dir.path / "docs/b.md").c_str());

  // Lines moved down: nothing new.
  dir.write("docs/a.md", "# Title\n\nIntro.\n\n" + a);
  Out moved = run("check " + docs + " --baseline " + bl, dir);
  CHECK(moved.status == 0);

  // One fixed: the stale entry is listed, and pruned on request.
  dir.write("docs/a.md", sxs_pair("abcde-101", "", "Empty one") + "\n" + sxs_pair("abcde-102", "訳", "Empty two") + "\n");
  Out fixed = run("check " + docs + " --baseline " + bl, dir);
  CHECK(fixed.status == 0);
  CHECK(fixed.text.find("1 baseline entry no longer matches") != std::string::npos);
  CHECK(fixed.text.find("--prune-baseline removes them") != std::string::npos);
  run("check " + docs + " --baseline " + bl + " --prune-baseline", dir);
  std::string pruned = read_file(dir.path / "baseline.json");
  CHECK(pruned.find("abcde-101") != std::string::npos);
  CHECK(pruned.find("abcde-102") == std::string::npos);
  Out clean = run("check " + docs + " --baseline " + bl, dir);
  CHECK(clean.text.find("no longer match") == std::string::npos);

  CHECK(run("check " + docs + " --baseline '" + (dir.path / "missing.json").string() + "'", dir).status == 2);
}
