// The git-backed metadata checks on a repository built for the test (the
// fixture's make-source.sh: two commits, the second changing docs/page.md).
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/sha1.h"
#include "engine/run_check.h"
#include "sources/source_history.h"
#include "testing/test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFirst = "cb78cb18f80b7aabb2acc8be6f95652930674982";

fs::path make_repo() {
  fs::path dir = fs::temp_directory_path() / ("tmlint-git-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "repo");
  std::string script = (test::testdata() / "rules/unknown-source-commit/make-source.sh").string();
  REQUIRE(std::system(("sh '" + script + "' '" + (dir / "repo").string() + "' > /dev/null").c_str()) == 0);
  return dir;
}

}  // namespace

TEST_CASE("git history: commits, files at a commit, changes since") {
  fs::path dir = make_repo();
  auto history = open_source_history((dir / "repo").string());
  REQUIRE(history);
  CHECK(history->has_commit(kFirst));
  CHECK_FALSE(history->has_commit("0123456789abcdef0123456789abcdef01234567"));
  auto v1 = history->file_at(kFirst, "docs/page.md");
  REQUIRE(v1);
  CHECK(*v1 == "# Page\n\nThe first version of the page.\n");
  CHECK_FALSE(history->file_at(kFirst, "docs/missing.md"));
  FileChanges page = history->changes_since(kFirst, "docs/page.md");
  CHECK(page.commits == 1);
  CHECK(page.newest_date == "2021-02-08");
  CHECK(history->changes_since(kFirst, "docs/other.md").commits == 0);
  // --source may be a folder inside the work tree.
  auto sub = open_source_history((dir / "repo/docs").string());
  REQUIRE(sub);
  CHECK(sub->file_at(kFirst, "page.md"));
  CHECK_FALSE(open_source_history(dir.string()));  // not a repository
  fs::remove_all(dir);
}

TEST_CASE("stale-translation says how far behind, from the git history") {
  fs::path dir = make_repo();
  std::string v1 = "# Page\n\nThe first version of the page.\n";
  fs::create_directories(dir / "ja/docs");
  std::ofstream(dir / "ja/docs/page.md")
      << "---\nms.openlocfilehash: " << sha1_hex(v1) << "\nms.sourcegitcommit: " << kFirst
      << "\nms.lasthandoff: 03/20/2021\n---\n<span data-ttu-id=\"abcde-101\">本文</span><span "
         "class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Body</span></span>\n";
  CheckOptions o;
  o.paths = {(dir / "ja").string()};
  o.source_dir = (dir / "repo").string();
  o.select = {"stale-translation", "source-hash-mismatch", "unknown-source-commit"};
  CheckResult r = run_check(o);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rule == "stale-translation");
  CHECK(r.diagnostics[0].message.find("of 03/20/2021; 1 commit changed it since cb78cb18, the newest on 2021-02-08") !=
        std::string::npos);
  fs::remove_all(dir);
}

namespace {

// An article of the batch handed off at `commit`.
void write_article(const fs::path& file, const std::string& commit, const std::string& id) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << "---\nms.openlocfilehash: 0123456789abcdef0123456789abcdef01234567\nms.sourcegitcommit: "
                      << commit << "\nms.lasthandoff: 03/20/2021\n---\n<span data-ttu-id=\"" << id
                      << "-101\">本文</span><span class=\"sxs-lookup\"><span data-stu-id=\"" << id
                      << "-101\">Body</span></span>\n";
}

CheckResult check_git_rules(const fs::path& batch, const fs::path& source) {
  CheckOptions o;
  o.paths = {batch.string()};
  o.source_dir = source.string();
  o.select = {"unknown-source-commit", "source-hash-mismatch"};
  o.jobs = 2;
  return run_check(o);
}

size_t count_rule(const CheckResult& r, std::string_view rule) {
  size_t n = 0;
  for (const Diagnostic& d : r.diagnostics) n += d.rule == rule;
  return n;
}

}  // namespace

TEST_CASE("unknown-source-commit: with the real history, each article whose commit is unknown, and no note") {
  fs::path dir = make_repo();
  const std::string unknown = "0123456789abcdef0123456789abcdef01234567";
  write_article(dir / "ja/docs/page.md", kFirst, "abcde");
  write_article(dir / "ja/docs/other.md", unknown, "bcdef");
  write_article(dir / "ja/docs/third.md", "89abcdef0123456789abcdef0123456789abcdef", "cdefa");
  CheckResult r = check_git_rules(dir / "ja", dir / "repo");
  std::vector<Diagnostic> found;
  for (const Diagnostic& d : r.diagnostics)
    if (d.rule == "unknown-source-commit") found.push_back(d);
  REQUIRE(found.size() == 2);
  CHECK(found[0].path.ends_with("other.md"));
  CHECK(found[0].message == "ms.sourcegitcommit " + unknown + " is not a commit of the source repository");
  CHECK(found[0].location.line == 3);
  CHECK(found[0].severity == Severity::Warning);
  CHECK(found[1].path.ends_with("third.md"));
  CHECK(r.summary.notes.empty());
  // page.md's commit is known: its (made-up) hash is compared with the source at that commit.
  CHECK(count_rule(r, "source-hash-mismatch") == 1);
  fs::remove_all(dir);
}

TEST_CASE("unknown-source-commit: a source tree committed into an unrelated repository is noted once") {
  // A working repository that holds a snapshot of the English tree in a
  // subfolder (as when a docs tree is vendored): its history is not the
  // source's, so none of the handoff commits is in it.
  fs::path dir = fs::temp_directory_path() / ("tmlint-unrelated-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "work/vendor/en-us/docs");
  std::ofstream(dir / "work/vendor/en-us/docs/page.md") << "# Page\n\nThe first version of the page.\n";
  std::ofstream(dir / "work/vendor/en-us/docs/other.md") << "# Other\n\nAnother page.\n";
  REQUIRE(std::system(("cd '" + (dir / "work").string() +
                       "' && git init -q . && git add . && git -c user.name=t -c user.email=t@t.invalid "
                       "-c commit.gpgsign=false commit -q -m snapshot")
                          .c_str()) == 0);
  // Three articles, two commits, none of them in the working repository.
  write_article(dir / "ja/docs/page.md", kFirst, "abcde");
  write_article(dir / "ja/docs/other.md", kFirst, "bcdef");
  write_article(dir / "ja/docs/third.md", "0123456789abcdef0123456789abcdef01234567", "cdefa");
  CheckResult r = check_git_rules(dir / "ja", dir / "work/vendor/en-us");
  CHECK(count_rule(r, "unknown-source-commit") == 0);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.summary.notes.size() == 1);
  CHECK(r.summary.notes[0].rule == "unknown-source-commit");
  CHECK(r.summary.notes[0].message.starts_with(
      "none of the 2 commits that ms.sourcegitcommit names (3 articles) is in the git repository that holds "
      "--source: that repository is not the source's history"));
  CHECK(r.summary.warnings == 0);  // a note is not a finding
  CHECK(r.io_errors.empty());

  // One article found in the repository is enough for the others to be findings again.
  std::string snapshot = test::run_shell("git -C '" + (dir / "work").string() + "' rev-parse HEAD").out.substr(0, 40);
  write_article(dir / "ja/docs/fourth.md", snapshot, "defab");
  CheckResult mixed = check_git_rules(dir / "ja", dir / "work/vendor/en-us");
  CHECK(count_rule(mixed, "unknown-source-commit") == 3);
  CHECK(mixed.summary.notes.empty());
  fs::remove_all(dir);
}
