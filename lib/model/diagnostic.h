#pragma once
// A finding: what a rule reports, and what every reporter prints.
#include <string>
#include <string_view>

#include "model/location.h"

namespace tmlint {

// Ordered: a higher value is more severe.
enum class Severity : uint8_t { Info = 0, Warning = 1, Error = 2 };

std::string_view severity_name(Severity s);            // "info", "warning", "error"
bool parse_severity(std::string_view name, Severity& out);

struct Diagnostic {
  std::string path;        // as reached from the command-line argument
  Location location;
  std::string_view rule;   // a registered rule id (static storage)
  Severity severity = Severity::Error;
  std::string segment;     // ttu-id, or empty
  std::string message;
  bool suppressed = false; // by an inline tmlint-disable comment, or by the baseline
  bool baselined = false;  // known to --baseline (also `suppressed`)
  // Filled by the engine for reporters that show more: the path relative to
  // the batch root (SARIF artifact URIs), and the segment's texts.
  std::string rel_path;
  std::string source_text;
  std::string target_text;

  // The order every output uses: path, line, column, rule, then message.
  friend bool operator<(const Diagnostic& a, const Diagnostic& b);
};

}  // namespace tmlint
