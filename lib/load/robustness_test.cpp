// Broken input never crashes the loader: real articles truncated, shuffled
// and corrupted with a fixed-seed generator must load, keep every view inside
// the file, and report locations that agree with the line index.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

#include "load/file_walker.h"
#include "load/loader.h"
#include "testing/test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {

bool inside(const Article& a, std::string_view v) {
  return v.data() >= a.text.data() && v.data() + v.size() <= a.text.data() + a.text.size();
}

void check_invariants(const Article& a) {
  auto check_loc = [&](const Location& l) {
    REQUIRE(l.offset <= a.text.size());
    REQUIRE(a.locate(l.offset) == l);
  };
  for (const auto& s : a.segments) {
    REQUIRE(inside(a, s.id));
    REQUIRE(inside(a, s.target.raw));
    REQUIRE(inside(a, s.source.raw));
    REQUIRE(s.end_offset <= a.text.size());
    check_loc(s.location);
    check_loc(s.target.location);
  }
  for (const auto& l : a.links) {
    REQUIRE(inside(a, l.target));
    check_loc(l.location);
    REQUIRE(l.segment < static_cast<int32_t>(a.segments.size()));
  }
  for (const auto& i : a.issues) {
    REQUIRE(i.location.line >= 1);
    REQUIRE(i.location.line <= a.lines.line_count());
  }
}

std::vector<std::string> mutate(const std::string& original, std::mt19937& rng) {
  std::vector<std::string> out;
  auto pick = [&](size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  // Truncations, anywhere (mid UTF-8 sequence, mid tag, mid front matter).
  for (int i = 0; i < 4; ++i) out.push_back(original.substr(0, pick(original.size() + 1)));
  // Shuffled lines.
  {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < original.size()) {
      size_t e = original.find('\n', pos);
      if (e == std::string::npos) e = original.size();
      lines.push_back(original.substr(pos, e - pos));
      pos = e + 1;
    }
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string s;
    for (auto& l : lines) s += l + "\n";
    out.push_back(s);
  }
  // Random byte flips, and structural tokens dropped in at random places.
  static const char* kTokens[] = {"<span data-ttu-id=\"", "</span>", "`", "```", "\n```\n", "<!--",
                                  "[", "](", "\r", "\xC3", "\0", "---\n", "<span class=\"sxs-lookup\">"};
  for (int round = 0; round < 3; ++round) {
    std::string s = original;
    for (int k = 0; k < 20 && !s.empty(); ++k) s[pick(s.size())] = static_cast<char>(pick(256));
    for (int k = 0; k < 20; ++k) s.insert(pick(s.size() + 1), kTokens[pick(std::size(kTokens))]);
    out.push_back(s);
  }
  // A deleted range.
  if (!original.empty()) {
    size_t b = pick(original.size()), len = pick(original.size() - b + 1);
    out.push_back(original.substr(0, b) + original.substr(b + len));
  }
  return out;
}

// The built-in seed and every fixture of testdata/ (small articles of every
// construct the rules look at): always there, so the test runs without
// ../shared too.
std::vector<std::string> fixture_seeds() {
  std::vector<std::string> s = {
      "---\ntitle: t\nms.locfileid: \"1\"\n---\n# <a name=\"x\"></a><span data-ttu-id=\"abcde-101\">見出し</span><span "
      "class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Heading</span></span>\n\n- [<span data-ttu-id=\"abcde-102\">"
      "リンク `code`</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Link `code`</span></span>](a.md)\n"
      "```\n<span data-ttu-id=\"abcde-103\">x</span>\n```\n"};
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(test::testdata()))
    if (e.is_regular_file() && e.path().extension() == ".md" && e.file_size() < 64 * 1024) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) s.push_back(test::read_file(f));
  return s;
}

// Every 25th article of ../shared/corpus (a spread of both corpora and the
// hard cases) and the hard case with 738 multi-line pairs.
std::vector<std::string> corpus_seeds(const fs::path& dir) {
  std::vector<std::string> s;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i < files.size(); i += 25) s.push_back(test::read_file(files[i]));
  s.push_back(test::read_file(dir / "hard-cases/office-js-docs-pr.ja-jp/docs/word/dictionary-task-pane-add-ins.md"));
  return s;
}

// Loads every mutation of every seed, checking the invariants; returns
// {articles loaded, articles with load issues}.
std::pair<size_t, size_t> load_mutations(const std::vector<std::string>& seeds, std::mt19937& rng) {
  size_t loaded = 0, with_issues = 0;
  for (const std::string& original : seeds) {
    for (std::string& variant : mutate(original, rng)) {
      auto a = load_article("m.md", "m.md", std::move(variant));
      check_invariants(*a);
      ++loaded;
      with_issues += !a->issues.empty();
    }
  }
  return {loaded, with_issues};
}

}  // namespace

TEST_CASE("truncated, shuffled and corrupted articles load without crashing") {
  std::mt19937 rng(20261124);
  std::vector<std::string> seeds = fixture_seeds();
  REQUIRE(seeds.size() > 50);  // testdata/ has well over a hundred fixtures
  auto [loaded, with_issues] = load_mutations(seeds, rng);
  CHECK(loaded >= 8 * seeds.size());  // 9 mutations of each (8 of an empty file)
  CHECK(with_issues > seeds.size());  // corruption is noticed, not silently absorbed
}

TEST_CASE("corpus: truncated, shuffled and corrupted corpus articles load without crashing") {
  auto dir = test::shared("corpus");
  if (!dir) return;
  std::mt19937 rng(20261124);
  std::vector<std::string> seeds = corpus_seeds(*dir);
  REQUIRE(seeds.size() > 20);
  auto [loaded, with_issues] = load_mutations(seeds, rng);
  CHECK(loaded >= 8 * seeds.size());  // 9 mutations of each (8 of an empty file)
  CHECK(with_issues > seeds.size());
}

TEST_CASE("pathological inputs stay linear") {
  // 100,000 unmatched backticks inside one source, spans nested 10,000 deep,
  // and 10,000 unclosed '[': each must load quickly.
  std::string ticks = "<span data-ttu-id=\"abcde-101\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">" +
                      std::string(100000, '`') + " x`` y";
  auto a = load_article("a", "a", ticks);
  CHECK(a->issues.size() == 1);
  std::string nested;
  for (int i = 0; i < 10000; ++i) nested += "<span>";
  auto b = load_article("b", "b", "<span data-ttu-id=\"abcde-101\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">" + nested);
  CHECK(b->segments.size() == 1);
  auto c = load_article("c", "c", std::string(10000, '[') + "x");
  CHECK(c->links.empty());
}

TEST_CASE("read_file_inside: a symlink leading out of the root is not read") {
  test::TempDir dir;
  dir.write("src/docs/a.md", "inside\n");
  dir.write("secret.md", "secret\n");
  fs::create_symlink(dir.path / "secret.md", dir.path / "src/docs/out.md");
  fs::create_directory_symlink(dir.path, dir.path / "src/up");
  fs::create_symlink("a.md", dir.path / "src/docs/in.md");
  const std::string root = (dir.path / "src").string();
  std::string bytes, error;
  CHECK(read_file_inside(root, "docs/a.md", bytes, error));
  CHECK(bytes == "inside\n");
  CHECK(read_file_inside(root, "docs/in.md", bytes, error));  // a symlink that stays inside
  CHECK(bytes == "inside\n");
  bytes.clear();
  CHECK_FALSE(read_file_inside(root, "docs/out.md", bytes, error));
  CHECK(error.find("leads outside") != std::string::npos);
  CHECK_FALSE(read_file_inside(root, "up/secret.md", bytes, error));
  CHECK_FALSE(read_file_inside(root, "../secret.md", bytes, error));
  CHECK(bytes.empty());
}

TEST_CASE("discovery reports the symlinks it does not follow") {
  test::TempDir dir;
  dir.write("batch/a.md", "x\n");
  dir.write("outside/b.md", "x\n");
  fs::create_symlink(dir.path / "outside/b.md", dir.path / "batch/out.md");
  fs::create_directory_symlink(dir.path / "batch", dir.path / "batch/loop");
  fs::create_directory_symlink(dir.path / "batch", dir.path / "batch/.hidden");
  fs::create_symlink("l2.md", dir.path / "batch/l1.md");
  fs::create_symlink("l1.md", dir.path / "batch/l2.md");
  fs::create_symlink("nowhere.md", dir.path / "batch/dangling.md");
  Discovery d = discover_files({(dir.path / "batch").string()}, "");
  REQUIRE(d.files.size() == 1);
  CHECK(d.io_errors.empty());
  std::sort(d.not_followed.begin(), d.not_followed.end());
  const std::string b = (dir.path / "batch").string() + "/";
  REQUIRE(d.not_followed.size() == 5);
  CHECK(d.not_followed[0].rfind(b + "dangling.md: symlink", 0) == 0);
  CHECK(d.not_followed[1].rfind(b + "l1.md: symlink cannot be resolved", 0) == 0);
  CHECK(d.not_followed[2].rfind(b + "l2.md: symlink cannot be resolved", 0) == 0);
  CHECK(d.not_followed[3] == b + "loop: symlinked folder, not followed");
  CHECK(d.not_followed[4] == b + "out.md: symlink leads outside " + (dir.path / "batch").string() + ", not followed");
}
