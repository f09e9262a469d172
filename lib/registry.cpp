// The rule registry. Rules register during static initialisation from their
// own translation units, so the list is constructed on first use and sorted
// by id when first read.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "rule.h"

namespace tmlint {
namespace {

std::vector<Rule>& storage() {
  static std::vector<Rule> rules;
  return rules;
}

}  // namespace

bool register_rule(Rule rule) {
  auto& rules = storage();
  for (const Rule& r : rules) {
    if (r.info.id == rule.info.id) {
      std::fprintf(stderr, "tmlint: rule '%.*s' registered twice\n", static_cast<int>(rule.info.id.size()),
                   rule.info.id.data());
      std::abort();
    }
  }
  // Keep sorted on insert: reads need no synchronisation after start-up.
  auto at = std::lower_bound(rules.begin(), rules.end(), rule,
                             [](const Rule& a, const Rule& b) { return a.info.id < b.info.id; });
  rules.insert(at, std::move(rule));
  return true;
}

const std::vector<Rule>& all_rules() { return storage(); }

const Rule* find_rule(std::string_view id) {
  for (const Rule& r : storage())
    if (r.info.id == id) return &r;
  return nullptr;
}

}  // namespace tmlint
