// The pre-commit hook through the real `pre-commit` (Debian 3.0.4): a
// throwaway docs repository uses this checkout's .pre-commit-hooks.yaml at
// its HEAD commit; a broken article is refused with the finding shown, a
// clean one is accepted.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

int sh(const std::string& cmd) { return tmlint::test::shell_status(cmd); }

}  // namespace

TEST_CASE("pre-commit: a broken article is refused, a clean one committed") {
  const fs::path source = TMLINT_SOURCE_DIR;
  REQUIRE(fs::exists(source / ".pre-commit-hooks.yaml"));
  REQUIRE(sh("command -v pre-commit > /dev/null && command -v git > /dev/null") == 0);  // scripts/setup.sh installs them
  TempDir dir;
  const fs::path repo = dir.path / "docs-repo";
  fs::create_directories(repo);
  const std::string out = (dir.path / "out.txt").string();
  // pre-commit reads the hook definition from a commit of the tmlint repository.
  REQUIRE(sh("git -C '" + source.string() + "' rev-parse HEAD > '" + out + "'") == 0);
  std::string rev = read_file(out).substr(0, 40);
  std::string env = "cd '" + repo.string() + "' && export PRE_COMMIT_HOME='" + (dir.path / "cache").string() +
                    "' PATH='" + fs::path(TMLINT_EXE).parent_path().string() + ":'\"$PATH\" GIT_AUTHOR_NAME=t " +
                    "GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid && ";
  dir.write("docs-repo/.pre-commit-config.yaml",
            "repos:\n- repo: " + source.string() + "\n  rev: " + rev + "\n  hooks:\n  - id: tmlint\n");
  REQUIRE(sh(env + "git init -q . && git add .pre-commit-config.yaml && git commit -q --no-verify -m config && "
                   "pre-commit install > /dev/null") == 0);

  dir.write("docs-repo/articles/broken.md", sxs_pair("abcde-101", "", "Sign in to Partner Center.") + "\n");
  int refused = sh(env + "git add articles/broken.md && git commit -m broken > '" + out + "' 2>&1");
  std::string log = read_file(out);
  INFO(log);
  CHECK(refused != 0);
  CHECK(log.find("articles/broken.md:1:1: error: segment abcde-101 has an empty target [missing-target]") !=
        std::string::npos);

  dir.write("docs-repo/articles/broken.md",
            sxs_pair("abcde-101", "パートナー センターにサインインします。", "Sign in to Partner Center.") + "\n");
  int accepted = sh(env + "git add articles/broken.md && git commit -m fixed > '" + out + "' 2>&1");
  INFO(read_file(out));
  CHECK(accepted == 0);

  // Batch rules see the committed articles too: a staged copy of a locfileid is refused.
  const std::string front =
      "---\nms.openlocfilehash: b60b86bec70b5c33d65532599fa0421604d9ba12\n"
      "ms.sourcegitcommit: e8e8362d2777d25efac3e1076af5939765ed13d0\nms.translationtype: MT\n"
      "ms.contentlocale: ja-JP\nms.lasthandoff: 03/20/2021\nms.locfileid: \"104712887\"\n---\n";
  dir.write("docs-repo/articles/first.md", front + sxs_pair("bcdef-101", "訳", "Text") + "\n");
  REQUIRE(sh(env + "git add articles/first.md && git commit -q -m first > /dev/null 2>&1") == 0);
  dir.write("docs-repo/articles/second.md", front + sxs_pair("cdef0-101", "訳", "Text") + "\n");
  int duplicate = sh(env + "git add articles/second.md && git commit -m second > '" + out + "' 2>&1");
  std::string dup_log = read_file(out);
  INFO(dup_log);
  CHECK(duplicate != 0);
  CHECK(dup_log.find("articles/second.md:7:15: error: ms.locfileid 104712887 is also used by") != std::string::npos);
}
