// Stage 3 of run_check: the rules as configured for each file.
#include <algorithm>
#include <map>

#include "engine/stages.h"

namespace tmlint {

RulesPerFile::RulesPerFile(const Config& config, const RuleResolver& resolver, const std::vector<BatchFile>& files) {
  const std::vector<Rule>& rules = all_rules();
  const size_t n = files.size();
  std::map<std::vector<bool>, size_t> by_overrides;
  std::vector<size_t> resolution_of(n);
  for (size_t i = 0; i < n; ++i) {
    std::vector<bool> matched;
    matched.reserve(config.overrides.size());
    for (const Override& o : config.overrides)
      matched.push_back(std::any_of(o.files.begin(), o.files.end(),
                                    [&](const std::string& g) { return glob_match(g, files[i].rel_path); }));
    auto [at, added] = by_overrides.try_emplace(std::move(matched), resolutions_.size());
    if (added) {
      std::vector<EffectiveRule> set;
      set.reserve(rules.size());
      for (const Rule& r : rules) set.push_back(resolver.resolve(r, files[i].rel_path));
      resolutions_.push_back(std::move(set));
    }
    resolution_of[i] = at->second;
  }
  // Pointers only once resolutions_ has stopped growing.
  effective_.resize(n);
  for (size_t i = 0; i < n; ++i) effective_[i] = &resolutions_[resolution_of[i]];
}

}  // namespace tmlint
