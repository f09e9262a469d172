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
