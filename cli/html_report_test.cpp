// The HTML report read by a real browser: headless Chromium (Debian's
// `chromium`, installed by scripts/setup.sh) loads the page, runs its script
// and dumps the DOM it rendered; the counts it shows must be those of the
// JSON output of the same run, the filters of the URL fragment must select
// what the JSON says, and hostile file contents must stay text. The
// screenshot of the Partner Center report is kept in build/artefacts/.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "testing/test_support.h"

namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }

// Percent-encodes all but unreserved characters (for file URLs and fragments).
std::string pct(std::string_view s, std::string_view keep = "-._~/") {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || keep.find(static_cast<char>(c)) != std::string_view::npos) out.push_back(static_cast<char>(c));
    else out += "%" + std::string(1, "0123456789ABCDEF"[c >> 4]) + std::string(1, "0123456789ABCDEF"[c & 15]);
  }
  return out;
}

std::string chromium() {
  // Never a skip: a machine without the browser fails the test.
  auto r = tmlint::test::run_shell("command -v chromium 2>/dev/null");
  std::string path = r.out.substr(0, r.out.find('\n'));
  if (path.empty()) FAIL("chromium not found: scripts/setup.sh installs Debian's chromium");
  return path;
}

// Runs headless Chromium on `page` (with `fragment`) and returns the DOM
// after the page's script ran, or with `png`, takes a 1400x1000 screenshot.
std::string browse(const TempDir& dir, const fs::path& page, const std::string& fragment, double* seconds = nullptr,
                   const fs::path& png = {}) {
  static const std::string exe = chromium();
  static int n = 0;
  fs::path profile = dir.path / ("profile-" + std::to_string(++n)), log = dir.path / ("chromium-" + std::to_string(n) + ".log");
  std::string url = "file://" + pct(fs::absolute(page).string()) + (fragment.empty() ? "" : "#" + fragment);
  std::string cmd = "timeout 120 " + q(exe) + " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage " +
                    "--no-first-run --user-data-dir=" + q(profile.string()) + (png.empty() ? std::string(" --dump-dom ") : " --window-size=1400,1000 --screenshot=" + q(png.string()) + " ") + q(url) +
                    " 2>" + q(log.string());
  auto start = std::chrono::steady_clock::now();
  auto r = tmlint::test::run_shell(cmd);
  if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(cmd);
  INFO(read_file(log).substr(0, 3000));
  REQUIRE(r.status == 0);
  // The page's script ran to its end.
  if (png.empty()) REQUIRE(r.out.find("data-ready=\"1\"") != std::string::npos);
  return r.out;
}

// The value of attribute `name` on the element whose id is `id`.
std::string attr(const std::string& dom, const std::string& id, const std::string& name) {
  size_t at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "(no #" + id + ")";
  size_t open = dom.rfind('<', at), close = dom.find('>', at);
  std::string tag = dom.substr(open, close - open);
  size_t a = tag.find(" " + name + "=\"");
  if (a == std::string::npos) return "(no " + name + ")";
  a += name.size() + 3;
  return tag.substr(a, tag.find('"', a) - a);
}

// What the JSON output says: the summary's numbers and each finding's
// path, rule and severity (its writer puts one finding on a line).
struct JsonRun {
  std::map<std::string, std::string> summary;
  struct Finding {
    std::string path, rule, severity;
  };
  std::vector<Finding> findings;

  size_t count(const std::string& rule, const std::string& severity = "") const {
    size_t n = 0;
    for (const auto& f : findings) n += (rule.empty() || f.rule == rule) && (severity.empty() || f.severity == severity);
    return n;
  }
  size_t files(const std::string& rule, const std::string& severity = "") const {
    std::set<std::string> paths;
    for (const auto& f : findings)
      if ((rule.empty() || f.rule == rule) && (severity.empty() || f.severity == severity)) paths.insert(f.path);
    return paths.size();
  }
};

std::string field(const std::string& line, const std::string& key) {
  size_t a = line.find("\"" + key + "\": ");
  if (a == std::string::npos) return "";
  a += key.size() + 4;
  if (line[a] == '"') return line.substr(a + 1, line.find('"', a + 1) - a - 1);
  return line.substr(a, line.find_first_of(",}", a) - a);
}

JsonRun parse_json(const std::string& text) {
  JsonRun run;
  size_t s = text.find("\"summary\": {");
  std::string summary = text.substr(s, text.find('}', s) - s + 1);
  for (const char* k : {"files", "segments", "errors", "warnings", "infos", "yaml_pages"}) run.summary[k] = field(summary, k);
  size_t at = text.find("\n  {\"path\": ");
  while (at != std::string::npos) {
    size_t end = text.find('\n', at + 1);
    std::string line = text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    run.findings.push_back({field(line, "path"), field(line, "rule"), field(line, "severity")});
    at = text.find("\n  {\"path\": ", at + 1);
  }
  return run;
}

fs::path artefacts() {
  fs::path dir = TMLINT_ARTEFACTS;
  fs::create_directories(dir);
  return dir;
}


}  // namespace

TEST_CASE("html report: hostile paths and segment texts stay text, the page stays whole") {
  TempDir dir;
  // A path and texts that would be markup, script, comment openers, control
  // characters, invalid UTF-8 and a bidirectional override if written raw.
  const std::string name = "<b id=\"pwned-path\">x</b>.md";
  std::string target = "<script>document.body.setAttribute('data-pwned','1')</script> \x01\x7f \xff\xfe \xE2\x80\xAE";
  std::string source = "</script><b id=\"pwned-text\">x</b><!-- [link](missing-file.md) & more";
  dir.write("docs/" + name, sxs_pair("abcde-101", target, source) + "\n\n" + sxs_pair("abcde-102", "", "Some text") +
                                "\n\n[</script><!--](nowhere<b>.md)\n");
  fs::path html = dir.path / "r.html", json = dir.path / "r.json";
  std::string exe = q(TMLINT_EXE);
  int status = tmlint::test::shell_status(exe + " check --format json --output " + q(json.string()) + " --report html:" +
                                          q(html.string()) + " " + q((dir.path / "docs").string()) + " 2>/dev/null");
  CHECK(status == 1);
  std::string page = read_file(html);
  REQUIRE(!page.empty());
  // Only the page's two scripts, no comment, no element from the data.
  CHECK(tmlint::test::count_occurrences(page, "<script") == 2);
  CHECK(tmlint::test::count_occurrences(page, "</script>") == 2);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("pwned-path\">") == std::string::npos);
  CHECK(page.find("<b ") == std::string::npos);
  CHECK(page.find('\x01') == std::string::npos);
  CHECK(page.find("\xff") == std::string::npos);
  // The blob is JSON.
  const std::string open = "<script type=\"application/json\" id=\"tmlint-data\">";
  size_t a = page.find(open);
  REQUIRE(a != std::string::npos);
  a += open.size();
  dir.write("blob.json", page.substr(a, page.find("</script>", a) - a));
  CHECK(tmlint::test::shell_status("/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' " +
                                   q((dir.path / "blob.json").string())) == 0);

  JsonRun run = parse_json(read_file(json));
  REQUIRE(run.findings.size() >= 2);
  std::string dom = browse(dir, html, "file=" + pct(name, ""));
  INFO(dom.substr(0, 20000));
  CHECK(dom.find("pwned") != std::string::npos);  // shown as text...
  // ...never as elements (a DOM dump escapes '<' in text, not '"'), and
  // the script of the segment never ran.
  CHECK(dom.find("<b id=\"pwned") == std::string::npos);
  CHECK(dom.find("data-pwned=\"1\"") == std::string::npos);
  CHECK(dom.find("&lt;script&gt;document.body.setAttribute") != std::string::npos);
  CHECK(dom.find("&lt;b id=\"pwned-path\"&gt;x&lt;/b&gt;.md") != std::string::npos);
  CHECK(dom.find("\xE2\x90\x81") != std::string::npos);  // U+2401 for the \x01
  CHECK(dom.find("&lt;U+202E&gt;") != std::string::npos);
  CHECK(dom.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD for invalid UTF-8
  CHECK(attr(dom, "detail", "data-findings") == std::to_string(run.findings.size()));
  CHECK(attr(dom, "sum-errors", "data-value") == run.summary["errors"]);
}

TEST_CASE("html report: the Partner Center and NuGet reports in headless Chromium") {
  auto corpus = tmlint::test::shared("corpus");
  if (!corpus) return;
  TempDir dir;
  for (std::string tree : {"partner-center-pr.ja-jp", "nuget.ja-jp"}) {
    INFO(tree);
    bool nuget = tree == "nuget.ja-jp";
    fs::path html = artefacts() / (tree + ".html"), json = dir.path / (tree + ".json");
    std::string source = nuget ? " --source " + q((*corpus / "nuget.en-us").string()) : "";
    auto start = std::chrono::steady_clock::now();
    tmlint::test::shell_status(q(TMLINT_EXE) + " check --format html --output " + q(html.string()) + " --report json:" +
                               q(json.string()) + source + " " + q((*corpus / tree).string()) + " > /dev/null");
    double check_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    JsonRun run = parse_json(read_file(json));
    REQUIRE(!run.findings.empty());
    REQUIRE(fs::exists(html));

    // Unfiltered: the summary and the table show what the JSON says.
    double seconds = 0;
    std::string dom = browse(dir, html, "", &seconds);
    std::cout << "html report: " << tree << ": " << fs::file_size(html) << " bytes, written in " << check_seconds
              << " s (check included), loaded and rendered by headless Chromium in " << seconds
              << " s (browser start included; the page's script: " << attr(dom, "tmlint-body", "data-render-ms")
              << " ms)\n";
    CHECK(attr(dom, "sum-files", "data-value") == run.summary["files"]);
    CHECK(attr(dom, "sum-segments", "data-value") == run.summary["segments"]);
    CHECK(attr(dom, "sum-errors", "data-value") == run.summary["errors"]);
    CHECK(attr(dom, "sum-warnings", "data-value") == run.summary["warnings"]);
    CHECK(attr(dom, "sum-infos", "data-value") == run.summary["infos"]);
    size_t all_files = std::stoul(run.summary["files"]) + std::stoul(run.summary["yaml_pages"]);
    CHECK(attr(dom, "status", "data-shown-files") == std::to_string(all_files));
    CHECK(attr(dom, "status", "data-matching-findings") == std::to_string(run.findings.size()));
    // One page of 50 rows, worst first: the first row has the most errors.
    CHECK(tmlint::test::count_occurrences(dom, "<tr data-idx=") == std::min<size_t>(50, all_files));
    CHECK(attr(dom, "page", "data-pages") == std::to_string((all_files + 49) / 50));

    // Filtered from the fragment: by rule, by severity, by both.
    std::string rule = nuget ? "link-case-mismatch" : "broken-link";
    dom = browse(dir, html, "rule=" + rule);
    CHECK(attr(dom, "status", "data-matching-findings") == std::to_string(run.count(rule)));
    CHECK(attr(dom, "status", "data-shown-files") == std::to_string(run.files(rule)));
    dom = browse(dir, html, "sev=warning");
    CHECK(attr(dom, "status", "data-matching-findings") == std::to_string(run.count("", "warning")));
    CHECK(attr(dom, "status", "data-shown-files") == std::to_string(run.files("", "warning")));
    // By path (case-insensitive substring of the path below the root), with
    // a rule.
    std::string part = nuget ? "create-packages/" : "archive/";
    size_t in_part = 0;
    std::set<std::string> part_files;
    for (const auto& f : run.findings) {
      std::string low = f.path;
      for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (f.rule == rule && low.find("/" + part) != std::string::npos) ++in_part, part_files.insert(f.path);
    }
    dom = browse(dir, html, "rule=" + rule + "&q=" + pct(part));
    CHECK(attr(dom, "status", "data-matching-findings") == std::to_string(in_part));
    CHECK(attr(dom, "status", "data-shown-files") == std::to_string(part_files.size()));
    // Sorted by path, ascending, second page: rows 51 to 100 of the files in
    // path order (their indexes in the data).
    dom = browse(dir, html, "sort=rel&desc=0&page=2");
    CHECK(attr(dom, "page", "data-page") == "2");
    CHECK(dom.find("<tr data-idx=\"50\"") < dom.find("<tr data-idx=\"51\""));
    CHECK(dom.find("<tr data-idx=\"49\"") == std::string::npos);
    if (nuget) {
      // Stale articles: the summary and the staleness filter agree with the
      // stale-translation findings.
      dom = browse(dir, html, "stale=stale");
      CHECK(attr(dom, "sum-stale", "data-value") == std::to_string(run.files("stale-translation")));
      CHECK(attr(dom, "status", "data-shown-files") == std::to_string(run.files("stale-translation")));
    }

    // One file opened: its findings of the rule, the pair's part marked.
    std::string path;
    for (const auto& f : run.findings)
      if (f.rule == rule) {
        path = f.path;
        break;
      }
    size_t in_file = 0;
    for (const auto& f : run.findings) in_file += f.path == path && f.rule == rule;
    std::string fragment = "rule=" + rule + "&file=" + pct(path, "-._~/");
    dom = browse(dir, html, fragment);
    CHECK(attr(dom, "detail", "data-findings") == std::to_string(in_file));
    CHECK(std::stoul(attr(dom, "detail", "data-marks")) >= 1);
    CHECK(tmlint::test::count_occurrences(dom, "class=\"finding ") == in_file);
    // The screenshots: the page as it opens, and with a file opened.
    fs::path top = artefacts() / (tree + ".png"), opened = artefacts() / (tree + "-file.png");
    fs::remove(top);
    fs::remove(opened);
    browse(dir, html, "", nullptr, top);
    browse(dir, html, fragment, nullptr, opened);
    CHECK(fs::exists(top));
    CHECK(fs::exists(opened));
    if (fs::exists(top)) CHECK(fs::file_size(top) > 20000);
    std::cout << "html report: screenshots " << top.string() << " and " << opened.string() << "\n";
  }
}
