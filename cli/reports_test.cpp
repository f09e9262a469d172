// CI outputs read back by real consumers: JUnit XML validated by xmllint
// against Jenkins' junit-10.xsd, SARIF by python3-jsonschema against the
// SARIF 2.1.0 schema (both installed by scripts/setup.sh), on a batch with
// hostile bytes and on the real corpus.
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

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }

void validate_junit(const fs::path& xml) {
  auto schemas = tmlint::test::shared("schemas");
  if (!schemas) return;
  INFO(read_file(xml).substr(0, 2000));
  CHECK(sh("xmllint --noout --schema " + q((*schemas / "junit-10.xsd").string()) + " " + q(xml.string()) +
           " 2>/dev/null") == 0);
}

void validate_sarif(const fs::path& sarif) {
  auto schemas = tmlint::test::shared("schemas");
  if (!schemas) return;
  std::string py = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[2])), "
                   "json.load(open(sys.argv[1])))";
  CHECK(sh("/usr/bin/python3 -c " + q(py) + " " + q((*schemas / "sarif-schema-2.1.0.json").string()) + " " +
           q(sarif.string())) == 0);
}

}  // namespace

TEST_CASE("reports: JUnit and SARIF stay valid with control characters and invalid UTF-8") {
  TempDir dir;
  dir.write("docs/a.b.md", sxs_pair("abcde-101", "", std::string("bad \x01\x02 bytes \xff\xfe \xed\xa0\x80 <&>\"")) +
                               "\n<!-- tmlint-disable-next-line missing-target -->\n" +
                               sxs_pair("abcde-102", "", "suppressed") + "\n");
  dir.write("docs/clean.md", sxs_pair("bcdef-101", "訳", "Translated") + "\n");
  std::string exe = q(TMLINT_EXE);
  fs::path xml = dir.path / "out.xml", sarif = dir.path / "out.sarif", gh = dir.path / "gh.txt";
  int status = sh(exe + " check --report junit:" + q(xml.string()) + " --report sarif:" + q(sarif.string()) +
                  " --format github --output " + q(gh.string()) + " " + q((dir.path / "docs").string()));
  CHECK(status == 1);
  validate_junit(xml);
  validate_sarif(sarif);
  fs::path json = dir.path / "out.json";
  sh(exe + " check --format json --output " + q(json.string()) + " " + q((dir.path / "docs").string()));
  CHECK(sh("/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' " + q(json.string())) == 0);
  std::string junit = read_file(xml);
  // One testsuite per file, one testcase per (file, rule); dots of the path
  // do not reach the classname (Jenkins splits it at the last dot).
  CHECK(junit.find("<testsuite name=\"" + (dir.path / "docs/a.b.md").string()) != std::string::npos);
  CHECK(junit.find("classname=\"" + (dir.path / "docs/a.b.md").string() + "\"") == std::string::npos);
  CHECK(junit.find("name=\"missing-target\"") != std::string::npos);
  CHECK(junit.find("<failure type=\"error\"") != std::string::npos);
  CHECK(junit.find('\x01') == std::string::npos);
  std::string s = read_file(sarif);
  CHECK(s.find("\"columnKind\": \"unicodeCodePoints\"") != std::string::npos);
  CHECK(s.find("\"uri\": \"a.b.md\", \"uriBaseId\": \"ROOT\"") != std::string::npos);
  CHECK(s.find("\"suppressions\": [{\"kind\": \"inSource\"}]") != std::string::npos);
  CHECK(s.find("\"partialFingerprints\": {\"tmlint/v1\": \"") != std::string::npos);
  std::string g = read_file(gh);
  CHECK(g.find("::error file=" + (dir.path / "docs/a.b.md").string() + ",line=1,col=1,title=tmlint missing-target::") !=
        std::string::npos);
  CHECK(g.find("suppressed") == std::string::npos);
}

TEST_CASE("reports: fingerprints survive line moves") {
  TempDir dir;
  dir.write("a.md", sxs_pair("abcde-101", "", "Text") + "\n");
  std::string exe = q(TMLINT_EXE);
  fs::path one = dir.path / "1.sarif", two = dir.path / "2.sarif";
  sh(exe + " check --report sarif:" + q(one.string()) + " " + q((dir.path / "a.md").string()) + " > /dev/null");
  dir.write("a.md", "\n\n# moved down\n\n" + sxs_pair("abcde-101", "", "Text") + "\n");
  sh(exe + " check --report sarif:" + q(two.string()) + " " + q((dir.path / "a.md").string()) + " > /dev/null");
  auto fingerprint = [](const std::string& s) {
    size_t at = s.find("\"tmlint/v1\": \"");
    REQUIRE(at != std::string::npos);
    return s.substr(at + 14, 40);
  };
  std::string a = read_file(one), b = read_file(two);
  CHECK(fingerprint(a) == fingerprint(b));
  CHECK(a.find("\"startLine\": 1") != std::string::npos);
  CHECK(b.find("\"startLine\": 5") != std::string::npos);
}

TEST_CASE("reports: GitHub notice beyond ten annotations, statistics, a bad --report") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 12; ++i) text += sxs_pair("abcde-" + std::to_string(101 + i), "", "Text") + "\n";
  dir.write("a.md", text);
  std::string exe = q(TMLINT_EXE);
  fs::path gh = dir.path / "gh.txt", st = dir.path / "st.txt";
  sh(exe + " check --format github " + q((dir.path / "a.md").string()) + " > " + q(gh.string()));
  std::string g = read_file(gh);
  CHECK(g.find("::notice title=tmlint::12 error findings in all") != std::string::npos);
  sh(exe + " check --statistics " + q((dir.path / "a.md").string()) + " > " + q(st.string()));
  CHECK(read_file(st) == "    12  missing-target           error\n");
  CHECK(sh(exe + " check --report xml:out " + q((dir.path / "a.md").string()) + " > /dev/null 2>&1") == 2);
}

TEST_CASE("reports: both corpora as JUnit and SARIF validate") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  TempDir dir;
  for (auto [tree, files] : {std::pair<const char*, size_t>{"partner-center-pr.ja-jp", 352 + 4},
                             std::pair<const char*, size_t>{"nuget.ja-jp", 369 + 1}}) {
    INFO(tree);
    fs::path xml = dir.path / (std::string(tree) + ".xml"), sarif = dir.path / (std::string(tree) + ".sarif");
    std::string source = std::string(tree) == "nuget.ja-jp" ? " --source " + q((*corpus / "nuget.en-us").string()) : "";
    sh(q(TMLINT_EXE) + " check --report junit:" + q(xml.string()) + " --report sarif:" + q(sarif.string()) + source +
       " --quiet " + q((*corpus / tree).string()) + " > /dev/null");
    validate_junit(xml);
    validate_sarif(sarif);
    std::string junit = read_file(xml);
    size_t suites = 0;
    for (size_t at = junit.find("<testsuite "); at != std::string::npos; at = junit.find("<testsuite ", at + 1)) ++suites;
    CHECK(suites == files);  // every article and every TOC.yml
  }
}
