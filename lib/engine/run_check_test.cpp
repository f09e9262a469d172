// The engine: discovery, batch roots, determinism, suppression.
#include "engine/run_check.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sources/source_tree.h"
#include "testing/test_support.h"

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

// ---------------------------------------------------------------------------
// A rule that exists only in this test executable, so the engine's plumbing
// (options per path, batch attribution, enabled_for, exceptions) is tested
// without depending on what the real rules report. It acts only on articles
// containing its markers, so the other tests never see it.
namespace {

constexpr std::string_view kMarker = "TMLINT-TEST-MARKER";

void test_rule_article(const ArticleContext& ctx) {
  const std::string_view text = ctx.article.text;
  if (text.find("TMLINT-TEST-THROW") != std::string_view::npos) throw std::runtime_error("test rule failure");
  if (text.find("TMLINT-TEST-SOURCE") != std::string_view::npos) {
    std::string seen;
    for (const char* rel : {"a.md", "sub/b.md", "../secret.md", "sub/../../secret.md", "/etc/hostname", "", "sub"}) {
      auto bytes = ctx.facts.source ? ctx.facts.source->read(rel) : std::nullopt;
      bool exists = ctx.facts.source && ctx.facts.source->exists(rel);
      seen += std::string(rel) + "=" + (bytes ? *bytes : "-") + (exists ? "+" : "") + ";";
    }
    ctx.report(ctx.article.locate(0), seen);
  }
  for (size_t at = text.find(kMarker); at != std::string_view::npos; at = text.find(kMarker, at + 1))
    ctx.report(ctx.article.locate(static_cast<uint32_t>(at)),
               "marker (word=" + ctx.options.get_string("word").value_or("none") + ")");
}

// Facts: whether the article carries the marker.
void test_rule_collect(const ArticleContext& ctx, FactWriter& out) {
  out.boolean(ctx.article.text.find(kMarker) != std::string_view::npos);
}

// Reports, on every enabled article with the marker, how many articles of
// the batch carry it: a batch view attributed to each article.
void test_rule_batch(const BatchContext& ctx) {
  std::vector<bool> marked(ctx.articles.size());
  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    FactReader r = ctx.facts(i);
    marked[i] = !r.done() && r.boolean();
  }
  const size_t with_marker = std::count(marked.begin(), marked.end(), true);
  for (size_t i = 0; i < ctx.articles.size(); ++i)
    if (marked[i] && ctx.enabled_for(i))
      ctx.report(i, Location{},
                 "batch: " + std::to_string(with_marker) + " of " + std::to_string(ctx.articles.size()) +
                     " (limit=" + std::to_string(ctx.options_for(i).get_int("limit", -1)) + ")");
}

TMLINT_RULE({.info = {.id = "test-only-rule",
                      .category = "test",
                      .default_severity = Severity::Warning,
                      .summary = "test-only: reports TMLINT-TEST-MARKER"},
             .check_article = &test_rule_article,
             .collect_facts = &test_rule_collect,
             .check_batch = &test_rule_batch});

std::vector<const Diagnostic*> of_rule(const CheckResult& r, std::string_view rule) {
  std::vector<const Diagnostic*> out;
  for (const auto& d : r.diagnostics)
    if (d.rule == rule) out.push_back(&d);
  return out;
}

}  // namespace

TEST_CASE("engine: per-path options and severities reach article and batch rules, attributed per article") {
  TempDir dir;
  dir.write("docs/a.md", "# A\n\nTMLINT-TEST-MARKER\n");
  dir.write("Archive/b.md", "TMLINT-TEST-MARKER\n");
  dir.write("other/c.md", "TMLINT-TEST-MARKER\n");
  dir.write("other/plain.md", "# nothing\n");
  CheckOptions o;
  o.paths = {dir.path.string()};
  o.config.select = {"test"};  // by category; the file's select lets overrides turn the rule off (--select would not)
  o.jobs = 2;
  RuleSetting archive;
  archive.severity = Severity::Error;
  archive.options = {{"word", {"archived"}}, {"limit", {"7"}}};
  RuleSetting off;
  off.enabled = false;
  o.config.overrides.push_back(Override{{"Archive/**"}, {{"test-only-rule", archive}}});
  o.config.overrides.push_back(Override{{"other/**"}, {{"test", off}}});
  CheckResult r = run_check(o);
  CHECK(r.io_errors.empty());
  CHECK(r.summary.files == 4);
  auto found = of_rule(r, "test-only-rule");
  REQUIRE(found.size() == 4);  // article + batch finding for docs/a.md and Archive/b.md; other/ is off
  // Sorted by path, then line: Archive/b.md (batch at 1:1, marker at 1:1), docs/a.md.
  CHECK(found[0]->path == (dir.path / "Archive/b.md").string());
  CHECK(found[0]->severity == Severity::Error);
  CHECK(found[0]->rel_path == "Archive/b.md");
  CHECK(found[0]->message == "batch: 3 of 4 (limit=7)");  // batch rules see every article, even where off
  CHECK(found[1]->message == "marker (word=archived)");
  CHECK(found[2]->path == (dir.path / "docs/a.md").string());
  CHECK(found[2]->severity == Severity::Warning);
  CHECK(found[2]->location.line == 1);
  CHECK(found[2]->message == "batch: 3 of 4 (limit=-1)");
  CHECK(found[3]->location.line == 3);
  CHECK(found[3]->location.column == 1);
  CHECK(found[3]->message == "marker (word=none)");
  CHECK(r.summary.errors == 2);
  CHECK(r.summary.warnings == 2);
  // The files a rule ran on list it; other/ does not.
  for (const CheckedFile& f : r.files) {
    bool listed = std::find(f.rules.begin(), f.rules.end(), "test-only-rule") != f.rules.end();
    CHECK(listed == (f.rel_path.rfind("other/", 0) != 0));
  }
}

TEST_CASE("engine: a rule that throws is an error for that file, the rest is still checked") {
  TempDir dir;
  dir.write("a.md", "TMLINT-TEST-THROW\n");
  dir.write("b.md", "TMLINT-TEST-MARKER\n");
  CheckOptions o;
  o.paths = {dir.path.string()};
  o.select = {"test-only-rule"};
  o.jobs = 2;
  CheckResult r = run_check(o);
  REQUIRE(r.io_errors.size() == 1);
  CHECK(r.io_errors[0] == (dir.path / "a.md").string() + ": internal error in rule test-only-rule: test rule failure");
  CHECK(r.summary.files == 2);
  CHECK(of_rule(r, "test-only-rule").size() == 2);  // b.md: article and batch
}

TEST_CASE("engine: suppression directives by line, region, file, id and category") {
  TempDir dir;
  dir.write("a.md",
            "TMLINT-TEST-MARKER\n"                                        // 1: shown
            "<!-- tmlint-disable-next-line test-only-rule -->\n"          // 2
            "TMLINT-TEST-MARKER\n"                                        // 3: suppressed (next line)
            "TMLINT-TEST-MARKER <!-- tmlint-disable-line test -->\n"      // 4: suppressed (category)
            "<!-- tmlint-disable-line missing-target --> TMLINT-TEST-MARKER\n"  // 5: shown (other rule)
            "<!-- tmlint-disable -->\n"                                   // 6: every rule from here
            "TMLINT-TEST-MARKER\n"                                        // 7: suppressed
            "<!-- tmlint-enable -->\n"                                    // 8
            "TMLINT-TEST-MARKER\n");                                      // 9: shown
  dir.write("b.md", "TMLINT-TEST-MARKER\n<!-- tmlint-disable-file test-only-rule -->\n");
  CheckOptions o;
  o.paths = {dir.path.string()};
  o.select = {"test-only-rule"};
  CheckResult r = run_check(o);
  std::vector<std::pair<std::string, uint32_t>> shown, hidden;
  for (const auto& d : r.diagnostics)
    if (d.message.rfind("marker", 0) == 0)
      (d.suppressed ? hidden : shown).emplace_back(fs::path(d.path).filename().string(), d.location.line);
  using P = std::pair<std::string, uint32_t>;
  CHECK(shown == std::vector<P>{{"a.md", 1}, {"a.md", 5}, {"a.md", 9}});
  CHECK(hidden == std::vector<P>{{"a.md", 3}, {"a.md", 4}, {"a.md", 7}, {"b.md", 1}});
  // The batch findings sit on line 1: a.md's is shown, b.md's is under disable-file.
  CHECK(r.summary.suppressed == 5);
  CHECK(r.summary.warnings == 4);
  CHECK(r.summary.errors == 0);
}

TEST_CASE("engine: display paths as reached from the argument, --root, symlinked files once") {
  TempDir dir;
  dir.write("repo/docs/a/b.md", "TMLINT-TEST-MARKER\n");
  dir.write("repo/docs/.hidden/h.md", "TMLINT-TEST-MARKER\n");
  dir.write("repo/docs/TOC.md", "# toc\n");
  dir.write("repo/docs/x.MD", "TMLINT-TEST-MARKER\n");  // not *.md
  dir.write("repo/docs/.md", "TMLINT-TEST-MARKER\n");   // a bare extension is not an article
  fs::create_symlink(dir.path / "repo/docs/a/b.md", dir.path / "repo/docs/z-link.md");
  fs::create_symlink(dir.path / "repo/docs/a/b.md", dir.path / "repo/docs/0-link.md");
  fs::create_symlink(dir.path / "nowhere.md", dir.path / "repo/docs/dangling.md");
  fs::create_directory_symlink(dir.path / "repo", dir.path / "repo/docs/a/up");  // a loop
  fs::path old = fs::current_path();
  auto paths_of = [](const CheckResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.files) out.push_back(f.path + "|" + f.rel_path);
    return out;
  };
  CheckOptions o;
  o.select = {"test-only-rule"};
  fs::current_path(dir.path / "repo/docs/a");
  o.paths = {"../../docs"};
  CheckResult up = run_check(o);
  o.paths = {"../../docs/"};
  CheckResult slash = run_check(o);
  fs::current_path(dir.path / "repo/docs");
  o.paths = {"."};
  CheckResult dot = run_check(o);
  o.paths = {"./"};
  CheckResult dot_slash = run_check(o);
  fs::current_path(dir.path / "repo");
  o.paths = {"docs", "docs/a/b.md", "./docs/a/b.md"};
  CheckResult twice = run_check(o);
  o.paths = {"docs/a"};
  o.root = ".";
  CheckResult rooted = run_check(o);
  fs::current_path(old);

  // The symlinked copies of a/b.md are the same file: checked once, by its real path.
  CHECK(paths_of(up) == std::vector<std::string>{"../../docs/TOC.md|TOC.md", "../../docs/a/b.md|a/b.md"});
  CHECK(paths_of(slash) == std::vector<std::string>{"../../docs/TOC.md|TOC.md", "../../docs/a/b.md|a/b.md"});
  CHECK(paths_of(dot) == std::vector<std::string>{"TOC.md|TOC.md", "a/b.md|a/b.md"});
  CHECK(paths_of(dot_slash) == paths_of(dot));
  CHECK(paths_of(twice) == std::vector<std::string>{"docs/TOC.md|TOC.md", "docs/a/b.md|a/b.md"});
  CHECK(paths_of(rooted) == std::vector<std::string>{"docs/a/b.md|docs/a/b.md"});
  CHECK(up.io_errors.empty());
  CHECK(twice.io_errors.empty());
}

TEST_CASE("engine: a symlinked file is taken when it stays in the walked folder") {
  TempDir dir;
  dir.write("batch/real/a.md", "TMLINT-TEST-MARKER\n");
  dir.write("outside.md", "TMLINT-TEST-MARKER\n");
  fs::create_directories(dir.path / "batch/links");
  fs::create_symlink(dir.path / "outside.md", dir.path / "batch/links/out.md");
  fs::create_symlink("../real/a.md", dir.path / "batch/links/in.md");
  CheckOptions o;
  o.select = {"test-only-rule"};
  o.paths = {(dir.path / "batch/links").string()};
  CheckResult links_only = run_check(o);  // in.md leads out of batch/links: not taken
  CHECK(links_only.summary.files == 0);
  o.paths = {(dir.path / "batch").string()};
  CheckResult whole = run_check(o);  // a.md once, by its real path
  REQUIRE(whole.files.size() == 1);
  CHECK(whole.files[0].rel_path == "real/a.md");
  o.paths = {(dir.path / "batch/links/out.md").string()};
  CheckResult named = run_check(o);  // named explicitly: taken
  CHECK(named.summary.files == 1);
}

TEST_CASE("engine: a file named explicitly is checked whatever its extension; batch root of a named file") {
  TempDir dir;
  dir.write("repo/.tmlint.yaml", "");
  dir.write("repo/docs/notes.txt", "TMLINT-TEST-MARKER\n");
  CheckOptions o;
  o.select = {"test-only-rule"};
  o.paths = {(dir.path / "repo/docs/notes.txt").string()};
  CheckResult r = run_check(o);
  REQUIRE(r.files.size() == 1);
  CHECK(r.files[0].rel_path == "docs/notes.txt");  // the root is the folder with .tmlint.yaml
  CHECK(r.root == fs::absolute(dir.path / "repo").lexically_normal().generic_string());
  CHECK(of_rule(r, "test-only-rule").size() == 2);
}

TEST_CASE("engine: rules read --source only inside it") {
  TempDir dir;
  dir.write("src/a.md", "A");
  dir.write("src/sub/b.md", "B");
  dir.write("secret.md", "S");
  dir.write("batch/a.md", "TMLINT-TEST-SOURCE\n");
  CheckOptions o;
  o.select = {"test-only-rule"};
  o.paths = {(dir.path / "batch").string()};
  CheckResult none = run_check(o);
  REQUIRE(none.diagnostics.size() == 1);
  CHECK(none.diagnostics[0].message == "a.md=-;sub/b.md=-;../secret.md=-;sub/../../secret.md=-;/etc/hostname=-;=-;sub=-;");
  o.source_dir = (dir.path / "src").string();
  CheckResult r = run_check(o);
  CHECK(r.io_errors.empty());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message ==
        "a.md=A+;sub/b.md=B+;../secret.md=-;sub/../../secret.md=-;/etc/hostname=-;=-;sub=-;");
  o.source_dir = (dir.path / "no-such-src").string();
  CheckResult missing = run_check(o);
  CHECK(missing.io_errors.size() == 1);
}

TEST_CASE("registry: sorted by id, found by id") {
  const auto& rules = all_rules();
  REQUIRE_FALSE(rules.empty());
  CHECK(std::is_sorted(rules.begin(), rules.end(),
                       [](const Rule& a, const Rule& b) { return a.info.id < b.info.id; }));
  for (const Rule& r : rules) CHECK(find_rule(r.info.id) == &r);
  CHECK(find_rule("test-only-rule") != nullptr);
  CHECK(find_rule("no-such-rule") == nullptr);
  CHECK(find_rule("") == nullptr);
}

TEST_CASE("engine: a folder that cannot be read is an I/O error and the walk goes on") {
  // Permissions do not stop root, so the folder is made unreachable by a
  // path longer than PATH_MAX (built with relative steps).
  TempDir dir;
  dir.write("top/a.md", "TMLINT-TEST-MARKER\n");
  dir.write("top/z/b.md", "TMLINT-TEST-MARKER\n");
  const std::string component(200, 'd');
  fs::path old = fs::current_path();
  fs::current_path(dir.path / "top");
  for (int i = 0; i < 22; ++i) {
    fs::create_directory(component);
    fs::current_path(component);
  }
  fs::current_path(old);
  CheckOptions o;
  o.select = {"test-only-rule"};
  o.paths = {(dir.path / "top").string()};
  CheckResult r = run_check(o);
  CHECK(r.summary.files == 2);
  REQUIRE(r.io_errors.size() == 1);
  CHECK(r.io_errors[0].find(": File name too long") != std::string::npos);
  // std::filesystem::remove_all cannot remove what it cannot name either.
  CHECK(std::system(("rm -rf '" + (dir.path / "top").string() + "'").c_str()) == 0);
}
