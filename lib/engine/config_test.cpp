// Configuration parsing, globs, the resolution of rule settings and rule options.
#include "engine/config.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>

#include "testing/test_support.h"

using namespace tmlint;

namespace {

using Strings = std::vector<std::string>;

Config parse(const std::string& text) {
  ConfigError error;
  auto c = parse_config(text, ".tmlint.yaml", error);
  INFO(error.line << ":" << error.column << ": " << error.message);
  REQUIRE(c);
  return *c;
}

// Parses text that must be rejected; returns the error.
ConfigError parse_error(const std::string& text) {
  ConfigError error;
  auto c = parse_config(text, "conf.yaml", error);
  INFO(text);
  CHECK_FALSE(c);
  CHECK(error.path == "conf.yaml");
  CHECK_FALSE(error.message.empty());
  return error;
}

// Rules with real ids and categories (the parser checks names against the
// registry) but defaults of the test's own, so the tests do not depend on
// what the real rules choose.
Rule make_rule(std::string_view id, std::string_view category, Severity severity = Severity::Error) {
  Rule r;
  r.info.id = id;
  r.info.category = category;
  r.info.default_severity = severity;
  return r;
}

const Rule kBrokenLink = make_rule("broken-link", "links");
const Rule kLinkMismatch = make_rule("link-mismatch", "links");
const Rule kMissingTarget = make_rule("missing-target", "translation");
const Rule kUntranslated = make_rule("untranslated", "translation", Severity::Warning);
const Rule kParseError = make_rule("parse-error", "structure");

}  // namespace

// ------------------------------------------------------------------ parsing

TEST_CASE("config: every key parses") {
  Config c = parse(R"(# a comment
select: [structure, links]
ignore: link-to-redirect
fail-on: warning
locale: ja-JP
exclude: ["**/includes/**", TOC.md]
rules:
  missing-target: warning
  untranslated: {severity: info, min-words: 6, do-not-translate: [Azure, Partner Center]}
overrides:
  - files: [Archive/**]
    rules: {broken-link: off}
  - files: "**/old-*.md"
    rules:
      links: info
)");
  CHECK(c.origin == ".tmlint.yaml");
  CHECK(c.select == Strings{"structure", "links"});
  CHECK(c.ignore == Strings{"link-to-redirect"});  // a scalar is a one-item list
  CHECK(c.fail_on == Severity::Warning);
  CHECK(c.locale == "ja-JP");
  CHECK(c.exclude == Strings{"**/includes/**", "TOC.md"});
  REQUIRE(c.rules.size() == 2);
  CHECK(c.rules.at("missing-target").severity == Severity::Warning);
  CHECK(c.rules.at("missing-target").enabled == true);
  const RuleSetting& u = c.rules.at("untranslated");
  CHECK(u.severity == Severity::Info);
  CHECK(u.options.at("min-words") == Strings{"6"});
  CHECK(u.options.at("do-not-translate") == Strings{"Azure", "Partner Center"});
  CHECK(u.options.count("severity") == 0);
  REQUIRE(c.overrides.size() == 2);
  CHECK(c.overrides[0].files == Strings{"Archive/**"});
  CHECK(c.overrides[0].rules.at("broken-link").enabled == false);
  CHECK(c.overrides[1].files == Strings{"**/old-*.md"});
  CHECK(c.overrides[1].rules.at("links").severity == Severity::Info);
}

TEST_CASE("config: an empty file, a comment-only file and empty values are the defaults") {
  for (const char* text : {"", "# nothing yet\n", "---\n"}) {
    Config c = parse(text);
    CHECK(c.select.empty());
    CHECK_FALSE(c.fail_on);
    CHECK(c.rules.empty());
  }
  Config c = parse("select:\nignore:\nfail-on:\nlocale:\nexclude:\nrules:\noverrides:\n");
  CHECK(c.select.empty());
  CHECK(c.ignore.empty());
  CHECK_FALSE(c.fail_on);
  CHECK(c.locale.empty());
  CHECK(c.exclude.empty());
  CHECK(c.rules.empty());
  CHECK(c.overrides.empty());
}

TEST_CASE("config: scalar rule settings") {
  Config c = parse(
      "rules:\n  broken-link: off\n  link-mismatch: false\n  missing-target: on\n  untranslated: true\n"
      "  parse-error: error\n  segment-id-order: warning\n  partially-translated: info\n  links: Warning\n"
      "  structure: no\n  translation: yes\n");
  auto is = [&](const char* name, std::optional<bool> enabled, std::optional<Severity> severity) {
    INFO(name);
    const RuleSetting& s = c.rules.at(name);
    CHECK(s.enabled == enabled);
    CHECK(s.severity == severity);
    CHECK(s.options.empty());
  };
  is("broken-link", false, std::nullopt);
  is("link-mismatch", false, std::nullopt);
  is("missing-target", true, std::nullopt);
  is("untranslated", true, std::nullopt);
  // A severity turns the rule on, too.
  is("parse-error", true, Severity::Error);
  is("segment-id-order", true, Severity::Warning);
  is("partially-translated", true, Severity::Info);
  is("links", true, Severity::Warning);  // case does not matter
  is("structure", false, std::nullopt);
  is("translation", true, std::nullopt);

  ConfigError e = parse_error("rules:\n  missing-target: loud\n");
  CHECK(e.line == 2);
  CHECK(e.column == 19);
  CHECK(e.message.find("'loud'") != std::string::npos);
}

TEST_CASE("config: map rule settings") {
  Config c = parse(R"(rules:
  untranslated:
    enabled: false
    severity: info
    min-words: 3
    words: [a, "b c"]
    empty-list: []
  missing-target: {severity: warning}
  broken-link: {enabled: on}
  link-mismatch: {threshold: 0.25}
)");
  const RuleSetting& u = c.rules.at("untranslated");
  CHECK(u.enabled == false);  // explicit, whatever the key order
  CHECK(u.severity == Severity::Info);
  CHECK(u.options.at("min-words") == Strings{"3"});
  CHECK(u.options.at("words") == Strings{"a", "b c"});
  CHECK(u.options.at("empty-list").empty());
  CHECK(c.rules.at("missing-target").enabled == true);  // like the scalar `warning`
  CHECK(c.rules.at("broken-link").enabled == true);
  CHECK_FALSE(c.rules.at("broken-link").severity);
  const RuleSetting& lm = c.rules.at("link-mismatch");
  CHECK_FALSE(lm.enabled);  // options alone inherit enabled and severity
  CHECK_FALSE(lm.severity);
  CHECK(lm.options.at("threshold") == Strings{"0.25"});

  CHECK(parse_error("rules:\n  untranslated: {severity: off}\n").line == 2);
  CHECK(parse_error("rules:\n  untranslated: {severity: [info]}\n").line == 2);
  CHECK(parse_error("rules:\n  untranslated: {enabled: maybe}\n").message.find("enabled") != std::string::npos);
  ConfigError nested = parse_error("rules:\n  untranslated:\n    words: {a: 1}\n");
  CHECK(nested.line == 3);
  CHECK(nested.message.find("words") != std::string::npos);
  CHECK(parse_error("rules:\n  untranslated:\n    words: [[a]]\n").line == 3);
  CHECK(parse_error("rules:\n  untranslated: [info]\n").line == 2);
  // An empty setting is blamed on its key's line, not the next one.
  ConfigError empty = parse_error("rules:\n  untranslated:\n  missing-target: off\n");
  CHECK(empty.line == 2);
  CHECK(empty.column == 3);
}

TEST_CASE("config: bad YAML is an error at its line and column, never an exception") {
  ConfigError e = parse_error("locale: ja-JP\nselect: [links\nrules: {}\n");
  CHECK(e.line == 3);  // where yaml-cpp finds the flow sequence unclosed
  CHECK(e.column == 6);
  CHECK(e.message.find("sequence") != std::string::npos);
  e = parse_error("locale: ja-JP\nfail-on: error\n  rules: x\n");
  CHECK(e.line == 3);
  CHECK(e.column == 8);
  e = parse_error("{\n");
  CHECK(e.line == 2);
  e = parse_error("select: *undefined\n");
  CHECK(e.line == 1);
  CHECK(e.column == 9);
  CHECK(parse_error("- a list\n- not a map\n").line == 1);
  CHECK(parse_error("just a scalar\n").line == 1);
}

TEST_CASE("config: unknown and repeated keys are errors at their line") {
  ConfigError e = parse_error("select: [structure]\n\nbogus: 1\n");
  CHECK(e.line == 3);
  CHECK(e.column == 1);
  CHECK(e.message.find("'bogus'") != std::string::npos);
  CHECK(e.message.find("overrides") != std::string::npos);  // lists the keys that exist
  e = parse_error("overrides:\n  - files: a.md\n    rule: {broken-link: off}\n");
  CHECK(e.line == 3);
  CHECK(e.column == 5);
  CHECK(e.message.find("'rule'") != std::string::npos);
  e = parse_error("locale: ja-JP\nlocale: en-US\n");
  CHECK(e.line == 2);
  CHECK(e.message.find("twice") != std::string::npos);
  CHECK(parse_error("rules:\n  broken-link: off\n  broken-link: on\n").line == 3);
  CHECK(parse_error("rules:\n  untranslated: {min-words: 1, min-words: 2}\n").line == 2);
  CHECK(parse_error("Select: [links]\n").line == 1);  // keys are case-sensitive
}

TEST_CASE("config: values of the wrong form are errors") {
  CHECK(parse_error("fail-on: always\n").line == 1);
  CHECK(parse_error("fail-on: [error]\n").column == 10);
  CHECK(parse_error("locale: [ja-JP]\n").line == 1);
  CHECK(parse_error("select: {links: 1}\n").line == 1);
  CHECK(parse_error("exclude:\n  - a\n  - [b]\n").line == 3);
  CHECK(parse_error("rules: [broken-link]\n").line == 1);
  CHECK(parse_error("overrides: {files: a}\n").line == 1);
  CHECK(parse_error("overrides:\n  - a.md\n").line == 2);
  ConfigError e = parse_error("overrides:\n  - files: a.md\n  - rules: {broken-link: off}\n");
  CHECK(e.line == 3);  // an override that applies nowhere
  CHECK(e.message.find("overrides[2]") != std::string::npos);
  CHECK(parse_config("fail-on: Info\n", "c", e)->fail_on == Severity::Info);
}

TEST_CASE("config: unknown rule ids and categories are errors at their line; known ones are not") {
  REQUIRE_FALSE(all_rules().empty());  // lib_tests links the rules
  ConfigError e = parse_error("rules:\n  missing-target: off\n  missing-targt: off\n");
  CHECK(e.line == 3);
  CHECK(e.column == 3);
  CHECK(e.message.find("'missing-targt'") != std::string::npos);
  e = parse_error("select: [links, linx]\n");
  CHECK(e.line == 1);
  CHECK(e.column == 17);
  CHECK(parse_error("ignore: brokenlink\n").column == 9);
  e = parse_error("overrides:\n  - files: a\n    rules: {broken-link: off}\n  - files: b\n    rules:\n      nope: off\n");
  CHECK(e.line == 6);
  CHECK(e.message.find("overrides[2].rules") != std::string::npos);
  // Categories and ids are both fine anywhere a name goes.
  parse("select: [links, missing-target]\nignore: [metadata]\nrules: {structure: off, broken-link: on}\n");

  // The same check on a configuration built in code.
  Config c;
  c.origin = "built";
  c.rules["translation"].enabled = false;
  CHECK(validate_rule_names(c, e));
  c.overrides.push_back(Override{{"a/**"}, {{"no-such-rule", RuleSetting{}}}});
  CHECK_FALSE(validate_rule_names(c, e));
  CHECK(e.path == "built");
  CHECK(e.message.find("no-such-rule") != std::string::npos);
  c.overrides.clear();
  c.ignore = {"nothing-like-it"};
  CHECK_FALSE(validate_rule_names(c, e));
}

// --------------------------------------------------------------------- globs

TEST_CASE("globs: '*', '?' and character classes stay within one component") {
  CHECK(glob_match("*.md", "a.md"));
  CHECK(glob_match("docs/*.md", "docs/a.md"));
  CHECK_FALSE(glob_match("docs/*.md", "docs/sub/a.md"));
  CHECK_FALSE(glob_match("docs/*", "docs/sub/a.md"));
  CHECK(glob_match("docs/*/a.md", "docs/sub/a.md"));
  CHECK(glob_match("Archive/China-*.md", "Archive/China-billing.md"));
  CHECK_FALSE(glob_match("Archive/China-*.md", "Archive/Japan-billing.md"));
  CHECK(glob_match("a*b*c", "abc"));
  CHECK(glob_match("a*b*c", "aXXbYYc"));
  CHECK_FALSE(glob_match("a*b*c", "aXXbYY"));
  CHECK(glob_match("?.md", "a.md"));
  CHECK_FALSE(glob_match("?.md", "ab.md"));
  CHECK_FALSE(glob_match("a?b", "a/b"));
  CHECK(glob_match("[abc].md", "b.md"));
  CHECK_FALSE(glob_match("[abc].md", "d.md"));
  CHECK(glob_match("[a-c]?.md", "b1.md"));
  CHECK_FALSE(glob_match("[!a-c]?.md", "b1.md"));
  CHECK(glob_match("[!a-c]?.md", "d1.md"));
  CHECK(glob_match("[^a-c]?.md", "d1.md"));
  CHECK(glob_match("[]x].md", "].md"));  // ']' first is a member
  CHECK(glob_match("[a-].md", "-.md"));   // '-' last is a member
  CHECK(glob_match("file[1.md", "file[1.md"));  // never closed: a plain '['
  CHECK(glob_match("\\*.md", "*.md"));          // an escaped '*' is literal
  CHECK_FALSE(glob_match("\\*.md", "a.md"));
  CHECK(glob_match("a**b.md", "aXb.md"));  // not a whole component: a plain '*'
  CHECK_FALSE(glob_match("docs/a**", "docs/ab/c.md"));
  CHECK_FALSE(glob_match("*.md", "a.MD"));  // case-sensitive
  CHECK_FALSE(glob_match("", "a.md"));
}

TEST_CASE("globs: '**' matches any number of components, including none") {
  CHECK(glob_match("**/x.md", "x.md"));
  CHECK(glob_match("**/x.md", "a/x.md"));
  CHECK(glob_match("**/x.md", "a/b/c/x.md"));
  CHECK_FALSE(glob_match("**/x.md", "a/yx.md"));
  CHECK(glob_match("docs/**", "docs/a.md"));
  CHECK(glob_match("docs/**", "docs/sub/deeper/a.md"));
  CHECK_FALSE(glob_match("docs/**", "docs"));  // what is inside docs, as in git
  CHECK_FALSE(glob_match("docs/**", "other/docs/a.md"));
  CHECK(glob_match("a/**/b.md", "a/b.md"));
  CHECK(glob_match("a/**/b.md", "a/x/b.md"));
  CHECK(glob_match("a/**/b.md", "a/x/y/b.md"));
  CHECK_FALSE(glob_match("a/**/b.md", "a/x/c.md"));
  CHECK_FALSE(glob_match("a/**/b.md", "b.md"));
  CHECK(glob_match("**/includes/**", "includes/x.md"));
  CHECK(glob_match("**/includes/**", "docs/includes/x.md"));
  CHECK(glob_match("**/includes/**", "docs/includes/deep/x.md"));
  CHECK_FALSE(glob_match("**/includes/**", "docs/includes.md"));
  CHECK(glob_match("a/**/b/**/*.md", "a/1/b/2/3/c.md"));
  CHECK(glob_match("a/**/b/**/*.md", "a/b/c.md"));
  CHECK_FALSE(glob_match("a/**/b/**/*.md", "a/1/c/c.md"));
  CHECK(glob_match("**/*-[0-9].md", "x/y/page-3.md"));
  CHECK(glob_match("**", "any/thing.md"));
}

TEST_CASE("globs: without '/' a pattern matches the file name anywhere, like .gitignore") {
  CHECK(glob_match("TOC.md", "TOC.md"));
  CHECK(glob_match("TOC.md", "docs/sub/TOC.md"));
  CHECK(glob_match("*.yml", "a/b/c.yml"));
  CHECK_FALSE(glob_match("TOC.md", "docs/TOC.md/x.md"));
  // A '/' anchors the pattern to the batch root.
  CHECK_FALSE(glob_match("docs/TOC.md", "x/docs/TOC.md"));
  CHECK(glob_match("/TOC.md", "TOC.md"));
  CHECK_FALSE(glob_match("/TOC.md", "docs/TOC.md"));
  // A trailing '/' names a folder: what is inside it (anywhere when that is the only '/').
  CHECK(glob_match("includes/", "includes/a.md"));
  CHECK(glob_match("includes/", "docs/includes/a/b.md"));
  CHECK_FALSE(glob_match("includes/", "includes.md"));
  CHECK(glob_match("docs/includes/", "docs/includes/a.md"));
  CHECK_FALSE(glob_match("docs/includes/", "x/docs/includes/a.md"));
  // "./" in front of either is the same path.
  CHECK(glob_match("./docs/*.md", "docs/a.md"));
  CHECK(glob_match("docs/*.md", "./docs/a.md"));
}

TEST_CASE("globs: '?' and classes take whole UTF-8 characters") {
  CHECK(glob_match("?.md", "記.md"));
  CHECK(glob_match("記事-?.md", "記事-一.md"));
  CHECK_FALSE(glob_match("??.md", "記.md"));
  CHECK(glob_match("[あ-ん].md", "か.md"));
  CHECK_FALSE(glob_match("[あ-ん].md", "カ.md"));
  CHECK(glob_match("[!あ].md", "い.md"));
  CHECK(glob_match("*事.md", "記事.md"));
  CHECK(glob_match("a?b", "a\xff" "b"));  // an invalid byte is one character
}

TEST_CASE("globs: no catastrophic backtracking") {
  const std::string long_name(10000, 'a');
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "a/";
  deep += "c.md";
  auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", long_name));
  CHECK_FALSE(glob_match("**/*a*a*a*a*a*a*a*a*b", "x/" + long_name));
  CHECK(glob_match("*a*a*a*a*a*a*a*a*a", long_name));
  CHECK_FALSE(glob_match("**/a/**/a/**/a/**/a/**/b.md", deep));
  CHECK(glob_match("**/a/**/a/**/a/**/a/**/c.md", deep));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
}

// ------------------------------------------------------------------ resolver

TEST_CASE("resolver: defaults, then the file's rules: with an id beating its category") {
  Config none;
  RuleResolver plain(none, {}, {});
  EffectiveRule d = plain.resolve(kUntranslated, "a.md");
  CHECK(d.enabled);
  CHECK(d.severity == Severity::Warning);
  CHECK_FALSE(d.options.has("anything"));

  // "broken-link" sorts before "links": the order is category-then-id, not the map's.
  Config c = parse(
      "rules:\n  links: {severity: warning, depth: 1, mode: cat}\n  broken-link: {severity: info, depth: 2}\n"
      "  translation: off\n  untranslated: on\n");
  RuleResolver r(c, {}, {});
  EffectiveRule bl = r.resolve(kBrokenLink, "a.md");
  CHECK(bl.severity == Severity::Info);
  CHECK(bl.options.get_int("depth", 0) == 2);             // the id's value wins
  CHECK(bl.options.get_string("mode") == "cat");          // merged from the category
  CHECK(r.resolve(kLinkMismatch, "a.md").severity == Severity::Warning);
  CHECK_FALSE(r.resolve(kMissingTarget, "a.md").enabled);  // its category is off
  CHECK(r.resolve(kUntranslated, "a.md").enabled);         // its own entry turns it back on
  CHECK(r.resolve(kParseError, "a.md").enabled);
}

TEST_CASE("resolver: overrides apply in file order, category then id within each") {
  Config c = parse(R"(rules:
  broken-link: {severity: warning, limit: 1}
overrides:
  - files: [Archive/**]
    rules:
      broken-link: {enabled: false, limit: 2}
      links: {severity: error, limit: 9, extra: x}
  - files: ["**/keep-*.md"]
    rules: {broken-link: info}
  - files: [other.md, "**/third/**"]
    rules: {missing-target: off}
)");
  RuleResolver r(c, {}, {});
  EffectiveRule plain = r.resolve(kBrokenLink, "docs/a.md");
  CHECK(plain.enabled);
  CHECK(plain.severity == Severity::Warning);
  CHECK(plain.options.get_int("limit", 0) == 1);

  EffectiveRule archived = r.resolve(kBrokenLink, "Archive/a.md");
  CHECK_FALSE(archived.enabled);
  CHECK(archived.severity == Severity::Error);           // from the category, within the override
  CHECK(archived.options.get_int("limit", 0) == 2);      // the id beats its category there too
  CHECK(archived.options.get_string("extra") == "x");
  CHECK(r.resolve(kLinkMismatch, "Archive/a.md").severity == Severity::Error);

  EffectiveRule kept = r.resolve(kBrokenLink, "Archive/keep-me.md");
  CHECK(kept.enabled);  // the later override wins
  CHECK(kept.severity == Severity::Info);
  CHECK(kept.options.get_int("limit", 0) == 2);  // options accumulate

  CHECK_FALSE(r.resolve(kMissingTarget, "other.md").enabled);  // any of an override's globs
  CHECK_FALSE(r.resolve(kMissingTarget, "x/third/y.md").enabled);
  CHECK(r.resolve(kMissingTarget, "x/y.md").enabled);
}

TEST_CASE("resolver: select and ignore, the command line winning over the file") {
  Config c = parse(
      "select: [links, missing-target]\nignore: [link-mismatch]\nrules: {untranslated: warning, parse-error: off}\n");
  RuleResolver file(c, {}, {});
  CHECK(file.resolve(kBrokenLink, "a.md").enabled);      // by category
  CHECK(file.resolve(kMissingTarget, "a.md").enabled);   // by id
  CHECK_FALSE(file.resolve(kLinkMismatch, "a.md").enabled);  // ignored
  CHECK_FALSE(file.resolve(kUntranslated, "a.md").enabled);  // not selected, whatever rules: says
  CHECK_FALSE(file.resolve(kParseError, "a.md").enabled);

  // --select replaces the file's select, and runs what it names even where
  // the file turned it off (ignore, rules:).
  RuleResolver cli_select(c, {"untranslated", "link-mismatch", "parse-error"}, {});
  CHECK(cli_select.resolve(kUntranslated, "a.md").enabled);
  CHECK(cli_select.resolve(kUntranslated, "a.md").severity == Severity::Warning);  // severity still from the file
  CHECK(cli_select.resolve(kLinkMismatch, "a.md").enabled);
  CHECK(cli_select.resolve(kParseError, "a.md").enabled);
  CHECK_FALSE(cli_select.resolve(kBrokenLink, "a.md").enabled);
  CHECK_FALSE(cli_select.resolve(kMissingTarget, "a.md").enabled);

  // --ignore removes last, even what --select names (by id or category).
  RuleResolver both(c, {"links"}, {"broken-link"});
  CHECK_FALSE(both.resolve(kBrokenLink, "a.md").enabled);
  CHECK(both.resolve(kLinkMismatch, "a.md").enabled);
  RuleResolver cli_ignore(c, {}, {"translation"});
  CHECK_FALSE(cli_ignore.resolve(kMissingTarget, "a.md").enabled);
  CHECK(cli_ignore.resolve(kBrokenLink, "a.md").enabled);
}

TEST_CASE("resolver: exclude") {
  Config c = parse("exclude: ['**/includes/**', TOC.md, 'Archive/*.md']\n");
  RuleResolver r(c, {}, {});
  CHECK(r.excluded("docs/includes/a.md"));
  CHECK(r.excluded("includes/a.md"));
  CHECK(r.excluded("docs/TOC.md"));
  CHECK(r.excluded("Archive/a.md"));
  CHECK_FALSE(r.excluded("Archive/sub/a.md"));
  CHECK_FALSE(r.excluded("docs/a.md"));
  Config none;
  CHECK_FALSE(RuleResolver(none, {}, {}).excluded("a.md"));
}

// ------------------------------------------------------------- rule options

TEST_CASE("rule options: typed getters fall back on missing or garbage values") {
  RuleOptions o({{"int", {"7"}},
                 {"neg", {"-3"}},
                 {"plus", {"+4"}},
                 {"real", {"0.25"}},
                 {"exp", {"1e-3"}},
                 {"junk", {"12abc"}},
                 {"word", {"abc"}},
                 {"nan", {"nan"}},
                 {"huge", {"99999999999999999999999"}},
                 {"none", {}},
                 {"list", {"a", "b"}},
                 {"yes", {"Yes"}},
                 {"off", {"off"}},
                 {"one", {"1"}},
                 {"zero", {"0"}}});
  CHECK(o.get_int("int", 0) == 7);
  CHECK(o.get_int("neg", 0) == -3);
  CHECK(o.get_int("plus", 0) == 4);
  CHECK(o.get_int("real", 5) == 5);  // not an integer
  CHECK(o.get_int("junk", 5) == 5);
  CHECK(o.get_int("huge", 5) == 5);  // out of range
  CHECK(o.get_int("missing", 5) == 5);
  CHECK(o.get_int("none", 5) == 5);
  CHECK(o.get_double("real", 0) == Approx(0.25));
  CHECK(o.get_double("int", 0) == Approx(7));
  CHECK(o.get_double("exp", 0) == Approx(0.001));
  CHECK(o.get_double("junk", 1.5) == 1.5);
  CHECK(o.get_double("word", 1.5) == 1.5);
  CHECK(o.get_double("nan", 1.5) == 1.5);
  CHECK(o.get_double("missing", 1.5) == 1.5);
  CHECK(o.get_bool("yes", false));
  CHECK_FALSE(o.get_bool("off", true));
  CHECK(o.get_bool("one", false));
  CHECK_FALSE(o.get_bool("zero", true));
  CHECK(o.get_bool("word", true));  // garbage: the fallback
  CHECK_FALSE(o.get_bool("word", false));
  CHECK(o.get_bool("missing", true));
  CHECK(o.get_string("list") == "a");
  CHECK_FALSE(o.get_string("none"));
  CHECK_FALSE(o.get_string("missing"));
  CHECK(o.get_list("list") == Strings{"a", "b"});
  CHECK(o.get_list("int") == Strings{"7"});  // a scalar is a one-item list
  CHECK(o.get_list("missing").empty());
  CHECK(o.has("none"));
  CHECK_FALSE(o.has("missing"));
}

TEST_CASE("rule options: from the file to the rule") {
  Config c = parse("rules:\n  untranslated: {min-words: 7, do-not-translate: [A, B], flag: yes, ratio: '0.5'}\n");
  EffectiveRule e = RuleResolver(c, {}, {}).resolve(kUntranslated, "a.md");
  CHECK(e.options.get_int("min-words", 5) == 7);
  CHECK(e.options.get_list("do-not-translate") == Strings{"A", "B"});
  CHECK(e.options.get_bool("flag", false));
  CHECK(e.options.get_double("ratio", 0) == Approx(0.5));
}

// -------------------------------------------------------------- config file

TEST_CASE("config: .tmlint.yaml is found walking up, the nearest first") {
  namespace fs = std::filesystem;
  test::TempDir dir;
  dir.write("repo/.tmlint.yaml", "locale: ja-JP\n");
  dir.write("repo/docs/sub/a.md", "x\n");
  dir.write("repo/docs/inner/.tmlint.yaml", "\n");
  fs::create_directories(dir.path / "repo/docs/odd/.tmlint.yaml");  // a folder of that name is no config
  auto same = [](const std::string& found, const fs::path& expected) {
    INFO(found);
    return !found.empty() && fs::equivalent(found, expected);
  };
  CHECK(same(find_config_file((dir.path / "repo/docs/sub").string()), dir.path / "repo/.tmlint.yaml"));
  CHECK(same(find_config_file((dir.path / "repo/docs/sub/").string()), dir.path / "repo/.tmlint.yaml"));
  CHECK(same(find_config_file((dir.path / "repo").string()), dir.path / "repo/.tmlint.yaml"));
  CHECK(same(find_config_file((dir.path / "repo/docs/inner").string()), dir.path / "repo/docs/inner/.tmlint.yaml"));
  CHECK(same(find_config_file((dir.path / "repo/docs/odd").string()), dir.path / "repo/.tmlint.yaml"));
  // Above the repository there is none (unless the machine has one higher up).
  std::string outside = find_config_file(dir.path.string());
  CHECK((outside.empty() || !same(outside, dir.path / "repo/.tmlint.yaml")));
}

// ------------------------------------------------------------ glossary

TEST_CASE("config: terms and do-not-translate parse into the glossary") {
  Config c = parse(R"(terms:
  ja-JP:
    - source: Partner Center
      target: [パートナー センター]
    - {source: tenant, target: テナント, case-sensitive: true}
  ja:
    - source: subscription
      target: [サブスクリプション, 購読]
do-not-translate: [Microsoft, "Dynamics 365"]
)");
  REQUIRE(c.glossary.terms.size() == 2);
  const auto& ja_jp = c.glossary.terms.at("ja-JP");
  REQUIRE(ja_jp.size() == 2);
  CHECK(ja_jp[0].source == "Partner Center");
  CHECK(ja_jp[0].targets == Strings{"パートナー センター"});
  CHECK_FALSE(ja_jp[0].case_sensitive);
  CHECK(ja_jp[1].targets == Strings{"テナント"});
  CHECK(ja_jp[1].case_sensitive);
  CHECK(c.glossary.do_not_translate == Strings{"Microsoft", "Dynamics 365"});
  // An article's terms: its exact locale (any case, '_' or '-'), then its language.
  auto terms = c.glossary.terms_for("ja_jp");
  REQUIRE(terms.size() == 3);
  CHECK(terms[0]->source == "Partner Center");
  CHECK(terms[2]->source == "subscription");
  CHECK(c.glossary.terms_for("ja").size() == 1);
  CHECK(c.glossary.terms_for("de-DE").empty());
  CHECK(c.glossary.terms_for("").empty());
  CHECK(parse("do-not-translate: Azure\n").glossary.do_not_translate == Strings{"Azure"});
  CHECK(parse("terms:\ndo-not-translate:\n").glossary.empty());
}

TEST_CASE("config: a malformed glossary is an error at its line and column") {
  struct Case {
    const char* text;
    int line, column;
    const char* says;
  };
  const Case cases[] = {
      {"terms: [a]\n", 1, 8, "must map locales"},
      {"terms:\n  ja-JP: {source: a}\n", 2, 10, "must be a list"},
      {"terms:\n  ja-JP:\n    - Partner Center\n", 3, 7, "must be a map"},
      {"terms:\n  ja-JP:\n    - source: a\n", 3, 7, "needs 'target'"},
      {"terms:\n  ja-JP:\n    - target: b\n", 3, 7, "needs 'source'"},
      {"terms:\n  ja-JP:\n    - source: a\n      target: b\n      targets: c\n", 5, 7, "unknown key 'targets'"},
      {"terms:\n  ja-JP:\n    - source: a\n      target: []\n", 4, 15, "at least one"},
      {"terms:\n  ja-JP:\n    - source: a\n      target: [x, \"\"]\n", 4, 15, "empty string"},
      {"terms:\n  ja-JP:\n    - source: a\n      target: b\n      case-sensitive: maybe\n", 5, 23, "true or false"},
      {"terms:\n  ja-JP:\n    - source: {x: 1}\n      target: b\n", 3, 15, "non-empty string"},
      {"terms:\n  ja-JP:\n    - source: a\n      source: b\n      target: c\n", 4, 7, "appears twice"},
      {"do-not-translate: {a: 1}\n", 1, 19, "string or a list"},
      {"do-not-translate: [a, \"\"]\n", 1, 23, "empty string"},
      {"glossary: {}\n", 1, 1, "unknown key 'glossary'"},
  };
  for (const Case& k : cases) {
    ConfigError e = parse_error(k.text);
    INFO(e.line << ":" << e.column << ": " << e.message);
    CHECK(e.line == k.line);
    CHECK(e.column == k.column);
    CHECK(e.message.find(k.says) != std::string::npos);
  }
}

TEST_CASE("config: a locale's rule default applies unless the user set the rule", "[config]") {
  LocaleProfile fr = LocaleProfile::with_data("fr-fr", "rules: {repeated-word: {enabled: false, severity: info}}");
  const Rule* rule = find_rule("repeated-word");
  REQUIRE(rule);
  ConfigError error;
  auto plain = parse_config("", "x", error);
  REQUIRE(plain);
  EffectiveRule e = RuleResolver(*plain, {}, {}).resolve(*rule, "a.md");
  CHECK(e.enabled);
  CHECK_FALSE(e.runs_in(rule->info.id, fr));
  CHECK(e.runs_in(rule->info.id, locale_profile("ja-jp")));

  // Named by id on the command line or in the file: it runs, at the user's severity.
  EffectiveRule selected = RuleResolver(*plain, {"repeated-word"}, {}).resolve(*rule, "a.md");
  CHECK(selected.runs_in(rule->info.id, fr));
  CHECK(selected.severity_in(rule->info.id, fr) == Severity::Info);
  auto file = parse_config("rules:\n  repeated-word: {enabled: true, severity: error}\n", "x", error);
  REQUIRE(file);
  EffectiveRule configured = RuleResolver(*file, {}, {}).resolve(*rule, "a.md");
  CHECK(configured.runs_in(rule->info.id, fr));
  CHECK(configured.severity_in(rule->info.id, fr) == Severity::Error);
  // A category on the command line is not a request for each of its rules.
  EffectiveRule by_category = RuleResolver(*plain, {"qa"}, {}).resolve(*rule, "a.md");
  CHECK_FALSE(by_category.runs_in(rule->info.id, fr));
}
