// Configuration parsing, globs and the resolution of rule settings.
#include "config.h"

#include <catch2/catch.hpp>

#include <chrono>

using namespace tmlint;

namespace {

const Rule& rule(std::string_view id) {
  const Rule* r = find_rule(id);
  REQUIRE(r);
  return *r;
}

Config parse(const std::string& text) {
  ConfigError error;
  auto c = parse_config(text, ".tmlint.yaml", error);
  INFO(error.message);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("config: every key parses") {
  Config c = parse(
      "select: [structure, links]\nignore: link-to-redirect\nfail-on: warning\nlocale: ja-JP\n"
      "exclude: ['**/includes/**']\nrules:\n  missing-target: warning\n  untranslated: {severity: info, min-words: 6, "
      "do-not-translate: [Azure, Partner Center]}\noverrides:\n  - files: [Archive/**]\n    rules: {broken-link: off}\n");
  CHECK(c.select == std::vector<std::string>{"structure", "links"});
  CHECK(c.ignore == std::vector<std::string>{"link-to-redirect"});
  CHECK(c.fail_on == Severity::Warning);
  CHECK(c.locale == "ja-JP");
  CHECK(c.exclude.size() == 1);
  CHECK(c.rules.at("missing-target").severity == Severity::Warning);
  CHECK(c.rules.at("untranslated").options.at("do-not-translate").size() == 2);
  REQUIRE(c.overrides.size() == 1);
  CHECK(c.overrides[0].rules.at("broken-link").enabled == false);
}

TEST_CASE("config: errors carry their line and column") {
  ConfigError e;
  CHECK_FALSE(parse_config("rules:\n  missing-target: [unclosed\n", "c.yaml", e));
  CHECK(e.line >= 2);
  CHECK_FALSE(parse_config("select: [structure]\nbogus: 1\n", "c.yaml", e));
  CHECK(e.line == 2);
  CHECK(e.message.find("bogus") != std::string::npos);
  CHECK_FALSE(parse_config("rules:\n  missing-targt: off\n", "c.yaml", e));
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK_FALSE(parse_config("rules:\n  missing-target: loud\n", "c.yaml", e));
  CHECK_FALSE(parse_config("fail-on: always\n", "c.yaml", e));
  CHECK(parse_config("", "c.yaml", e));
}

TEST_CASE("globs") {
  CHECK(glob_match("*.md", "a.md"));
  CHECK(glob_match("*.md", "docs/a.md"));  // no '/': matches the file name anywhere
  CHECK_FALSE(glob_match("docs/*.md", "docs/sub/a.md"));
  CHECK(glob_match("docs/**", "docs/sub/a.md"));
  CHECK(glob_match("**/includes/**", "docs/includes/x.md"));
  CHECK(glob_match("**/includes/**", "includes/x.md"));
  CHECK(glob_match("a/**/b.md", "a/b.md"));
  CHECK(glob_match("a/**/b.md", "a/x/y/b.md"));
  CHECK_FALSE(glob_match("a/**/b.md", "a/x/c.md"));
  CHECK(glob_match("Archive/China-*.md", "Archive/China-billing.md"));
  CHECK(glob_match("[a-c]?.md", "b1.md"));
  CHECK_FALSE(glob_match("[!a-c]?.md", "b1.md"));
  // No exponential backtracking.
  std::string long_path(10000, 'a');
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", long_path));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("resolver: defaults, file settings, overrides, command line") {
  Config c = parse(
      "rules:\n  links: warning\n  broken-link: info\n  missing-target: off\n"
      "overrides:\n  - files: [Archive/**]\n    rules: {broken-link: off}\n  - files: ['**/x.md']\n    rules: "
      "{missing-target: error}\nexclude: ['**/skip/**']\n");
  RuleResolver plain(c, {}, {});
  CHECK(plain.resolve(rule("parse-error"), "a.md").severity == Severity::Error);
  CHECK(plain.resolve(rule("link-mismatch"), "a.md").severity == Severity::Warning);  // category
  CHECK(plain.resolve(rule("broken-link"), "a.md").severity == Severity::Info);       // id beats category
  CHECK_FALSE(plain.resolve(rule("broken-link"), "Archive/a.md").enabled);            // override
  CHECK_FALSE(plain.resolve(rule("missing-target"), "a.md").enabled);
  CHECK(plain.resolve(rule("missing-target"), "d/x.md").enabled);  // a later override turns it on
  CHECK(plain.excluded("docs/skip/a.md"));
  CHECK_FALSE(plain.excluded("docs/a.md"));

  RuleResolver cli(c, {"missing-target"}, {"broken-link"});
  CHECK(cli.resolve(rule("missing-target"), "a.md").enabled);  // --select wins over the file
  CHECK_FALSE(cli.resolve(rule("parse-error"), "a.md").enabled);
  RuleResolver ignore(c, {}, {"links"});
  CHECK_FALSE(ignore.resolve(rule("link-mismatch"), "a.md").enabled);
  CHECK(ignore.resolve(rule("parse-error"), "a.md").enabled);
}

TEST_CASE("rule options") {
  Config c = parse("rules:\n  untranslated: {min-words: 7, do-not-translate: [A, B], flag: yes, ratio: '0.5'}\n");
  RuleResolver r(c, {}, {});
  EffectiveRule e = r.resolve(rule("untranslated"), "a.md");
  CHECK(e.options.get_int("min-words", 5) == 7);
  CHECK(e.options.get_int("missing", 5) == 5);
  CHECK(e.options.get_list("do-not-translate") == std::vector<std::string>{"A", "B"});
  CHECK(e.options.get_bool("flag", false));
  CHECK(e.options.get_double("ratio", 0) == Approx(0.5));
}
