// The loader on the real corpus (../shared/corpus): the counts its README and
// FORMAT.md give. Skipped with a visible warning when the corpus is absent,
// and failing instead when TMLINT_REQUIRE_SHARED=1 (CI).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "load/loader.h"
#include "testing/test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {

struct Totals {
  size_t files = 0, segments = 0, issues = 0, multiline_targets = 0;
  std::map<std::string, std::vector<LoadIssue>> issues_by_file;
};

Totals load_tree(const fs::path& root) {
  Totals t;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  for (const auto& p : files) {
    auto a = load_article(p.string(), fs::relative(p, root).generic_string(), test::read_file(p));
    ++t.files;
    t.segments += a->segments.size();
    t.issues += a->issues.size();
    for (const auto& s : a->segments) t.multiline_targets += s.target.raw.find('\n') != std::string_view::npos;
    if (!a->issues.empty()) t.issues_by_file[a->rel_path] = a->issues;
  }
  return t;
}

}  // namespace

TEST_CASE("corpus: Partner Center ja-JP loads 352 files, 30,763 segments, no issue") {
  auto dir = test::shared("corpus/partner-center-pr.ja-jp");
  if (!dir) return;
  Totals t = load_tree(*dir);
  CHECK(t.files == 352);
  CHECK(t.segments == 30763);
  CHECK(t.issues == 0);
}

TEST_CASE("corpus: NuGet ja-JP loads 369 files, 15,657 segments, no issue") {
  auto dir = test::shared("corpus/nuget.ja-jp");
  if (!dir) return;
  Totals t = load_tree(*dir);
  CHECK(t.files == 369);
  CHECK(t.segments == 15657);
  CHECK(t.issues == 0);
}

TEST_CASE("corpus: hard cases: only the quote-corrupted file has issues, one per swallowed id") {
  auto dir = test::shared("corpus/hard-cases/office-js-docs-pr.ja-jp");
  if (!dir) return;
  Totals t = load_tree(*dir);
  CHECK(t.files == 10);
  REQUIRE(t.issues_by_file.size() == 1);
  const auto& [path, issues] = *t.issues_by_file.begin();
  CHECK(path == "docs/word/dictionary-task-pane-add-ins.md");
  CHECK(issues.size() == 13);  // FORMAT.md §5.1: 13 ids swallowed
  for (const auto& i : issues) {
    CHECK(i.kind == LoadIssueKind::Parse);
    CHECK(i.segment.rfind("2576d-", 0) == 0);
  }
  CHECK(issues.front().location.line == 48);
  // FORMAT.md §2.4: 738 multi-line pairs in office-add-in-availability.md.
  auto availability = load_article("a", "a", test::read_file(*dir / "docs/overview/office-add-in-availability.md"));
  size_t multiline = 0;
  for (const auto& s : availability->segments) multiline += s.target.raw.find('\n') != std::string_view::npos;
  CHECK(multiline == 738);
  // A sxs-branch file with zero segments loads cleanly.
  auto landing = load_article("b", "b", test::read_file(*dir / "docs/overview/core-concepts-office-add-ins.md"));
  CHECK(landing->segments.empty());
  CHECK(landing->issues.empty());
}

TEST_CASE("corpus: the seed article links to the misspelled reset-my-pasword.md") {
  auto dir = test::shared("seed");
  if (!dir) return;
  for (const auto& e : fs::directory_iterator(*dir)) {
    auto a = load_article(e.path().string(), "unable-to-sign-in.md", test::read_file(e.path()));
    CHECK(a->issues.empty());
    CHECK(a->segments.size() > 10);
    CHECK(a->front(std::string_view("ms.contentlocale"))->value == "ja-JP");
    bool found = false;
    for (const auto& l : a->links) found |= l.target == "reset-my-pasword.md";
    CHECK(found);
  }
}

TEST_CASE("corpus: the front-matter fast path reads exactly what yaml-cpp reads") {
  auto dir = test::shared("corpus");
  if (!dir) return;
  LoadLimits yaml_only;
  yaml_only.yaml_fast_path = false;
  size_t files = 0, entries = 0;
  for (const auto& e : fs::recursive_directory_iterator(*dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    std::string bytes = test::read_file(e.path());
    auto fast = load_article("f", "f", bytes);
    auto slow = load_article("s", "s", bytes, yaml_only);
    INFO(e.path().string());
    REQUIRE(fast->front_matter.size() == slow->front_matter.size());
    for (size_t i = 0; i < fast->front_matter.size(); ++i) {
      const auto& f = fast->front_matter[i];
      const auto& s = slow->front_matter[i];
      INFO(f.key);
      CHECK(f.key == s.key);
      CHECK(f.value == s.value);
      CHECK(f.kind == s.kind);
      CHECK(f.location == s.location);
      CHECK(f.value_location.line == s.value_location.line);
    }
    CHECK(fast->issues.size() == slow->issues.size());
    ++files;
    entries += fast->front_matter.size();
  }
  CHECK(files > 1000);  // both ja-JP trees, the hard cases and the en-US source tree
  CHECK(entries > 8000);
}
