// End-to-end tests of the tmlint executable: exit codes, output formats,
// determinism across --jobs, and the corpus figures the issues promise.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;

namespace {

using Run = tmlint::test::ShellRun;
using tmlint::test::run_shell;

std::string quote(const std::string& s) { return tmlint::test::shell_quote(s); }

// Runs tmlint with `args` (already quoted as needed); stdout captured,
// stderr appended when `with_stderr`.
Run run_tmlint(const std::string& args, bool with_stderr = false, const std::string& env = "") {
  return run_shell(env + " " + quote(TMLINT_EXE) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}



// The value of "key": N in the JSON summary.
long summary_field(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\": ");
  REQUIRE(at != std::string::npos);
  return std::stol(json.substr(at + key.size() + 4));
}

size_t count_rule(const std::string& json, const std::string& rule) {
  size_t n = 0;
  for (size_t at = json.find("\"rule\": \"" + rule + "\""); at != std::string::npos;
       at = json.find("\"rule\": \"" + rule + "\"", at + 1))
    ++n;
  return n;
}

}  // namespace

using tmlint::test::TempDir;

TEST_CASE("version, rules, usage errors") {
  Run v = run_tmlint("--version");
  CHECK(v.status == 0);
  CHECK(v.out == "tmlint 0.1.0\n");
  Run rules = run_tmlint("rules");
  CHECK(rules.status == 0);
  CHECK(rules.out.find("missing-target") != std::string::npos);
  CHECK(rules.out.find("parse-error") != std::string::npos);
  Run json = run_tmlint("rules --format json");
  CHECK(json.out.find("\"id\": \"untranslated\"") != std::string::npos);
  CHECK(run_tmlint("check --no-such-flag .").status == 2);
  CHECK(run_tmlint("check --select no-such-rule .").status == 2);
  CHECK(run_tmlint("check --format xml .").status == 2);
  CHECK(run_tmlint("").status == 2);
}

TEST_CASE("exit codes: clean 0, findings 1, I/O error 2 with the rest still checked") {
  TempDir dir;
  dir.write("clean/a.md", tmlint::test::sxs_pair("abcde-101", "訳", "Translated") + "\n");
  dir.write("bad/a.md", tmlint::test::sxs_pair("abcde-101", "", "Empty target") + "\n");
  dir.write("bad/b.md", tmlint::test::sxs_pair("bcdef-101", "訳", "Text") + "\n");
  CHECK(run_tmlint(quote((dir.path / "clean").string())).status == 2);  // no subcommand
  CHECK(run_tmlint("check " + quote((dir.path / "clean").string())).status == 0);
  Run bad = run_tmlint("check " + quote((dir.path / "bad").string()));
  CHECK(bad.status == 1);
  CHECK(bad.out.find("a.md:1:1: error: segment abcde-101 has an empty target [missing-target]") != std::string::npos);
  CHECK(bad.out.find("tmlint: 2 files, 2 segments: 1 error, 0 warnings, 0 infos") != std::string::npos);
  // --fail-on: a warning fails only when asked.
  dir.write("warn/a.md", tmlint::test::sxs_pair("abcde-105", "a", "a") + "\n" + tmlint::test::sxs_pair("abcde-104", "b", "b") + "\n");
  CHECK(run_tmlint("check " + quote((dir.path / "warn").string())).status == 0);
  CHECK(run_tmlint("check --fail-on warning " + quote((dir.path / "warn").string())).status == 1);
  // A missing path is an I/O error; the other path is still reported.
  Run io = run_tmlint("check " + quote((dir.path / "bad").string()) + " " + quote((dir.path / "nope").string()), true);
  CHECK(io.status == 2);
  CHECK(io.out.find("missing-target") != std::string::npos);
  CHECK(io.out.find("nope: no such file or directory") != std::string::npos);
}

TEST_CASE("JSON to --output, paths as reached from the argument, NO_COLOR") {
  TempDir dir;
  dir.write("docs/a.md", tmlint::test::sxs_pair("abcde-101", "", "Empty") + "\n");
  fs::path out = dir.path / "report.json";
  Run r = run_tmlint("check --format json --output " + quote(out.string()) + " " + quote((dir.path / "docs").string()));
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  std::string json = read_file(out);
  CHECK(json.rfind("{\"tool\": \"tmlint\", \"version\": \"0.1.0\"", 0) == 0);
  CHECK(json.find("\"path\": \"" + (dir.path / "docs").string() + "/a.md\"") != std::string::npos);
  CHECK(json.find("\"segment\": \"abcde-101\"") != std::string::npos);
  CHECK(summary_field(json, "errors") == 1);
  // No temporary file is left beside the report.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) files += e.is_regular_file();
  CHECK(files == 1);
  // Colour never goes to a pipe, and NO_COLOR is honoured.
  Run text = run_tmlint("check " + quote((dir.path / "docs").string()), false, "NO_COLOR=1");
  CHECK(text.out.find('\x1b') == std::string::npos);
}

TEST_CASE("configuration file and inline suppression") {
  TempDir dir;
  dir.write("a.md", "<!-- tmlint-disable-next-line missing-target -->\n" + tmlint::test::sxs_pair("abcde-101", "", "One") + "\n" +
                        tmlint::test::sxs_pair("abcde-102", "", "Two") + "\n");
  Run r = run_tmlint("check --format json " + quote((dir.path / "a.md").string()));
  CHECK(count_rule(r.out, "missing-target") == 1);
  CHECK(summary_field(r.out, "suppressed") == 1);
  dir.write(".tmlint.yaml", "rules:\n  missing-target: warning\n");
  Run c = run_tmlint("check --config " + quote((dir.path / ".tmlint.yaml").string()) + " " + quote((dir.path / "a.md").string()));
  CHECK(c.status == 0);
  CHECK(c.out.find("warning: segment abcde-102") != std::string::npos);
  dir.write("bad.yaml", "rules:\n  no-such-rule: off\n");
  Run bad = run_tmlint("check --config " + quote((dir.path / "bad.yaml").string()) + " " + quote(dir.path.string()), true);
  CHECK(bad.status == 2);
  CHECK(bad.out.find("bad.yaml:2:") != std::string::npos);
}

TEST_CASE("corpus: summary counts, stale translations, the seed's typo, identical output across --jobs") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  const std::string pc = quote((*corpus / "partner-center-pr.ja-jp").string());
  const std::string nuget = quote((*corpus / "nuget.ja-jp").string());

  Run pc1 = run_tmlint("check --format json --jobs 1 " + pc);
  Run pc2 = run_tmlint("check --format json --jobs 2 " + pc);
  CHECK(summary_field(pc1.out, "files") == 352);
  CHECK(summary_field(pc1.out, "segments") == 30763);
  CHECK(count_rule(pc1.out, "parse-error") == 0);
  CHECK(pc1.out == pc2.out);  // byte for byte
  CHECK(pc1.out.find("unable-to-sign-in.md\", \"line\": 49") != std::string::npos);
  CHECK(count_rule(pc1.out, "link-slug-typo") == 1);
  // partner-center/TOC.yml: 12 of its hrefs do not resolve (5 missing, 1 case, 6 redirected).
  size_t toc = 0;
  for (size_t at = pc1.out.find("partner-center/TOC.yml\""); at != std::string::npos;
       at = pc1.out.find("partner-center/TOC.yml\"", at + 1))
    ++toc;
  CHECK(toc == 12);
  CHECK(summary_field(pc1.out, "yaml_pages") == 4);

  Run ng = run_tmlint("check --format json --jobs 2 " + nuget);
  CHECK(summary_field(ng.out, "files") == 369);
  CHECK(summary_field(ng.out, "segments") == 15657);
  CHECK(count_rule(ng.out, "parse-error") == 0);

  // Exactly the 41 stale articles of the corpus README.
  Run stale = run_tmlint("check --format json --select stale-translation --source " +
                     quote((*corpus / "nuget.en-us").string()) + " " + nuget);
  std::set<std::string> got, expected;
  const std::string prefix = (*corpus / "nuget.ja-jp").string() + "/";
  for (size_t at = stale.out.find("\"path\": \""); at != std::string::npos; at = stale.out.find("\"path\": \"", at + 1)) {
    size_t b = at + 9, e = stale.out.find('"', b);
    got.insert(stale.out.substr(b, e - b).substr(prefix.size()));
  }
  std::istringstream list(read_file(*corpus / "nuget-stale-2773e135.txt"));
  for (std::string line; std::getline(list, line);)
    if (!line.empty()) expected.insert(line);
  CHECK(expected.size() == 41);
  CHECK(got == expected);
  // README.md and the two TOC.md files carry no localization metadata.
  CHECK(summary_field(stale.out, "unknown_staleness") == 3);

  // The hard cases: only the &quot;-corrupted file, one parse-error per swallowed id.
  Run hard = run_tmlint("check --format json --select parse-error " + quote((*corpus / "hard-cases").string()));
  CHECK(count_rule(hard.out, "parse-error") == 13);
  CHECK(hard.status == 1);
}

TEST_CASE("corpus: the seed article gets link-slug-typo on reset-my-pasword.md") {
  auto seed = tmlint::test::shared("seed");
  if (!seed) return;
  TempDir dir;
  for (const auto& e : fs::directory_iterator(*seed))
    fs::copy_file(e.path(), dir.path / "unable-to-sign-in.md");
  Run r = run_tmlint("check --select link-slug-typo " + quote(dir.path.string()));
  CHECK(r.out.find("link target 'reset-my-pasword.md' looks misspelled") != std::string::npos);
  CHECK(r.out.find("'reset-my-password.md'") != std::string::npos);
}

TEST_CASE("truncated, shuffled and corrupted corpus files: the run completes with diagnostics") {
  auto corpus = tmlint::test::shared("corpus/partner-center-pr.ja-jp/partner-center");
  if (!corpus) return;
  TempDir dir;
  std::mt19937 rng(7);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(*corpus))
    if (e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  files.resize(std::min<size_t>(files.size(), 30));
  size_t k = 0;
  for (const auto& f : files) {
    std::string text = read_file(f);
    switch (k % 3) {
      case 0: text.resize(std::uniform_int_distribution<size_t>(0, text.size())(rng)); break;
      case 1: {
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        std::shuffle(lines.begin(), lines.end(), rng);
        text.clear();
        for (auto& l : lines) text += l + "\n";
        break;
      }
      default:
        for (int i = 0; i < 50 && !text.empty(); ++i)
          text[std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng)] = static_cast<char>(rng() & 0xFF);
    }
    dir.write("batch/" + std::to_string(k++) + ".md", text);
  }
  Run r = run_tmlint("check --format json " + quote((dir.path / "batch").string()));
  CHECK((r.status == 0 || r.status == 1));
  CHECK(summary_field(r.out, "files") == static_cast<long>(files.size()));
  CHECK(r.out.find("\"diagnostics\": [\n") != std::string::npos);  // some findings
  CHECK(r.out.rfind("]}\n") == r.out.size() - 3);                    // a complete document
}

namespace {

// Runs tmlint from folder `dir` (the current directory matters for the
// configuration search and for `check` without a PATH).
Run run_in(const fs::path& dir, const std::string& args, bool with_stderr = false, const std::string& env = "") {
  return run_tmlint(args, with_stderr, "cd " + quote(dir.string()) + " && " + env);
}


// A batch with one error (missing-target) and one warning (segment-id-order).
// `n` makes the segment ids unique across batches of several.
void write_mixed(const TempDir& dir, const std::string& folder, int n = 0) {
  char err[8], warn[8];
  std::snprintf(err, sizeof err, "a%04x", 2 * n);
  std::snprintf(warn, sizeof warn, "a%04x", 2 * n + 1);
  dir.write(folder + "/err.md", tmlint::test::sxs_pair(std::string(err) + "-101", "", "Empty target") + "\n");
  dir.write(folder + "/warn.md", tmlint::test::sxs_pair(std::string(warn) + "-105", "訳", "a") + "\n" +
                                     tmlint::test::sxs_pair(std::string(warn) + "-104", "訳", "b") + "\n");
}

}  // namespace

TEST_CASE("cli: check without PATH checks the current folder; .tmlint.yaml is found upwards and its fail-on used") {
  TempDir dir;
  dir.write("repo/.tmlint.yaml", "fail-on: warning\nignore: [missing-target]\n");
  write_mixed(dir, "repo/docs");
  Run r = run_in(dir.path / "repo/docs", "check");
  CHECK(r.status == 1);  // the warning fails because of the file's fail-on
  CHECK(r.out.rfind("warn.md:2:1: warning: ", 0) == 0);  // bare paths for '.'
  CHECK(r.out.find("missing-target") == std::string::npos);
  CHECK(run_in(dir.path / "repo/docs", "check --fail-on error").status == 0);  // the flag wins
  // --config names another file: the one found upwards is not read.
  dir.write("other.yaml", "rules:\n  segment-id-order: info\n");
  Run other = run_in(dir.path / "repo/docs", "check --config " + quote((dir.path / "other.yaml").string()));
  CHECK(other.status == 1);  // missing-target is back, fail-on is error again
  CHECK(other.out.find("info: ") != std::string::npos);
}

TEST_CASE("cli: --select and --ignore take comma-separated and repeated values; unknown ids are usage errors") {
  TempDir dir;
  write_mixed(dir, "b");
  const std::string b = quote((dir.path / "b").string());
  Run both = run_tmlint("check --format json --select missing-target,segment-id-order " + b);
  Run repeated = run_tmlint("check --format json --select missing-target --select segment-id-order " + b);
  CHECK(both.out == repeated.out);
  CHECK(summary_field(both.out, "errors") == 1);
  CHECK(summary_field(both.out, "warnings") == 1);
  Run ignored = run_tmlint("check --format json --ignore missing-target --ignore structure " + b);
  CHECK(ignored.status == 0);
  CHECK(summary_field(ignored.out, "errors") == 0);
  CHECK(summary_field(ignored.out, "warnings") == 0);  // segment-id-order is a structure rule
  Run unknown = run_tmlint("check --ignore missing-target,no-such-rule " + b, true);
  CHECK(unknown.status == 2);
  CHECK(unknown.out.find("no-such-rule") != std::string::npos);
  CHECK(run_tmlint("check --fail-on fatal " + b).status == 2);
  CHECK(run_tmlint("check --jobs many " + b).status == 2);
}

TEST_CASE("cli: an I/O error exits 2 but the report of the rest is still written") {
  TempDir dir;
  write_mixed(dir, "b");
  fs::path out = dir.path / "out.json";
  Run r = run_tmlint("check --format json --output " + quote(out.string()) + " " + quote((dir.path / "b").string()) +
                         " " + quote((dir.path / "missing").string()),
                     true);
  CHECK(r.status == 2);
  CHECK(r.out == "tmlint: error: " + (dir.path / "missing").string() + ": no such file or directory\n");  // stderr only
  std::string json = read_file(out);
  CHECK(summary_field(json, "files") == 2);
  CHECK(summary_field(json, "errors") == 1);
  // A report that cannot be written is an error too.
  Run bad = run_tmlint("check --output " + quote((dir.path / "no/such/dir/out.txt").string()) + " " +
                           quote((dir.path / "b").string()),
                       true);
  CHECK(bad.status == 2);
  CHECK(bad.out.find("tmlint: error: cannot write " + (dir.path / "no/such/dir/out.txt").string()) !=
        std::string::npos);
}

TEST_CASE("cli: --quiet drops the summary; --jobs does not change the output") {
  TempDir dir;
  for (int i = 0; i < 30; ++i) write_mixed(dir, "b/d" + std::to_string(i % 4) + "/f" + std::to_string(i), i);
  const std::string b = quote((dir.path / "b").string());
  Run quiet = run_tmlint("check --quiet " + b);
  CHECK(quiet.status == 1);
  CHECK(quiet.out.find("tmlint:") == std::string::npos);
  CHECK(std::count(quiet.out.begin(), quiet.out.end(), '\n') == 60);
  Run j1 = run_tmlint("check --format json --jobs 1 " + b);
  Run j2 = run_tmlint("check --format json --jobs 2 " + b);
  Run j7 = run_tmlint("check --format json -j 7 " + b);
  CHECK(j1.out == j2.out);
  CHECK(j1.out == j7.out);
  CHECK(summary_field(j1.out, "files") == 60);
}

TEST_CASE("cli: rules as an aligned table and as JSON") {
  Run table = run_tmlint("rules");
  REQUIRE(table.status == 0);
  std::istringstream in(table.out);
  std::string header;
  std::getline(in, header);
  const size_t category = header.find("category"), severity = header.find("severity"), summary = header.find("summary");
  REQUIRE(header.rfind("id", 0) == 0);
  REQUIRE(category != std::string::npos);
  size_t rows = 0;
  for (std::string line; std::getline(in, line); ++rows) {
    INFO(line);
    REQUIRE(line.size() > summary);
    CHECK(line[category - 1] == ' ');
    CHECK(line[category] != ' ');
    CHECK(line[severity - 1] == ' ');
    CHECK((line.compare(severity, 5, "error") == 0 || line.compare(severity, 7, "warning") == 0 ||
           line.compare(severity, 4, "info") == 0));
    CHECK(line[summary] != ' ');
  }
  CHECK(rows >= 10);
  Run json = run_tmlint("rules --format json");
  CHECK(json.status == 0);
  CHECK(std::count(json.out.begin(), json.out.end(), '{') == static_cast<long>(rows));
  CHECK(std::system(("printf '%s' " + quote(json.out) + " | python3 -c 'import json,sys; json.load(sys.stdin)'").c_str()) == 0);
}

TEST_CASE("cli: colour on a terminal only, never with NO_COLOR or --no-color") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: script(1) is not installed, no pseudo-terminal to test colour with");
    return;
  }
  TempDir dir;
  write_mixed(dir, "b");
  // script(1) runs tmlint on a pseudo-terminal.
  auto on_tty = [&](const std::string& env, const std::string& flags) {
    std::string cmd = env + " " + quote(TMLINT_EXE) + " check " + flags + " " + quote((dir.path / "b").string());
    return run_shell("script -qec " + quote(cmd) + " /dev/null 2>/dev/null").out;
  };
  CHECK(on_tty("", "").find("\x1b[31merror") != std::string::npos);
  CHECK(on_tty("NO_COLOR=", "").find("\x1b[") != std::string::npos);  // empty NO_COLOR does not count
  CHECK(on_tty("NO_COLOR=1", "").find('\x1b') == std::string::npos);
  CHECK(on_tty("", "--no-color").find('\x1b') == std::string::npos);
  CHECK(run_tmlint("check " + quote((dir.path / "b").string())).out.find('\x1b') == std::string::npos);  // a pipe
}
