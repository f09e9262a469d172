#pragma once
// `tmlint stats` output: a text table, JSON and CSV of BatchStats. They
// print figures; they decide nothing.
#include <ostream>

#include "report/batch_stats.h"

namespace tmlint {

void write_stats_text(std::ostream& out, const BatchStats& stats);
void write_stats_json(std::ostream& out, const BatchStats& stats);
// RFC 4180: a header row, one row per article, then a "TOTAL" row.
void write_stats_csv(std::ostream& out, const BatchStats& stats);

}  // namespace tmlint
