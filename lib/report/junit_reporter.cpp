// JUnit XML. What its consumers need (ISSUES #4): GitLab keeps only the first
// testcase of a classname+name pair, so each (file, rule) pair is one
// testcase; Jenkins splits classname at its last dot, so dots in paths are
// replaced ('docs/a.md' would become package 'docs/a', class 'md'); XML 1.0
// forbids some characters, which are replaced (xml_safe), never written.
#include <pugixml.hpp>

#include <map>

#include <fmt/format.h>

#include "base/text_escape.h"
#include "report/junit_failure.h"
#include "report/reporters.h"

namespace tmlint {
namespace {

std::string classname(std::string_view path) {
  std::string out = xml_safe(path);
  for (char& c : out)
    if (c == '.') c = '_';
  return out;
}

}  // namespace

void append_junit_failure(pugi::xml_node testcase, const Diagnostic& d) {
  auto failure = testcase.append_child("failure");
  std::string message = xml_safe(d.message);
  failure.append_attribute("type") = std::string(severity_name(d.severity)).c_str();
  failure.append_attribute("message") = message.c_str();
  std::string text = fmt::format("{}:{}:{}: {}", d.path, d.location.line, d.location.column, d.message);
  if (!d.segment.empty())
    text += fmt::format("\nsegment {}\nsource: {}\ntarget: {}", d.segment, d.source_text, d.target_text);
  failure.text().set(xml_safe(text).c_str());
}

void write_junit(std::ostream& out, const CheckResult& result) {
  // Unsuppressed findings per file and rule.
  std::map<std::pair<std::string_view, std::string_view>, std::vector<const Diagnostic*>> found;
  for (const Diagnostic& d : result.diagnostics)
    if (!d.suppressed) found[{d.path, d.rule}].push_back(&d);

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "tmlint";
  size_t total_tests = 0, total_failures = 0;
  for (const CheckedFile& f : result.files) {
    auto suite = suites.append_child("testsuite");
    std::string path = xml_safe(f.path);
    suite.append_attribute("name") = path.c_str();
    suite.append_attribute("file") = path.c_str();
    size_t failures = 0;
    for (std::string_view rule : f.rules) {
      auto tc = suite.append_child("testcase");
      std::string rule_s(rule);
      tc.append_attribute("classname") = classname(f.path).c_str();
      tc.append_attribute("name") = rule_s.c_str();
      auto it = found.find({f.path, rule});
      if (it == found.end()) continue;
      ++failures;
      for (const Diagnostic* d : it->second) append_junit_failure(tc, *d);
    }
    suite.append_attribute("tests") = std::to_string(f.rules.size()).c_str();
    suite.append_attribute("failures") = std::to_string(failures).c_str();
    suite.append_attribute("errors") = "0";
    total_tests += f.rules.size();
    total_failures += failures;
  }
  suites.append_attribute("tests") = std::to_string(total_tests).c_str();
  suites.append_attribute("failures") = std::to_string(total_failures).c_str();
  suites.append_attribute("errors") = "0";
  doc.save(out, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
}

}  // namespace tmlint
