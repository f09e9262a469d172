#include "model/diagnostic.h"

#include <tuple>

namespace tmlint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool parse_severity(std::string_view name, Severity& out) {
  if (name == "error") out = Severity::Error;
  else if (name == "warning") out = Severity::Warning;
  else if (name == "info") out = Severity::Info;
  else return false;
  return true;
}

bool operator<(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.path, a.location.line, a.location.column, a.rule, a.message, a.segment) <
         std::tie(b.path, b.location.line, b.location.column, b.rule, b.message, b.segment);
}

}  // namespace tmlint
