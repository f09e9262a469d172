// libFuzzer target: the configuration parser and the glob matcher.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/config.h"

using namespace tmlint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  ConfigError error;
  auto config = parse_config(text, "fuzz.yaml", error);
  if (config) {
    RuleResolver resolver(*config, {}, {});
    for (const auto& g : config->exclude) glob_match(g, "docs/a/b/c.md");
    resolver.excluded("docs/includes/x.md");
  }
  // Globs from the input against a path from the input.
  size_t cut = text.find('\n');
  if (cut != std::string::npos) glob_match(std::string_view(text).substr(0, cut), std::string_view(text).substr(cut + 1));
  return 0;
}
