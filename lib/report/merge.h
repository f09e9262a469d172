#pragma once
// `tmlint merge`: the reports of the shards of one batch (`--shard K/N`)
// combined into the report one unsharded run writes. Each format is merged
// as itself: tmlint JSON (summaries summed, findings in the engine's order,
// written by the same reporter), SARIF (one run: rules united, results in
// order, ruleIndex renumbered), JUnit (testsuites in path order, totals
// summed). Inputs must all be of one format.
#include <string>
#include <vector>

namespace tmlint {

enum class ReportKind { Json, Sarif, Junit };

struct ReportInput {
  std::string path;   // for messages
  std::string bytes;
};

// Returns false and sets `error` (naming the input) for an unreadable,
// foreign or mixed set of inputs.
bool merge_reports(const std::vector<ReportInput>& inputs, std::string& out, ReportKind& kind, std::string& error);

}  // namespace tmlint
