// inconsistent-translation: the same source text (normalised) translated
// differently in different segments of the batch. See consistency.h.
#include "consistency.h"

namespace tmlint {
namespace {

void check_batch(const BatchContext& ctx) { consistency::check(ctx, consistency::Key::Source); }

TMLINT_RULE({.info = {.id = "inconsistent-translation",
                      .category = "consistency",
                      .default_severity = Severity::Warning,
                      .summary = "The same source text is translated differently in different segments"},
             .collect_facts = &consistency::collect,
             .check_batch = &check_batch,
             .facts_group = "consistency",
             .facts_version = 2});

}  // namespace
}  // namespace tmlint
