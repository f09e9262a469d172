#pragma once
// Baselines let a legacy batch adopt tmlint in CI on day one: record the
// current findings, then report only new ones. A finding is known by a
// fingerprint of its path (relative to the batch root), rule, segment and
// message with numbers masked, never by its line, so moving text around
// does not make old findings new.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/run_check.h"

namespace tmlint {

std::string baseline_fingerprint(const Diagnostic& d);

struct BaselineEntry {
  std::string path, rule, segment, message;
  size_t count = 0;
};

struct Baseline {
  std::map<std::string, BaselineEntry> entries;  // by fingerprint
};

// The baseline of the unsuppressed findings of a result, as JSON text.
std::string baseline_json(const CheckResult& result);
std::string baseline_json(const Baseline& baseline);
// Parses a baseline file's text; nullopt and `error` on malformed input.
std::optional<Baseline> parse_baseline(std::string_view json, std::string& error);

struct BaselineOutcome {
  size_t matched = 0;  // findings hidden because the baseline knows them
  Baseline used;       // the entries that still match (what --prune-baseline keeps)
  Baseline stale;      // entries that match nothing any more (fixed findings)
};

// Marks every finding the baseline knows as baselined (hidden, counted), as
// many times as the baseline recorded it.
BaselineOutcome apply_baseline(CheckResult& result, const Baseline& baseline);

}  // namespace tmlint
