// The engine: discovery, batch roots, determinism, suppression.
#include "engine.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "reporters.h"
#include "test_support.h"
#include "tree_index.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {



CheckResult check(const std::vector<std::string>& paths, unsigned jobs = 1) {
  CheckOptions o;
  o.paths = paths;
  o.jobs = jobs;
  return run_check(o);
}

}  // namespace

using tmlint::test::TempDir;

TEST_CASE("engine: discovery skips hidden folders and symlinks out of the tree, takes named files") {
  TempDir dir;
  dir.write("batch/a.md", tmlint::test::sxs_pair("abcde-101", "", "x") + "\n");
  dir.write("batch/.git/b.md", tmlint::test::sxs_pair("bcdef-101", "", "x") + "\n");
  dir.write("batch/sub/c.md", "# no segments\n");
  dir.write("batch/notes.txt", tmlint::test::sxs_pair("cdef0-101", "", "x"));
  dir.write("outside/d.md", tmlint::test::sxs_pair("def01-101", "", "x") + "\n");
  fs::create_directory_symlink(dir.path / "outside", dir.path / "batch/link-out");
  fs::create_symlink(dir.path / "outside/d.md", dir.path / "batch/d-link.md");
  fs::create_directory_symlink(dir.path / "batch", dir.path / "batch/sub/loop");

  CheckResult r = check({(dir.path / "batch").string()});
  CHECK(r.summary.files == 2);  // a.md and sub/c.md
  CHECK(r.summary.segments == 1);
  CHECK(r.io_errors.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].path == (dir.path / "batch/a.md").string());

  // A file named on the command line is checked whatever its extension; a
  // file given twice is checked once.
  CheckResult named = check({(dir.path / "batch/notes.txt").string(), (dir.path / "batch/a.md").string(),
                             (dir.path / "batch/a.md").string()});
  CHECK(named.summary.files == 2);
}

TEST_CASE("engine: relative arguments give relative paths, '.' gives bare paths") {
  TempDir dir;
  dir.write("docs/x/a.md", tmlint::test::sxs_pair("abcde-101", "", "x") + "\n");
  fs::path old = fs::current_path();
  fs::current_path(dir.path);
  CheckResult r1 = check({"docs"});
  CheckResult r2 = check({"."});
  CheckResult r3 = check({"docs/x/a.md"});
  fs::current_path(old);
  REQUIRE(r1.diagnostics.size() == 1);
  CHECK(r1.diagnostics[0].path == "docs/x/a.md");
  REQUIRE(r2.diagnostics.size() == 1);
  CHECK(r2.diagnostics[0].path == "docs/x/a.md");
  REQUIRE(r3.diagnostics.size() == 1);
  CHECK(r3.diagnostics[0].path == "docs/x/a.md");
}

TEST_CASE("engine: an unreadable file is an I/O error and the rest is still checked") {
  if (::geteuid() == 0) {
    WARN("running as root: permissions cannot make a file unreadable; checking a missing path instead");
  }
  TempDir dir;
  dir.write("a.md", tmlint::test::sxs_pair("abcde-101", "", "x") + "\n");
  dir.write("b.md", "x");
  fs::permissions(dir.path / "b.md", fs::perms::none);
  CheckResult r = check({dir.path.string(), (dir.path / "missing.md").string()});
  CHECK(r.diagnostics.size() == 1);
  CHECK_FALSE(r.io_errors.empty());
  fs::permissions(dir.path / "b.md", fs::perms::owner_all);
}

TEST_CASE("engine: identical results with 1 and 4 jobs") {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    std::string id = std::to_string(10000 + i).substr(0, 5);
    dir.write("f" + std::to_string(i) + ".md",
              tmlint::test::sxs_pair(id + "-101", i % 3 ? "訳" : "", "Source") + "\n" + tmlint::test::sxs_pair(id + "-101", "x", "y") + "\n");
  }
  CheckResult a = check({dir.path.string()}, 1);
  CheckResult b = check({dir.path.string()}, 4);
  std::ostringstream ja, jb;
  write_json(ja, a);
  write_json(jb, b);
  CHECK(ja.str() == jb.str());
  CHECK(a.summary.errors > 40);
}

TEST_CASE("engine: inline suppression flags findings instead of dropping them") {
  TempDir dir;
  dir.write("a.md", "<!-- tmlint-disable missing-target -->\n" + tmlint::test::sxs_pair("abcde-101", "", "One") +
                        "\n<!-- tmlint-enable missing-target -->\n" + tmlint::test::sxs_pair("abcde-102", "", "Two") +
                        "\n<!-- tmlint-disable-line structure --> " + tmlint::test::sxs_pair("abcde-102", "z", "Dup") + "\n");
  CheckResult r = check({dir.path.string()});
  size_t suppressed = 0, shown = 0;
  for (const auto& d : r.diagnostics) (d.suppressed ? suppressed : shown)++;
  CHECK(suppressed == 2);  // the first empty target, the duplicate id (category 'structure')
  CHECK(shown == 1);
  CHECK(r.summary.suppressed == 2);
  CHECK(r.summary.errors == 1);
}

TEST_CASE("engine: per-path overrides and excludes from the configuration") {
  TempDir dir;
  dir.write("Archive/a.md", tmlint::test::sxs_pair("abcde-101", "", "x") + "\n");
  dir.write("docs/b.md", tmlint::test::sxs_pair("bcdef-101", "", "x") + "\n");
  dir.write("docs/includes/c.md", tmlint::test::sxs_pair("cdef0-101", "", "x") + "\n");
  CheckOptions o;
  o.paths = {dir.path.string()};
  o.jobs = 2;
  RuleSetting off;
  off.enabled = false;
  o.config.overrides.push_back(Override{{"Archive/**"}, {{"missing-target", off}}});
  o.config.exclude = {"**/includes/**"};
  CheckResult r = run_check(o);
  CHECK(r.summary.files == 2);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].path.find("docs/b.md") != std::string::npos);
}

TEST_CASE("tree index: existence, case-insensitive lookups, siblings") {
  TreeIndex t = TreeIndex::from_paths({"docs/NuGet-Protocols.md", "docs/a.md", "b.md"});
  CHECK(t.exists("docs/a.md"));
  CHECK(t.is_dir("docs"));
  CHECK_FALSE(t.exists("docs/nuget-protocols.md"));
  CHECK(t.find_ignoring_case("docs/nuget-protocols.md") == std::optional<std::string>("docs/NuGet-Protocols.md"));
  CHECK(t.names_in("docs").size() == 2);
  CHECK(t.names_in("").size() == 1);
}

TEST_CASE("engine: --context lets batch rules see the rest of the batch, reporting only the named files") {
  TempDir dir;
  dir.write(".tmlint.yaml", "");
  dir.write("a.md", "---\nms.locfileid: \"100\"\n---\n" + tmlint::test::sxs_pair("abcde-101", "訳", "x") + "\n");
  dir.write("b.md", "---\nms.locfileid: \"100\"\n---\n" + tmlint::test::sxs_pair("bcdef-101", "", "x") + "\n");
  CheckOptions o;
  o.paths = {(dir.path / "a.md").string()};
  o.select = {"duplicate-locfileid", "missing-target"};
  CheckResult alone = run_check(o);
  CHECK(alone.diagnostics.empty());
  o.context = true;
  CheckResult with = run_check(o);
  REQUIRE(with.diagnostics.size() == 1);  // b.md's empty target and its own duplicate are not reported
  CHECK(with.diagnostics[0].rule == "duplicate-locfileid");
  CHECK(with.diagnostics[0].path == (dir.path / "a.md").string());
  CHECK(with.diagnostics[0].message.find("b.md") != std::string::npos);
  CHECK(with.summary.files == 1);
  CHECK(with.files.size() == 1);
}
