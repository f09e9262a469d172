// One runner for every rule's fixtures (testdata/rules/<id>/): each Markdown
// file says what it expects inline, with `<!-- expect: rule-id ... -->` (or
// `# expect: rule-id` inside front matter) on the line before the finding.
// The runner checks the rule alone on its folder and compares (file, line,
// rule) both ways: a missing finding and an unexpected one both fail.
// A folder with a `source/` subfolder is checked as `target/` against it;
// a folder's `.tmlint.yaml` is its configuration.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <unistd.h>

#include "engine/rule.h"
#include "engine/run_check.h"
#include "testing/test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {

using Finding = std::tuple<std::string, uint32_t, std::string>;  // rel path, line, rule

std::multiset<Finding> expectations(const fs::path& root) {
  std::multiset<Finding> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || (e.path().extension() != ".md" && e.path().filename() != "TOC.yml")) continue;
    std::string rel = fs::relative(e.path(), root).generic_string();
    std::istringstream in(test::read_file(e.path()));
    std::string line;
    uint32_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      size_t at = line.find("expect: ");
      if (at == std::string::npos) continue;
      std::string rest = line.substr(at + 8);
      if (size_t end = rest.find("-->"); end != std::string::npos) rest.resize(end);
      std::istringstream words(rest);
      std::string rule;
      // Rule ids up to the first word that is not one (a comment may follow).
      while (words >> rule && rule.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos)
        out.insert({rel, n + 1, rule});
    }
  }
  return out;
}

std::string describe(const std::multiset<Finding>& s) {
  std::string out;
  for (const auto& [path, line, rule] : s) out += "  " + path + ":" + std::to_string(line) + " " + rule + "\n";
  return out.empty() ? "  (none)\n" : out;
}

}  // namespace

TEST_CASE("every rule's fixtures produce exactly the findings they expect") {
  const fs::path base = test::testdata() / "rules";
  for (const Rule& rule : all_rules()) {
    const std::string id(rule.info.id);
    DYNAMIC_SECTION(id) {
      fs::path dir = base / id;
      INFO("fixture folder " << dir.string());
      REQUIRE(fs::is_directory(dir));
      // make-source.sh builds the source tree (a git repository) in a
      // temporary folder; a source/ folder is used as it is.
      bool generated = fs::exists(dir / "make-source.sh");
      bool with_source = generated || fs::is_directory(dir / "source");
      fs::path batch = with_source ? dir / "target" : dir;
      fs::path source = dir / "source";
      if (generated) {
        source = fs::temp_directory_path() / ("tmlint-fixture-" + id + "-" + std::to_string(::getpid()));
        fs::remove_all(source);
        fs::create_directories(source);
        std::string cmd = "sh '" + (dir / "make-source.sh").string() + "' '" + source.string() + "' > /dev/null";
        REQUIRE(std::system(cmd.c_str()) == 0);
      }

      CheckOptions options;
      options.paths = {batch.string()};
      options.root = batch.string();
      if (with_source) options.source_dir = source.string();
      // A reference translation memory for the rules that compare with one.
      if (fs::exists(dir / "reference.tmx")) options.tm_path = (dir / "reference.tmx").string();
      options.select = {id};
      // A fixture folder's .tmlint.yaml (a glossary, rule options) applies to its run.
      if (fs::exists(dir / ".tmlint.yaml")) {
        ConfigError error;
        auto config = parse_config(test::read_file(dir / ".tmlint.yaml"), (dir / ".tmlint.yaml").string(), error);
        INFO(error.line << ":" << error.column << ": " << error.message);
        REQUIRE(config);
        options.config = std::move(*config);
      }
      options.jobs = 1;
      CheckResult result = run_check(options);
      REQUIRE(result.io_errors.empty());

      std::multiset<Finding> actual;
      for (const Diagnostic& d : result.diagnostics) {
        if (d.suppressed) continue;
        actual.insert({fs::relative(fs::path(d.path), batch).generic_string(), d.location.line, std::string(d.rule)});
      }
      std::multiset<Finding> expected = expectations(batch);
      INFO("expected:\n" << describe(expected) << "actual:\n" << describe(actual));
      CHECK(actual == expected);
      CHECK_FALSE(expected.empty());  // every rule has at least one positive case
      if (generated) fs::remove_all(source);
    }
  }
}

TEST_CASE("every rule has a documentation page with a bad and a good example") {
  const fs::path docs = fs::path(TMLINT_SOURCE_DIR) / "docs" / "rules";
  for (const Rule& rule : all_rules()) {
    fs::path page = docs / (std::string(rule.info.id) + ".md");
    INFO(page.string());
    REQUIRE(fs::exists(page));
    std::string text = test::read_file(page);
    CHECK(text.find("# " + std::string(rule.info.id)) == 0);
    CHECK(text.find("Bad") != std::string::npos);
    CHECK(text.find("Good") != std::string::npos);
  }
}

TEST_CASE("the registry holds the structural rules with stable ids") {
  for (std::string_view id : {"parse-error", "duplicate-segment-id", "segment-id-mismatch", "segment-id-order",
                              "missing-target", "missing-source"}) {
    const Rule* r = find_rule(id);
    REQUIRE(r);
    CHECK(!r->info.summary.empty());
    CHECK(!r->info.category.empty());
  }
}
