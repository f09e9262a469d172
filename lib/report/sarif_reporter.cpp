// SARIF 2.1.0, for code-scanning views (GitHub, Azure DevOps, VS Code).
#include <map>

#include <fmt/format.h>

#include "base/sha1.h"
#include "base/text_escape.h"
#include "engine/rule.h"
#include "report/reporters.h"

namespace tmlint {
namespace {

constexpr std::string_view kHelpBase = "https://github.com/tmlint/tmlint/blob/main/docs/rules/";

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "error";
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  json_escape(out, s);
  out += '"';
  return out;
}

// Percent-encodes what a URI path may not hold (spaces, '%', '#', '?', non-ASCII).
std::string uri_path(std::string_view p) {
  std::string out;
  for (unsigned char c : p) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) out.push_back(static_cast<char>(c));
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

void write_sarif(std::ostream& out, const CheckResult& result) {
  const auto& rules = all_rules();
  std::map<std::string_view, size_t> index;
  std::string buf;
  buf += "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n";
  buf += "  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"tmlint\", \"version\": \"" TMLINT_VERSION "\",\n";
  buf += fmt::format("      \"informationUri\": \"{}\",\n      \"rules\": [", "https://github.com/tmlint/tmlint");
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& r = rules[i].info;
    index[r.id] = i;
    buf += fmt::format(
        "{}\n        {{\"id\": {}, \"shortDescription\": {{\"text\": {}}}, \"helpUri\": {}, "
        "\"defaultConfiguration\": {{\"level\": \"{}\"}}, \"properties\": {{\"category\": {}}}}}",
        i ? "," : "", quoted(r.id), quoted(r.summary), quoted(fmt::format("{}{}.md", kHelpBase, r.id)),
        sarif_level(r.default_severity), quoted(r.category));
  }
  buf += "]}},\n";
  // The run's notes (engine/run_check.h RunNote), as SARIF's notifications
  // of the tool's execution; only when there are some.
  if (!result.summary.notes.empty()) {
    buf += "    \"invocations\": [{\"executionSuccessful\": true, \"toolExecutionNotifications\": [";
    for (size_t i = 0; i < result.summary.notes.size(); ++i) {
      const RunNote& n = result.summary.notes[i];
      buf += fmt::format("{}\n      {{\"level\": \"note\", \"message\": {{\"text\": {}}}, \"associatedRule\": {{\"id\": {}}}}}",
                         i ? "," : "", quoted(n.message), quoted(n.rule));
    }
    buf += "]}],\n";
  }
  buf += "    \"columnKind\": \"unicodeCodePoints\",\n";
  buf += fmt::format("    \"originalUriBaseIds\": {{\"ROOT\": {{\"uri\": {}}}}},\n",
                     quoted("file://" + uri_path(result.root.empty() ? "/" : result.root + "/")));
  buf += "    \"results\": [";
  bool first = true;
  for (const Diagnostic& d : result.diagnostics) {
    std::string rel = d.rel_path.empty() ? d.path : d.rel_path;
    // Stable across line moves: path, rule, segment and message, not lines.
    std::string fingerprint = sha1_hex(fmt::format("{}\n{}\n{}\n{}", rel, d.rule, d.segment, d.message));
    buf += first ? "\n      " : ",\n      ";
    first = false;
    buf += fmt::format(
        "{{\"ruleId\": {}, \"ruleIndex\": {}, \"level\": \"{}\", \"message\": {{\"text\": {}}}, "
        "\"locations\": [{{\"physicalLocation\": {{\"artifactLocation\": {{\"uri\": {}, \"uriBaseId\": \"ROOT\"}}, "
        "\"region\": {{\"startLine\": {}, \"startColumn\": {}}}}}}}], "
        "\"partialFingerprints\": {{\"tmlint/v1\": \"{}\"}}",
        quoted(d.rule), index[d.rule], sarif_level(d.severity), quoted(d.message), quoted(uri_path(rel)),
        d.location.line, d.location.column, fingerprint);
    if (!d.segment.empty()) buf += fmt::format(", \"properties\": {{\"segment\": {}}}", quoted(d.segment));
    if (d.suppressed)
      buf += d.baselined ? ", \"suppressions\": [{\"kind\": \"external\", \"justification\": \"in the tmlint baseline\"}]"
                         : ", \"suppressions\": [{\"kind\": \"inSource\"}]";
    buf += "}";
  }
  buf += first ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n";
  out << buf;
}

}  // namespace tmlint
