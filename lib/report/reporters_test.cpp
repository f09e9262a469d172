// Text and JSON reporters on hand-made results, and the atomic write.
#include "report/reporters.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "base/text_escape.h"
#include "testing/test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;
using tmlint::test::read_file;
using tmlint::test::TempDir;

namespace {

Diagnostic diag(std::string path, uint32_t line, uint32_t column, std::string_view rule, Severity severity,
                std::string segment, std::string message, bool suppressed = false) {
  Diagnostic d;
  d.path = std::move(path);
  d.location.line = line;
  d.location.column = column;
  d.rule = rule;
  d.severity = severity;
  d.segment = std::move(segment);
  d.message = std::move(message);
  d.suppressed = suppressed;
  return d;
}

CheckResult sample() {
  CheckResult r;
  r.diagnostics.push_back(diag("docs/a.md", 35, 3, "missing-target", Severity::Error, "726a7-113",
                               "segment 726a7-113 has an empty target"));
  r.diagnostics.push_back(diag("docs/a.md", 40, 1, "missing-target", Severity::Error, "726a7-114", "hidden", true));
  r.diagnostics.push_back(diag("docs/b.md", 2, 10, "segment-id-order", Severity::Warning, "", "out of order"));
  r.diagnostics.push_back(diag("docs/c.md", 7, 1, "untranslated", Severity::Info, "abcde-101", "looks English"));
  r.summary.files = 352;
  r.summary.segments = 30763;
  r.summary.errors = 1;
  r.summary.warnings = 1;
  r.summary.infos = 1;
  r.summary.suppressed = 1;
  return r;
}

// A strict JSON checker (RFC 8259 grammar, valid UTF-8, no raw control
// characters in strings): what any consumer will accept.
struct JsonChecker {
  std::string_view s;
  size_t i = 0;

  void ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  }
  bool lit(std::string_view w) {
    if (s.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  }
  bool utf8() {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (!len || i + len > s.size()) return false;
    uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; k < len; ++k) {
      auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += len;
    return true;
  }
  bool string() {
    if (!lit("\"")) return false;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c == '"') {
        ++i;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        ++i;
        if (i >= s.size()) return false;
        char e = s[i++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k, ++i)
            if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      } else if (c < 0x80) {
        ++i;
      } else if (!utf8()) {
        return false;
      }
    }
    return false;
  }
  bool number() {
    size_t b = i;
    if (i < s.size() && s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e' ||
                            s[i] == 'E' || s[i] == '+' || s[i] == '-'))
      ++i;
    return i > b;
  }
  bool value() {
    ws();
    if (i >= s.size()) return false;
    bool ok;
    if (s[i] == '{') {
      ++i;
      ws();
      if (lit("}")) return true;
      do {
        ws();
        ok = string();
        ws();
        if (!ok || !lit(":") || !value()) return false;
        ws();
      } while (lit(","));
      ok = lit("}");
    } else if (s[i] == '[') {
      ++i;
      ws();
      if (lit("]")) return true;
      do {
        if (!value()) return false;
        ws();
      } while (lit(","));
      ok = lit("]");
    } else if (s[i] == '"') {
      ok = string();
    } else if (lit("null") || lit("true") || lit("false")) {
      ok = true;
    } else {
      ok = number();
    }
    return ok;
  }
  bool document() {
    if (!value()) return false;
    ws();
    return i == s.size();
  }
};

bool valid_json(std::string_view text) { return JsonChecker{text}.document(); }

}  // namespace

TEST_CASE("text reporter: one line per shown finding, then the summary") {
  CheckResult r = sample();
  std::ostringstream out;
  write_text(out, r, TextStyle{});
  CHECK(out.str() ==
        "docs/a.md:35:3: error: segment 726a7-113 has an empty target [missing-target]\n"
        "docs/b.md:2:10: warning: out of order [segment-id-order]\n"
        "docs/c.md:7:1: info: looks English [untranslated]\n"
        "tmlint: 352 files, 30763 segments: 1 error, 1 warning, 1 info (1 suppressed)\n");

  std::ostringstream quiet;
  write_text(quiet, r, TextStyle{.color = false, .quiet = true});
  CHECK(quiet.str().find("tmlint:") == std::string::npos);
  CHECK(quiet.str().find("[untranslated]\n") != std::string::npos);

  CheckResult empty;
  std::ostringstream none;
  write_text(none, empty, TextStyle{});
  CHECK(none.str() == "tmlint: 0 files, 0 segments: 0 errors, 0 warnings, 0 infos\n");
}

TEST_CASE("text reporter: colour only when asked, summary ASCII") {
  CheckResult r = sample();
  std::ostringstream plain, color;
  write_text(plain, r, TextStyle{});
  write_text(color, r, TextStyle{.color = true});
  CHECK(plain.str().find('\x1b') == std::string::npos);
  for (char c : plain.str()) CHECK(static_cast<unsigned char>(c) < 0x80);
  const std::string c = color.str();
  CHECK(c.find("\x1b[1mdocs/a.md:35:3:\x1b[0m") != std::string::npos);  // bold path
  CHECK(c.find("\x1b[31merror:") != std::string::npos);
  CHECK(c.find("\x1b[33mwarning:") != std::string::npos);
  CHECK(c.find("\x1b[36minfo:") != std::string::npos);
  CHECK(c.find("hidden") == std::string::npos);  // suppressed findings are never printed
}

TEST_CASE("text reporter: control characters from the file are shown escaped") {
  CheckResult r;
  r.diagnostics.push_back(
      diag("docs/\x1b[2Jx.md", 1, 1, "missing-target", Severity::Error, "", "text \x1b]0;title\x07 and\nmore\r\tend"));
  std::ostringstream out;
  write_text(out, r, TextStyle{.color = false, .quiet = true});
  CHECK(out.str() == "docs/\\x1b[2Jx.md:1:1: error: text \\x1b]0;title\\x07 and\\x0amore\\x0d\tend [missing-target]\n");
}

TEST_CASE("JSON reporter: the documented shape, shown findings only") {
  CheckResult r = sample();
  std::ostringstream out;
  write_json(out, r);
  const std::string json = out.str();
  CHECK(valid_json(json));
  CHECK(json.rfind("{\"tool\": \"tmlint\", \"version\": \"" TMLINT_VERSION "\"", 0) == 0);
  for (const char* field : {"\"files\": 352", "\"segments\": 30763", "\"errors\": 1", "\"warnings\": 1", "\"infos\": 1",
                            "\"suppressed\": 1"})
    CHECK(json.find(field) != std::string::npos);
  CHECK(json.find("{\"path\": \"docs/a.md\", \"line\": 35, \"column\": 3, \"rule\": \"missing-target\", \"severity\": "
                  "\"error\", \"segment\": \"726a7-113\", \"message\": \"segment 726a7-113 has an empty target\"}") !=
        std::string::npos);
  CHECK(json.find("\"rule\": \"segment-id-order\", \"severity\": \"warning\", \"segment\": null") != std::string::npos);
  CHECK(json.find("\"severity\": \"info\"") != std::string::npos);
  CHECK(json.find("hidden") == std::string::npos);
  CHECK(json.find("726a7-114") == std::string::npos);

  CheckResult empty;
  std::ostringstream none;
  write_json(none, empty);
  CHECK(valid_json(none.str()));
  CHECK(none.str().find("\"diagnostics\": []") != std::string::npos);
}

TEST_CASE("reporters: the run's notes, after the summary, once each") {
  CheckResult r = sample();
  r.summary.notes.push_back({"unknown-source-commit", "none of the 2 commits \"x\"\n is there"});
  std::ostringstream text, quiet, json, github;
  write_text(text, r, TextStyle{});
  CHECK(text.str().ends_with("(1 suppressed)\ntmlint: note: none of the 2 commits \"x\"\\x0a is there [unknown-source-commit]\n"));
  write_text(quiet, r, TextStyle{.color = false, .quiet = true});
  CHECK(quiet.str().find("note") == std::string::npos);  // with the summary line, not without it
  write_json(json, r);
  CHECK(valid_json(json.str()));
  CHECK(json.str().find("\"yaml_pages\": 0, \"notes\": [{\"rule\": \"unknown-source-commit\", \"message\": \"none of "
                        "the 2 commits \\\"x\\\"\\n is there\"}]},\n \"diagnostics\": [") != std::string::npos);
  write_github(github, r);
  CHECK(github.str().find("\n::notice title=tmlint unknown-source-commit::none of the 2 commits \"x\"%0A is there\n") !=
        std::string::npos);
  // Without notes, no "notes" key: ordinary reports keep their bytes.
  std::ostringstream plain;
  write_json(plain, sample());
  CHECK(plain.str().find("notes") == std::string::npos);
}

TEST_CASE("JSON reporter: control characters escaped, invalid UTF-8 replaced, always valid") {
  CheckResult r;
  const std::string hostile = std::string("q\"b\\s/\x01\x1f\x7f\n\r\t 訳 \xff\xfe \xed\xa0\x80 \xc0\xaf \xe3\x81") + std::string("\0z", 2);
  r.diagnostics.push_back(diag("docs/\xff.md", 1, 1, "missing-target", Severity::Error, "abc\x02", hostile));
  r.diagnostics.push_back(diag(std::string("x\0y.md", 6), 1, 1, "missing-target", Severity::Error, "", "\xe3"));
  std::ostringstream out;
  write_json(out, r);
  const std::string json = out.str();
  INFO(json);
  CHECK(valid_json(json));
  CHECK(json.find("\"path\": \"docs/\xEF\xBF\xBD.md\"") != std::string::npos);
  CHECK(json.find("\"segment\": \"abc\\u0002\"") != std::string::npos);
  CHECK(json.find("q\\\"b\\\\s/\\u0001\\u001f\\u007f\\n\\r\\t 訳 ") != std::string::npos);
  CHECK(json.find("\\u0000z") != std::string::npos);
  CHECK(json.find("\"path\": \"x\\u0000y.md\"") != std::string::npos);
  CHECK(json.find("\"message\": \"\xEF\xBF\xBD\"") != std::string::npos);
  // Every invalid byte became U+FFFD: none is left raw.
  CHECK(json.find('\xff') == std::string::npos);
  CHECK(json.find("\xed\xa0\x80") == std::string::npos);
}

TEST_CASE("atomic write: new file, replacement keeping the mode, no temporary left") {
  TempDir dir;
  const fs::path target = dir.path / "report.json";
  write_file_atomically(target.string(), "first\n");
  CHECK(read_file(target) == "first\n");
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  write_file_atomically(target.string(), "second\n");
  CHECK(read_file(target) == "second\n");
  CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

  // Through a symlink the file it points to is replaced; the link stays.
  fs::create_symlink(target, dir.path / "link.json");
  write_file_atomically((dir.path / "link.json").string(), "third\n");
  CHECK(fs::is_symlink(dir.path / "link.json"));
  CHECK(read_file(target) == "third\n");

  // A relative path, and a device.
  fs::path old = fs::current_path();
  fs::current_path(dir.path);
  write_file_atomically("relative.txt", "r");
  fs::current_path(old);
  CHECK(read_file(dir.path / "relative.txt") == "r");
  write_file_atomically("/dev/null", "discarded");
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("atomic write: failures throw a clear message and leave nothing behind") {
  TempDir dir;
  const std::string missing = (dir.path / "no-such-dir/report.json").string();
  try {
    write_file_atomically(missing, "x");
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "cannot write " + missing + ": No such file or directory");
  }
  fs::create_directory(dir.path / "a-dir");
  CHECK_THROWS_AS(write_file_atomically((dir.path / "a-dir").string(), "x"), std::runtime_error);
  // Only a-dir, still empty.
  CHECK(std::distance(fs::recursive_directory_iterator(dir.path), fs::recursive_directory_iterator()) == 1);
}

TEST_CASE("append_xml_escaped: one pass, same replacements as xml_safe") {
  for (std::string s : {std::string("plain"), std::string("<a href=\"x\">&</a>"), std::string("tab\tlf\ncr\r"),
                        std::string("ctl\x01\x1f del\x7f"), std::string("bad \xff\xfe \xed\xa0\x80 \xef\xbf\xbe end"),
                        std::string("日本語 \xf0\x9f\x98\x80"), std::string("trunc \xe3\x81")}) {
    INFO(s);
    size_t a = 0, b = 0;
    std::string out;
    tmlint::append_xml_escaped(out, s, &a);
    std::string safe = tmlint::xml_safe(s, &b);
    CHECK(a == b);
    std::string expected;
    for (char c : safe) {
      if (c == '&') expected += "&amp;";
      else if (c == '<') expected += "&lt;";
      else if (c == '>') expected += "&gt;";
      else if (c == '"') expected += "&quot;";
      else if (c == '\r') expected += "&#13;";
      else expected.push_back(c);
    }
    CHECK(out == expected);
  }
}
