#pragma once
// One locale data file (lib/locale/data/<tag>.yaml) read with yaml-cpp into
// flat maps: "punctuation.full-stop" -> "。", lists by their dotted key, and
// the `rules:` map. The compiled-in files are read this way at build time
// (lib/locale/flatten/main.cpp writes the result as C++), so a run parses
// no YAML for them: yaml-cpp takes about 1,100 instructions a byte, a fifth
// of a one-file check. LocaleProfile::with_data reads its YAML at run time.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "locale/locale_profile.h"

namespace tmlint {

struct LayerData {
  std::string error;  // why the file did not parse; then the maps are empty
  std::map<std::string, std::string, std::less<>> scalars;
  std::map<std::string, std::vector<std::string>, std::less<>> lists;
  std::map<std::string, LocaleRuleDefault, std::less<>> rules;
};

LayerData parse_layer_yaml(std::string_view text);

bool operator==(const LocaleRuleDefault& a, const LocaleRuleDefault& b);
bool operator==(const LayerData& a, const LayerData& b);

}  // namespace tmlint
