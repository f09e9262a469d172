// The rule registry. Rules register during static initialisation from their
// own translation units, so the list is constructed on first use; it is kept
// sorted by id on insert, so reads need neither sorting nor locking.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "engine/rule.h"

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
  const auto& rules = storage();
  auto at = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const Rule& r, std::string_view key) { return r.info.id < key; });
  return at != rules.end() && at->info.id == id ? &*at : nullptr;
}

}  // namespace tmlint
