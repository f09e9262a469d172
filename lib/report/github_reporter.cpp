// GitHub Actions workflow commands. GitHub shows at most 10 annotations of
// each type per step; a final notice says how many more there are, so
// nothing is silently cut.
#include <fmt/format.h>


#include "report/reporters.h"

namespace tmlint {
namespace {

// Escaping per the workflow-command syntax: data escapes %, CR, LF;
// properties also ':' and ','.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out.push_back(c);
  }
  return out;
}

std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

std::string_view command(Severity s) {
  return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "notice";
}

}  // namespace

void write_github(std::ostream& out, const CheckResult& result) {
  constexpr size_t kShown = 10;
  size_t counts[3] = {0, 0, 0};
  std::string buf;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    ++counts[static_cast<int>(d.severity)];
    buf += fmt::format("::{} file={},line={},col={},title={}::{}\n", command(d.severity), escape_property(d.path),
                       d.location.line, d.location.column, escape_property(std::string("tmlint ") + std::string(d.rule)),
                       escape_data(d.message));
  }
  for (const RunNote& n : result.summary.notes)
    buf += fmt::format("::notice title={}::{}\n", escape_property("tmlint " + n.rule), escape_data(n.message));
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Info}) {
    size_t n = counts[static_cast<int>(s)];
    if (n > kShown)
      buf += fmt::format("::notice title=tmlint::{} {} findings in all; GitHub shows the first {} of each type. "
                         "The full list is in this log and in the JSON/SARIF reports.\n",
                         n, severity_name(s), kShown);
  }
  out << buf;
}

}  // namespace tmlint
