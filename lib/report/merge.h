#pragma once
// `tmlint merge`: the reports of the shards of one batch (`--shard K/N`)
// combined into the report one unsharded run writes. Each format is merged
// as itself: tmlint JSON (summaries summed, findings in the engine's order,
// written by the same reporter), SARIF (one run: rules united, results in
// order, ruleIndex renumbered), JUnit (testsuites in path order, totals
// summed). Inputs must all be of one format.
//
// Shards run without --context leave the batch rules to the merge: their
// facts files (model/facts_file.h) are read, checked to be the N shards of
// one run, and the batch rules run over the union of their facts as one
// unsharded run does; their findings go into the merged report of any
// format (docs/ci.md).
#include <string>
#include <vector>

#include "engine/run_check.h"
#include "model/facts_file.h"

namespace tmlint {

enum class ReportKind { Json, Sarif, Junit };

struct ReportInput {
  std::string path;   // for messages
  std::string bytes;
};

// The shards' facts files, and what the batch rules found over them.
struct ShardFacts {
  std::vector<std::string> paths;        // the facts files, for messages
  std::vector<FactsFileHeader> headers;  // one per facts file, in the order given
  // headers[i] belongs to the report inputs[i] (found beside it), so their
  // counts are compared one by one, not only in total.
  bool paired = false;
  // The batch rules' findings (sorted, suppressed ones flagged), with the
  // summary counts and the notes of these findings only.
  CheckResult batch;
  std::vector<std::string> errors;  // the shards' errors and the batch rules' (exit 2), sorted
  bool failing = false;             // a finding at or above the shards' failing severity (exit 1)
};

// Reads the facts files (bytes in ReportInput form) and runs the batch
// rules over them. False with `error` when one is damaged, of another
// tmlint version, or they are not the N shards of one run each once
// (a shard missing or twice, a file in two shards).
bool run_shard_facts(const std::vector<ReportInput>& facts_files, ShardFacts& out, std::string& error);

// Returns false and sets `error` (naming the input) for an unreadable,
// foreign or mixed set of inputs, or inputs that do not match `facts`.
// With `facts`, the batch findings are merged in.
bool merge_reports(const std::vector<ReportInput>& inputs, const ShardFacts* facts, std::string& out,
                   ReportKind& kind, std::string& error);

}  // namespace tmlint
