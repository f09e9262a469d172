// tmlint align end to end, read back by real consumers: the TMX of both
// corpora validated against the TMX 1.4 DTD (xmllint) and read by Debian's
// translate-toolkit, the XLIFF against the XLIFF 2 core schema; the round
// trip through --tm; determinism across --jobs; usage errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }
std::string exe() { return q(TMLINT_EXE); }

struct Run {
  int status;
  std::string out;  // stdout and stderr
};
Run sh(const std::string& cmd) {
  auto r = tmlint::test::run_shell(cmd + " 2>&1");
  return {r.status, r.out};
}

// Units as translate-toolkit's TMX reader sees them: count, and the source
// and target of the first.
std::string toolkit_read(const fs::path& tmx) {
  std::string py =
      "import sys\nfrom translate.storage import tmx\nstore = tmx.tmxfile.parsefile(sys.argv[1])\n"
      "units = [u for u in store.units if u.source]\nprint(len(units))\nprint(units[0].source)\nprint(units[0].target)\n";
  return tmlint::test::run_shell("/usr/bin/python3 -c " + q(py) + " " + q(tmx.string())).out;
}


}  // namespace

TEST_CASE("align: the TMX of both corpora is valid TMX 1.4 and translate-toolkit reads one unit per segment") {
  auto corpus = tmlint::test::shared("corpus");
  auto schemas = tmlint::test::shared("schemas");
  if (!corpus || !schemas) return;
  TempDir out;
  const std::string dtd = q((*schemas / "tmx14.dtd").string());
  for (auto [name, segments] : {std::pair<std::string, size_t>{"partner-center-pr.ja-jp", 30763}, {"nuget.ja-jp", 15657}}) {
    INFO(name);
    for (std::string mode : {"text", "tags"}) {
      INFO("--inline " << mode);
      fs::path tmx = out.path / (name + "." + mode + ".tmx");
      Run r = sh(exe() + " align --inline " + mode + " -o " + q(tmx.string()) + " " + q((*corpus / name).string()));
      CHECK(r.status == 0);
      CHECK(r.out.find("tmlint align: " + std::to_string(segments) + " pairs") != std::string::npos);
      CHECK(sh("xmllint --noout --dtdvalid " + dtd + " " + q(tmx.string())).status == 0);
      std::string xml = read_file(tmx);
      CHECK(tmlint::test::count_occurrences(xml, "<tu ") == segments);
      std::string back = toolkit_read(tmx);
      CHECK(back.substr(0, back.find('\n')) == std::to_string(segments));
    }
  }
}

TEST_CASE("align: the XLIFF of both corpora validates against the XLIFF 2 core schema, with and without inline tags") {
  auto corpus = tmlint::test::shared("corpus");
  auto schemas = tmlint::test::shared("schemas");
  if (!corpus || !schemas) return;
  TempDir out;
  for (std::string name : {"partner-center-pr.ja-jp", "nuget.ja-jp"}) {
    for (std::string mode : {"text", "tags"}) {
      INFO(name << " --inline " << mode);
      fs::path xlf = out.path / (name + "." + mode + ".xlf");
      CHECK(sh(exe() + " align -q --inline " + mode + " -o " + q(xlf.string()) + " " + q((*corpus / name).string()))
                .status == 0);
      Run v = sh("xmllint --noout --schema " + q((*schemas / "xliff_core_2.0.xsd").string()) + " " + q(xlf.string()));
      INFO(v.out.substr(0, 2000));
      CHECK(v.status == 0);
      const std::string xml = read_file(xlf);
      CHECK(xml.find("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\"") != std::string::npos);
      // Codes as XLIFF inline elements only with tags (both corpora have links and bold).
      CHECK((xml.find("<originalData>") != std::string::npos) == (mode == "tags"));
      CHECK((xml.find("<sc id=") != std::string::npos) == (mode == "tags"));
    }
  }
}

TEST_CASE("align: round trip, a corpus checked against its own TMX has no tm-deviation") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  TempDir out;
  for (std::string name : {"partner-center-pr.ja-jp", "nuget.ja-jp"}) {
    for (std::string mode : {"text", "tags"}) {
      INFO(name << " --inline " << mode);
      fs::path tmx = out.path / (name + mode + ".tmx");
      const std::string batch = q((*corpus / name).string());
      REQUIRE(sh(exe() + " align -q --inline " + mode + " -o " + q(tmx.string()) + " " + batch).status == 0);
      Run check = sh(exe() + " check --select tm-deviation --fail-on info --format json --tm " + q(tmx.string()) + " " +
                     batch);
      CHECK(check.status == 0);
      CHECK(check.out.find("\"tm-deviation\"") == std::string::npos);
    }
  }
}

TEST_CASE("align: a changed translation is a tm-deviation against the exported TMX") {
  TempDir dir;
  const std::string front = "---\nms.contentlocale: ja-JP\n---\n";
  dir.write("v1/a.md", front + sxs_pair("aaaaa-101", "パスワードをリセットします。", "Reset your password.") + "\n");
  dir.write("v2/a.md", front + sxs_pair("aaaaa-101", "パスワードを再設定します。", "Reset your password.") + "\n");
  fs::path tmx = dir.path / "v1.tmx";
  REQUIRE(sh(exe() + " align -q -o " + q(tmx.string()) + " " + q((dir.path / "v1").string())).status == 0);
  Run r = sh(exe() + " check --select tm-deviation --fail-on info --tm " + q(tmx.string()) + " " +
             q((dir.path / "v2").string()));
  CHECK(r.status == 1);
  CHECK(r.out.find("a.md:4:") != std::string::npos);
  CHECK(r.out.find("パスワードをリセットします。") != std::string::npos);
  // A missing or malformed --tm is an I/O error (exit 2), not a silent pass.
  CHECK(sh(exe() + " check --tm " + q((dir.path / "none.tmx").string()) + " " + q((dir.path / "v2").string())).status == 2);
  dir.write("bad.tmx", "<tmx><body><tu>");
  Run bad = sh(exe() + " check --tm " + q((dir.path / "bad.tmx").string()) + " " + q((dir.path / "v2").string()));
  CHECK(bad.status == 2);
  CHECK(bad.out.find("bad.tmx: line 1: not well-formed XML") != std::string::npos);
}

TEST_CASE("align: identical output across --jobs and runs, every format") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  const std::string batch = q((*corpus / "nuget.ja-jp").string());
  for (std::string format : {"tmx", "xliff", "jsonl", "tsv"}) {
    INFO(format);
    auto one = tmlint::test::run_shell(exe() + " align -q --jobs 1 --format " + format + " " + batch);
    auto two = tmlint::test::run_shell(exe() + " align -q --jobs 2 --format " + format + " " + batch);
    CHECK(one.status == 0);
    CHECK(one.out.size() > 1000000);
    CHECK(one.out == two.out);
  }
}

TEST_CASE("align: exclusions are counted and never silent, stale pairs need --source") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  const std::string nuget = q((*corpus / "nuget.ja-jp").string());
  const std::string source = q((*corpus / "nuget.en-us").string());
  Run all = sh(exe() + " align --format jsonl --source " + source + " -o /dev/null " + nuget);
  CHECK(all.status == 0);
  // The one untranslated pair: docs/release-notes/NuGet-5.10.md "dotnet nuget verify is too quiet" (issue 14).
  CHECK(all.out.find("kept 1 untranslated and 48 stale pairs (marked)") != std::string::npos);
  Run some = sh(exe() + " align --format jsonl --exclude stale --min-words 3 --dedupe --source " + source +
                " -o /dev/null " + nuget);
  CHECK(some.status == 0);
  CHECK(some.out.find("left out: 0 untranslated, 48 stale") != std::string::npos);
  // Everything adds up: written + left out + merged = the segments with a source.
  auto field = [&](const std::string& text, const std::string& before) {
    size_t at = text.rfind(before);
    REQUIRE(at != std::string::npos);
    size_t b = text.rfind(' ', at - 1) + 1;
    return std::stoul(text.substr(b, at - b));
  };
  size_t written = field(some.out, " pairs from");
  size_t short_ones = field(some.out, " under 3 words");
  size_t merged = field(some.out, " duplicates merged");
  // The sxs branch's plain files (docs/TOC.md, docs/nuget-org/TOC.md: no
  // spans) are aligned with their English too (issue 15): their pairs count.
  Run plain = sh(exe() + " align -q --format jsonl --source " + source + " --root " + nuget + " " +
                 q((*corpus / "nuget.ja-jp/docs/TOC.md").string()) + " " +
                 q((*corpus / "nuget.ja-jp/docs/nuget-org/TOC.md").string()) + " | wc -l");
  size_t plain_pairs = std::stoul(plain.out);
  CHECK(plain_pairs > 0);
  CHECK(written + 48 + short_ones + merged == 15657 + plain_pairs);
  CHECK(short_ones > 0);
  CHECK(merged > 0);

  TempDir dir;
  dir.write("ja/a.md", sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  CHECK(sh(exe() + " align --exclude stale " + ja).status == 2);
  CHECK(sh(exe() + " align --exclude nonsense " + ja).status == 2);
  CHECK(sh(exe() + " align --inline tags --format jsonl " + ja).status == 2);
  CHECK(sh(exe() + " align " + q((dir.path / "missing").string())).status == 2);
  Run und = sh(exe() + " align " + ja);
  CHECK(und.status == 0);
  CHECK(und.out.find("xml:lang=\"und\"") != std::string::npos);
  CHECK(und.out.find("1 pair with no target language") != std::string::npos);
  CHECK(sh(exe() + " align --locale ja-JP " + ja).out.find("xml:lang=\"ja-JP\"") != std::string::npos);
}

TEST_CASE("align: -o writes atomically and picks the format from the extension") {
  TempDir dir;
  dir.write("ja/a.md", "---\nms.contentlocale: ja-JP\n---\n" + sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  fs::path xlf = dir.path / "out.xlf", tsv = dir.path / "out.tsv";
  CHECK(sh(exe() + " align -q -o " + q(xlf.string()) + " " + ja).status == 0);
  CHECK(read_file(xlf).find("<xliff") != std::string::npos);
  CHECK(sh(exe() + " align -q -o " + q(tsv.string()) + " " + ja).status == 0);
  CHECK(read_file(tsv).rfind("path\tline\tid", 0) == 0);
  CHECK(sh(exe() + " align -q -o " + q((dir.path / "no/such/dir/x.tmx").string()) + " " + ja).status == 2);
  for (const auto& e : fs::directory_iterator(dir.path)) CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}

TEST_CASE("align: hostile bytes still give valid TMX and XLIFF, with the replacements counted") {
  auto schemas = tmlint::test::shared("schemas");
  if (!schemas) return;
  TempDir dir;
  dir.write("ja/a.md", "---\nms.contentlocale: ja-JP\nms.lasthandoff: 99/99/2021\n---\n" +
                           sxs_pair("aaaaa-101", "制御\x01\x02 \xff\xfe <&> \"]]>\" \r", "Control \x0b \xed\xa0\x80 <&>") +
                           "\n\n" + sxs_pair("a<\"&>", "id", "Hostile id") + "\n");
  const std::string ja = q((dir.path / "ja").string());
  fs::path tmx = dir.path / "out.tmx", xlf = dir.path / "out.xlf";
  for (std::string mode : {"text", "tags"}) {
    Run r = sh(exe() + " align --inline " + mode + " -o " + q(tmx.string()) + " " + ja);
    CHECK(r.status == 0);
    CHECK(r.out.find("8 characters that XML forbids written as U+FFFD") != std::string::npos);
    CHECK(sh("xmllint --noout --dtdvalid " + q((*schemas / "tmx14.dtd").string()) + " " + q(tmx.string())).status == 0);
  }
  CHECK(sh(exe() + " align -q -o " + q(xlf.string()) + " " + ja).status == 0);
  Run v = sh("xmllint --noout --schema " + q((*schemas / "xliff_core_2.0.xsd").string()) + " " + q(xlf.string()));
  INFO(v.out);
  CHECK(v.status == 0);
}

TEST_CASE("align and stats warn of the symlinks they do not follow, as check does") {
  TempDir dir;
  dir.write("ja/a.md", "---\nms.contentlocale: ja-JP\n---\n" + sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  dir.write("secret/s.md", sxs_pair("bbbbb-101", "秘密", "Secret") + "\n");
  fs::create_symlink(dir.path / "secret/s.md", dir.path / "ja/s.md");
  const std::string ja = q((dir.path / "ja").string());
  for (const std::string& cmd : std::vector<std::string>{" check ", " align -q -o " + q((dir.path / "out.tmx").string()) + " ", " stats "}) {
    INFO(cmd);
    Run r = sh(exe() + cmd + ja);
    CHECK(r.status != 2);  // findings may make check exit 1; a symlink is no usage or I/O error
    CHECK(r.out.find("s.md: symlink leads outside") != std::string::npos);
  }
  // The file outside the root is not read: its pair is not in the memory.
  CHECK(read_file(dir.path / "out.tmx").find("Secret") == std::string::npos);
}
