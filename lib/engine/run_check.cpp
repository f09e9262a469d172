#include "engine/run_check.h"

#include "engine/stages.h"

namespace tmlint {

// The pipeline, stage by stage (engine/stages.h says what each one hands
// the next). Every subcommand that reads articles comes through here.
CheckResult run_check(const CheckOptions& options) {
  RuleResolver resolver(options.config, options.select, options.ignore);
  Batch batch = discover_batch(options, resolver);
  RunFactsByRoot facts = gather_run_facts(options, batch);
  RulesPerFile rules(options.config, resolver, batch.files);
  std::vector<CheckedArticle> checked = check_articles(options, batch, facts, rules);
  run_batch_phase(options, batch, checked);
  return collate(options, std::move(batch), rules, std::move(checked));
}

}  // namespace tmlint
