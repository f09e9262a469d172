// The bad-input suite (docs/reliability.md, testdata/bad/README.md): every
// case is run through the tmlint executable on its own, then all together in
// one batch. Each run must end with the exit code and the diagnostics the
// case defines, write a JSON report that a real JSON parser (python3's json)
// reads and a JUnit report that pugixml parses, and stay within the time and
// memory bounds: CPU time under 1 s, peak RSS under the empty-folder run's
// plus 16 MiB plus ten times the input size.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <pugixml.hpp>
#include <sstream>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::MeasuredRun;
using tmlint::test::read_file;
using tmlint::test::run_measured;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

// Bounds. Sanitized builds (Debug, ASan+UBSan) are far slower and keep freed
// memory in quarantine: there the bounds are relaxed, not dropped.
constexpr double kCpuLimit = tmlint::test::kSanitized ? 60.0 : 1.0;
constexpr double kMemoryFactor = tmlint::test::kSanitized ? 40.0 : 10.0;
// Fixed slack over the empty-file run: allocator arenas, the report strings
// of the diagnostics, page-granular RSS.
constexpr long kSlackKiB = 16 * 1024;

void write_bytes(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string fm() { return "---\ntitle: t\nms.locfileid: \"1\"\n---\n"; }

struct Case {
  std::string name;
  // Writes the case under `dir` (its own folder) and returns the argument
  // tmlint is given (the folder, or a file in it).
  std::function<std::string(const fs::path& dir)> make;
  int exit_code;
  // "file rule line:col" lines that must all be in the report.
  std::vector<std::string> expect;
  // Substrings of stderr.
  std::vector<std::string> expect_stderr = {};
  // Lines that must not be in the report ("file rule" prefixes).
  std::vector<std::string> forbid = {};
  bool in_batch = true;  // part of the all-together run
};

std::string copy_fixture(const fs::path& dir, const std::string& name) {
  fs::create_directories(dir);
  fs::copy_file(tmlint::test::testdata() / "bad" / name, dir / name);
  return dir.string();
}

// The diagnostics of a JSON report as "file rule line:col" lines, read by
// python3's json module; empty optional when the report does not parse.
std::optional<std::vector<std::string>> read_json_report(const fs::path& report) {
  std::string py =
      "import json,os,sys\n"
      "d=json.load(open(sys.argv[1],encoding='utf-8'))\n"
      "assert isinstance(d['summary']['files'],int)\n"
      "for x in d['diagnostics']: print(os.path.basename(x['path']), x['rule'], '%d:%d' % (x['line'], x['column']))\n";
  fs::path out = report.string() + ".lines";
  int status = tmlint::test::shell_status("/usr/bin/python3 -c " + tmlint::test::shell_quote(py) + " " +
                                          tmlint::test::shell_quote(report.string()) + " > " +
                                          tmlint::test::shell_quote(out.string()));
  if (status != 0) return std::nullopt;
  std::vector<std::string> lines;
  std::istringstream in(read_file(out));
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

bool junit_parses(const fs::path& report) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_file(report.c_str());
  return r && doc.child("testsuites");
}

// A report line starting with `want` ("a.md rule 3:" matches "a.md rule 3:14").
bool contains_line(const std::vector<std::string>& lines, const std::string& want) {
  for (const auto& l : lines)
    if (l.rfind(want, 0) == 0) return true;
  return false;
}

long input_bytes(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(p, ec))) return static_cast<long>(fs::file_size(p, ec));
  long n = 0;
  if (fs::is_directory(fs::symlink_status(p, ec)))
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) n += static_cast<long>(it->file_size(ec));
  return n;
}

std::vector<std::string> sanitizer_env() {
  if (!tmlint::test::kSanitized) return {};
  const char* a = std::getenv("ASAN_OPTIONS");
  // A small quarantine, so the memory bound measures tmlint, not ASan.
  return {"ASAN_OPTIONS=" + std::string(a ? a : "") + (a && *a ? ":" : "") + "quarantine_size_mb=4"};
}

struct Outcome {
  MeasuredRun run;
  std::optional<std::vector<std::string>> diagnostics;
  bool junit_ok = false;
  std::string err;
};

Outcome run_tmlint(const std::vector<std::string>& prefix, const std::vector<std::string>& paths, const fs::path& out_dir,
                   const std::string& tag) {
  fs::create_directories(out_dir);
  fs::path json = out_dir / (tag + ".json"), xml = out_dir / (tag + ".xml"), err = out_dir / (tag + ".err");
  std::vector<std::string> argv = prefix;
  for (const char* a : {TMLINT_EXE, "check", "--format", "json", "--output"}) argv.emplace_back(a);
  argv.push_back(json.string());
  argv.push_back("--report");
  argv.push_back("junit:" + xml.string());
  argv.push_back("--");
  for (const auto& p : paths) argv.push_back(p);
  Outcome o;
  o.run = run_measured(argv, out_dir / (tag + ".out"), err, tmlint::test::kSanitized ? 600 : 60, sanitizer_env());
  o.diagnostics = read_json_report(json);
  o.junit_ok = junit_parses(xml);
  o.err = read_file(err);
  // Nothing but the two reports and the captured streams: no temporary file
  // left behind by the atomic writes.
  for (const auto& e : fs::directory_iterator(out_dir)) {
    std::string n = e.path().filename().string();
    CHECK((n.rfind(tag + ".", 0) != 0 || n == tag + ".json" || n == tag + ".xml" || n == tag + ".err" ||
           n == tag + ".out" || n == tag + ".json.lines" || n == tag + ".err.rss"));
  }
  return o;
}

// n segments with increasing ids abcde-101, abcde-102...: from abcde-10000
// on, the ids have five digits, one more than the form allows.
std::string many_segments(size_t n) {
  std::string s = fm();
  s.reserve(n * 120);
  for (size_t i = 0; i < n; ++i) s += sxs_pair("abcde-" + std::to_string(101 + i), "訳", "Text") + "\n";
  return s;
}

}  // namespace

namespace {

std::vector<Case> cases() {
  std::vector<Case> c;
  auto fixture = [&](const std::string& file, int exit_code, std::vector<std::string> expect,
                     std::vector<std::string> forbid = {}) {
    c.push_back(Case{file, [file](const fs::path& d) { return copy_fixture(d, file); }, exit_code, std::move(expect),
                     {}, std::move(forbid)});
  };
  fixture("invalid-utf8.md", 1, {"invalid-utf8.md parse-error 8:35"});
  fixture("utf16-bom.md", 1, {"utf16-bom.md parse-error 1:1"}, {"utf16-bom.md unsegmented-text"});
  fixture("utf8-bom.md", 1, {"utf8-bom.md missing-target 1:1"});
  fixture("cr-only.md", 1, {"cr-only.md missing-target 4:1"}, {"cr-only.md missing-target 3:"});
  fixture("mixed-eol.md", 1, {"mixed-eol.md missing-target 5:1"});
  fixture("nul-bytes.md", 1, {"nul-bytes.md parse-error 2:3"});
  fixture("binary.md", 1, {"binary.md parse-error 1:1", "binary.md parse-error 3:1"});
  fixture("fm-unterminated.md", 1, {"fm-unterminated.md parse-error 1:1"});
  fixture("fm-alias-bomb.md", 0, {});
  fixture("unclosed-span.md", 1, {"unclosed-span.md parse-error 2:94"});
  fixture("span-in-code.md", 1, {"span-in-code.md missing-target 2:1"}, {"span-in-code.md parse-error"});
  fixture("duplicate-ids.md", 1, {"duplicate-ids.md duplicate-segment-id 5:1"});

  c.push_back(Case{"empty.md", [](const fs::path& d) {
                     write_bytes(d / "empty.md", "");
                     return d.string();
                   },
                   0, {}});
  c.push_back(Case{"long-line.md", [](const fs::path& d) {
                     // 50 MB on one line: unmatched brackets and backticks,
                     // unclosed tags and attributes, external links.
                     std::string chunk =
                         "[a `b`` <a x=\"y\" <i z [c](https://e.x) ![d] \\[ </a <b c=d<e ``` data-ttu-id= ";
                     std::string s = sxs_pair("abcde-101", "", "Empty") + " ";
                     s.reserve(50 * 1024 * 1024 + chunk.size());
                     while (s.size() < 50 * 1024 * 1024) s += chunk;
                     write_bytes(d / "long-line.md", s);
                     return d.string();
                   },
                   1, {"long-line.md missing-target 1:1"}});
  c.push_back(Case{"hostile-patterns", [](const fs::path& d) {
                     // One 2 MB line per pattern that was quadratic somewhere
                     // (loader, visible_text, columns) before issue 6.
                     const char* patterns[] = {"[a ", "`b`` ", "<a x=\"y\" ", "<i z ", "[c](https://e.x) ", "![d] ",
                                               "</a ", "<b c=d<e ", "data-ttu-id= ", "` `` ``` ```` ", "\\[ ] "};
                     int k = 0;
                     for (const char* p : patterns) {
                       std::string s = sxs_pair("abcde-101", "", "Empty") + " ";
                       while (s.size() < 2 * 1024 * 1024) s += p;
                       write_bytes(d / ("p" + std::to_string(k++) + ".md"), s);
                     }
                     return d.string();
                   },
                   1, {"p0.md missing-target 1:1", "p8.md parse-error 1:", "p10.md missing-target 1:1"}});
  c.push_back(Case{"fm-huge.md", [](const fs::path& d) {
                     std::string s = "---\ntitle: t\n";
                     while (s.size() < 70 * 1024) s += "k" + std::to_string(s.size()) + ": value\n";
                     write_bytes(d / "fm-huge.md", s + "---\n" + sxs_pair("abcde-101", "", "Empty") + "\n");
                     return d.string();
                   },
                   1, {"fm-huge.md parse-error 1:1", "fm-huge.md missing-target"}});
  c.push_back(Case{"fm-deep.md", [](const fs::path& d) {
                     std::string s = "---\ntitle: t\na: " + std::string(10000, '[') + std::string(10000, ']') + "\n---\n";
                     write_bytes(d / "fm-deep.md", s + sxs_pair("abcde-101", "", "Empty") + "\n");
                     return d.string();
                   },
                   1, {"fm-deep.md parse-error 1:1", "fm-deep.md missing-target 5:1"}});
  c.push_back(Case{"spans-deep.md", [](const fs::path& d) {
                     std::string nested;
                     for (int i = 0; i < 10000; ++i) nested += "<span>";
                     for (int i = 0; i < 10000; ++i) nested += "</span>";
                     write_bytes(d / "spans-deep.md",
                                 sxs_pair("abcde-101", "", nested + "Text") + "\n" + sxs_pair("abcde-102", "", "x") + "\n");
                     return d.string();
                   },
                   1, {"spans-deep.md missing-target 1:1", "spans-deep.md missing-target 2:1"}, {},
                   {"spans-deep.md parse-error"}});
  c.push_back(Case{"many-segments.md", [](const fs::path& d) {
                     write_bytes(d / "many-segments.md", many_segments(100000));
                     return d.string();
                   },
                   1, {"many-segments.md parse-error 9904:1"}, {}, {"many-segments.md parse-error 9903:"}});
  c.push_back(Case{"toc-alias-bomb", [](const fs::path& d) {
                     std::string bomb = read_file(tmlint::test::testdata() / "bad/fm-alias-bomb.md");
                     write_bytes(d / "TOC.yml", "items:\n- name: a\n  href: a.md\n" +
                                                    bomb.substr(4, bomb.find("\n---\n", 4) - 4) + "\nmore: [*i, *i]\n");
                     return d.string();
                   },
                   1, {"TOC.yml parse-error 1:1", "TOC.yml broken-link 3:9"}});
  c.push_back(Case{"symlink-loop", [](const fs::path& d) {
                     write_bytes(d / "a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     fs::create_directory_symlink(d, d / "loop");
                     fs::create_symlink("b.md", d / "c.md");
                     fs::create_symlink("c.md", d / "b.md");
                     return d.string();
                   },
                   1, {"a.md missing-target 1:1"},
                   {"loop: symlinked folder, not followed", "b.md: symlink cannot be resolved"}});
  c.push_back(Case{"symlink-out", [](const fs::path& d) {
                     write_bytes(d / "root/a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     write_bytes(d / "secret/s.md", sxs_pair("fedcb-101", "", "Secret") + "\n");
                     fs::create_symlink(d / "secret/s.md", d / "root/s.md");
                     fs::create_directory_symlink(d / "secret", d / "root/secret");
                     return (d / "root").string();
                   },
                   1, {"a.md missing-target 1:1"},
                   {"s.md: symlink leads outside", "secret: symlinked folder, not followed"}, {"s.md"}});
  c.push_back(Case{"odd-names", [](const fs::path& d) {
                     write_bytes(d / "with space.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     write_bytes(d / "日本語 ファイル.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     write_bytes(d / "-rf.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     write_bytes(d / "--help.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     return d.string();
                   },
                   1,
                   {"with space.md missing-target 1:1", "日本語 ファイル.md missing-target 1:1",
                    "-rf.md missing-target 1:1", "--help.md missing-target 1:1"}});
  c.push_back(Case{"-leading-dash", [](const fs::path& d) {
                     write_bytes(d / "a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     return d.string();  // the folder itself starts with '-'
                   },
                   1, {"a.md missing-target 1:1"}});
  c.push_back(Case{"dir-named-md", [](const fs::path& d) {
                     write_bytes(d / "x.md/inner.md", sxs_pair("abcde-101", "", "Empty") + "\n");
                     return d.string();
                   },
                   1, {"inner.md missing-target 1:1"}});
  return c;
}

}  // namespace

TEST_CASE("bad input: every case has its outcome, alone and in one batch, within time and memory bounds") {
  TempDir dir;
  const fs::path out = dir.path / "out";
  // The base: tmlint on an empty folder.
  fs::create_directories(dir.path / "nothing");
  Outcome base = run_tmlint({}, {(dir.path / "nothing").string()}, out, "base");
  REQUIRE(base.run.status == 0);
  const long base_kib = base.run.max_rss_kib;
  INFO("base RSS " << base_kib << " KiB");

  std::vector<std::string> batch_paths;
  std::vector<std::string> all_expected;
  int tag = 0;
  for (const Case& k : cases()) {
    const fs::path where = dir.path / "cases" / k.name;
    std::string arg = k.make(where);
    long bytes = input_bytes(where);
    Outcome o = run_tmlint({}, {arg}, out, "case" + std::to_string(tag++));
    INFO("case " << k.name << ": exit " << o.run.status << ", " << o.run.cpu_s << " s CPU, " << o.run.wall_s
                 << " s wall, " << o.run.max_rss_kib << " KiB peak RSS for " << bytes << " bytes; stderr: " << o.err);
    WARN("bad input " << k.name << ": " << bytes << " bytes, " << o.run.cpu_s << " s CPU, " << o.run.max_rss_kib
                      << " KiB peak RSS (base " << base_kib << ")");
    CHECK_FALSE(o.run.timed_out);
    CHECK(o.run.status == k.exit_code);
    REQUIRE(o.diagnostics);
    CHECK(o.junit_ok);
    for (const auto& e : k.expect) {
      INFO("expected " << e);
      CHECK(contains_line(*o.diagnostics, e));
    }
    for (const auto& f : k.forbid) {
      INFO("forbidden " << f);
      for (const auto& l : *o.diagnostics) CHECK(l.rfind(f, 0) != 0);
    }
    for (const auto& e : k.expect_stderr) {
      INFO("expected on stderr: " << e);
      CHECK(o.err.find(e) != std::string::npos);
    }
    CHECK(o.run.cpu_s < kCpuLimit);
    CHECK(o.run.max_rss_kib <= base_kib + kSlackKiB + static_cast<long>(kMemoryFactor * bytes / 1024));
    if (k.in_batch) {
      batch_paths.push_back(arg);
      all_expected.insert(all_expected.end(), k.expect.begin(), k.expect.end());
    }
  }

  // All together: one batch, every case still checked.
  Outcome all = run_tmlint({}, batch_paths, out, "batch");
  INFO("batch: exit " << all.run.status << "; stderr: " << all.err);
  CHECK(all.run.status == 1);
  REQUIRE(all.diagnostics);
  CHECK(all.junit_ok);
  for (const auto& e : all_expected) {
    INFO("expected " << e);
    CHECK(contains_line(*all.diagnostics, e));
  }
}

TEST_CASE("bad input: an unreadable file is an I/O error (exit 2) and the rest of the batch is still reported") {
  // CI runs as root, whom permissions do not stop: there tmlint runs as
  // `nobody` through setpriv(1), so the chmod 000 file really is unreadable.
  TempDir dir;
  write_bytes(dir.path / "batch/a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
  write_bytes(dir.path / "batch/secret.md", sxs_pair("abcde-101", "", "Empty") + "\n");
  fs::permissions(dir.path / "batch/secret.md", fs::perms::none);
  fs::permissions(dir.path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  fs::create_directories(dir.path / "out");
  fs::permissions(dir.path / "out", fs::perms::all);
  std::vector<std::string> prefix;
  if (::geteuid() == 0) prefix = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  Outcome o = run_tmlint(prefix, {(dir.path / "batch").string()}, dir.path / "out", "unreadable");
  INFO("stderr: " << o.err);
  CHECK(o.run.status == 2);
  CHECK(o.err.find("secret.md: Permission denied") != std::string::npos);
  REQUIRE(o.diagnostics);
  CHECK(o.junit_ok);
  CHECK(contains_line(*o.diagnostics, "a.md missing-target 1:1"));
  CHECK_FALSE(contains_line(*o.diagnostics, "secret.md missing-target 1:1"));
}

TEST_CASE("bad input: a FIFO or a device named .md is never read: no hang, exit 2 when named, skipped in a walk") {
  TempDir dir;
  write_bytes(dir.path / "batch/a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
  REQUIRE(::mkfifo((dir.path / "batch/pipe.md").c_str(), 0644) == 0);
  // Walked: only regular files are taken.
  Outcome walked = run_tmlint({}, {(dir.path / "batch").string()}, dir.path / "out", "walked");
  CHECK_FALSE(walked.run.timed_out);
  CHECK(walked.run.status == 1);
  REQUIRE(walked.diagnostics);
  CHECK(walked.diagnostics->size() == 1);
  // Named: an I/O error, not a read that waits for a writer or never ends.
  Outcome named = run_tmlint({}, {(dir.path / "batch/pipe.md").string(), "/dev/zero", (dir.path / "batch/a.md").string()},
                             dir.path / "out", "named");
  INFO("stderr: " << named.err);
  CHECK_FALSE(named.run.timed_out);
  CHECK(named.run.wall_s < (tmlint::test::kSanitized ? 60 : 10));
  CHECK(named.run.status == 2);
  CHECK(named.err.find("pipe.md: not a regular file") != std::string::npos);
  CHECK(named.err.find("/dev/zero: not a regular file") != std::string::npos);
  REQUIRE(named.diagnostics);
  CHECK(contains_line(*named.diagnostics, "a.md missing-target 1:1"));
}

TEST_CASE("bad input: a YAML alias bomb in the configuration is refused quickly") {
  TempDir dir;
  std::string bomb = read_file(tmlint::test::testdata() / "bad/fm-alias-bomb.md");
  bomb = bomb.substr(4, bomb.find("\n---\n", 4) - 4);
  bomb = bomb.substr(bomb.find('\n') + 1);  // without "title: t"
  write_bytes(dir.path / "bomb.yaml", "x-anchors:\n" + std::string("  ") + [&] {
    std::string indented;
    for (char c : bomb) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
    return indented;
  }() + "\nexclude: *i\n");
  write_bytes(dir.path / "docs/a.md", sxs_pair("abcde-101", "", "Empty") + "\n");
  MeasuredRun r = run_measured({TMLINT_EXE, "check", "--config", (dir.path / "bomb.yaml").string(),
                                (dir.path / "docs").string()},
                               dir.path / "out", dir.path / "err", tmlint::test::kSanitized ? 600 : 60,
                               sanitizer_env());
  std::string err = read_file(dir.path / "err");
  INFO("stderr: " << err << "; " << r.cpu_s << " s CPU, " << r.max_rss_kib << " KiB");
  CHECK_FALSE(r.timed_out);
  CHECK(r.status == 2);
  CHECK(err.find("bomb.yaml:") != std::string::npos);
  CHECK(r.cpu_s < kCpuLimit);
}

TEST_CASE("bad input: a run killed at any moment leaves the previous reports whole") {
  // Reports are written to a temporary file and renamed: a run killed by
  // SIGKILL (a CI timeout) before, during or after writing leaves either the
  // old report or the new one, never a part.
  TempDir dir;
  // Long enough a run to be killed while writing; a sanitizer build is
  // slower, so fewer files give it as long a run.
  const int files = tmlint::test::kSanitized ? 2 : 8;
  for (int i = 0; i < files; ++i) write_bytes(dir.path / ("docs/f" + std::to_string(i) + ".md"), many_segments(10000));
  const fs::path json = dir.path / "report.json", xml = dir.path / "report.xml";
  const std::vector<std::string> argv = {TMLINT_EXE, "check", "--format", "json", "--output", json.string(), "--report",
                                         "junit:" + xml.string(), (dir.path / "docs").string()};
  MeasuredRun full = run_measured(argv, dir.path / "out", dir.path / "err", tmlint::test::kSanitized ? 600 : 60,
                                  sanitizer_env());
  REQUIRE(full.status == 1);
  const std::string json_before = read_file(json), xml_before = read_file(xml);
  REQUIRE(junit_parses(xml));
  for (double fraction : {0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95}) {
    MeasuredRun killed = run_measured(argv, dir.path / "out", dir.path / "err", full.wall_s * fraction, sanitizer_env());
    INFO("killed after " << killed.wall_s << " s of " << full.wall_s << " s");
    CHECK(read_file(json) == json_before);
    CHECK(read_file(xml) == xml_before);
    CHECK(junit_parses(xml));
  }
}
