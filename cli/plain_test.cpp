// Plain translated Markdown end to end (issue 15): `tmlint align --source`
// writes TMX that validates against the TMX 1.4 DTD and that
// translate-toolkit reads back, with the aligner's confidence as a property;
// `tmlint check --source` on the plain tree writes valid JUnit and SARIF.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string exe() { return q(TMLINT_EXE); }

struct Run {
  int status;
  std::string out;
};
Run sh(const std::string& cmd) {
  auto r = tmlint::test::run_shell(cmd + " 2>&1");
  return {r.status, r.out};
}

}  // namespace

TEST_CASE("plain: align of plain NuGet ja-JP is valid TMX with confidences, and translate-toolkit reads it") {
  auto corpus = tmlint::test::shared("corpus");
  auto schemas = tmlint::test::shared("schemas");
  if (!corpus || !schemas) return;
  TempDir out;
  const std::string plain = q((*corpus / "plain/nuget.ja-jp").string());
  const std::string source = q((*corpus / "plain/nuget.en-us.handoff").string());
  for (std::string mode : {"text", "tags"}) {
    INFO("--inline " << mode);
    fs::path tmx = out.path / ("plain." + mode + ".tmx");
    Run r = sh(exe() + " align --inline " + mode + " --source " + source + " -o " + q(tmx.string()) + " " + plain);
    CHECK(r.status == 0);
    CHECK(r.out.find("plain articles aligned with --source") != std::string::npos);
    CHECK(sh("xmllint --noout --dtdvalid " + q((*schemas / "tmx14.dtd").string()) + " " + q(tmx.string())).status == 0);
    std::string xml = read_file(tmx);
    size_t units = tmlint::test::count_occurrences(xml, "<tu ");
    CHECK(units > 15000);
    CHECK(tmlint::test::count_occurrences(xml, "<prop type=\"x-confidence\">") == units);
    std::string py =
        "import sys\nfrom translate.storage import tmx\nstore = tmx.tmxfile.parsefile(sys.argv[1])\n"
        "print(len([u for u in store.units if u.source]))\n";
    Run back = sh("/usr/bin/python3 -c " + q(py) + " " + q(tmx.string()));
    CHECK(back.status == 0);
    CHECK(back.out == std::to_string(units) + "\n");
  }
  // --min-confidence leaves doubtful pairs out, and says how many.
  Run all = sh(exe() + " align --format jsonl --source " + source + " -o /dev/null " + plain);
  Run sure = sh(exe() + " align --format jsonl --min-confidence 0.6 --source " + source + " -o /dev/null " + plain);
  CHECK(sure.status == 0);
  CHECK(sure.out.find(" under confidence 0.6") != std::string::npos);
  auto written = [](const std::string& text) { return std::stoul(text.substr(text.find("tmlint align: ") + 14)); };
  CHECK(written(sure.out) < written(all.out));
  // XLIFF 2 validates too; JSON Lines carry the confidence.
  fs::path xlf = out.path / "plain.xlf";
  CHECK(sh(exe() + " align -q --source " + source + " -o " + q(xlf.string()) + " " + plain).status == 0);
  CHECK(sh("xmllint --noout --schema " + q((*schemas / "xliff_core_2.0.xsd").string()) + " " + q(xlf.string())).status == 0);
  Run jsonl = sh(exe() + " align -q --format jsonl --source " + source + " " +
                 q((*corpus / "plain/nuget.ja-jp/docs/what-is-nuget.md").string()) + " | head -1");
  CHECK(jsonl.out.find("\"confidence\":") != std::string::npos);
}

TEST_CASE("plain: check of the plain NuGet tree gives valid JUnit and SARIF") {
  auto corpus = tmlint::test::shared("corpus");
  auto schemas = tmlint::test::shared("schemas");
  if (!corpus || !schemas) return;
  TempDir out;
  fs::path xml = out.path / "out.xml", sarif = out.path / "out.sarif";
  Run r = sh(exe() + " check -q --report junit:" + q(xml.string()) + " --report sarif:" + q(sarif.string()) +
             " --source " + q((*corpus / "plain/nuget.en-us.2022-handoff").string()) + " -o /dev/null " +
             q((*corpus / "plain/nuget.ja-jp.2022").string()));
  CHECK((r.status == 0 || r.status == 1));
  CHECK(sh("xmllint --noout --schema " + q((*schemas / "junit-10.xsd").string()) + " " + q(xml.string()) +
           " > /dev/null").status == 0);
  std::string py = "import json,jsonschema,sys; jsonschema.validate(json.load(open(sys.argv[2])), "
                   "json.load(open(sys.argv[1])))";
  CHECK(sh("/usr/bin/python3 -c " + q(py) + " " + q((*schemas / "sarif-schema-2.1.0.json").string()) + " " +
           q(sarif.string())).status == 0);
  std::string s = read_file(sarif);
  CHECK(s.find("\"missing-translation\"") != std::string::npos);
}
