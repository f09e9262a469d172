// inconsistent-source: the same target text (normalised) used for different
// source texts: one translation standing for two meanings, or a source
// reworded while its translation stayed. See consistency.h.
#include "consistency.h"

namespace tmlint {
namespace {

void check_batch(const BatchContext& ctx) { consistency::check(ctx, consistency::Key::Target); }

TMLINT_RULE({.info = {.id = "inconsistent-source",
                      .category = "consistency",
                      .default_severity = Severity::Info,
                      .summary = "The same target text translates different source texts"},
             .collect_facts = &consistency::collect,
             .check_batch = &check_batch,
             .facts_group = "consistency",
             .facts_version = 2});

}  // namespace
}  // namespace tmlint
