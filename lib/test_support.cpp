#include "test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tmlint::test {

std::filesystem::path testdata() { return std::filesystem::path(TMLINT_SOURCE_DIR) / "testdata"; }

std::optional<std::filesystem::path> shared(const std::string& relative) {
  std::filesystem::path base = TMLINT_SHARED_DIR;
  if (const char* env = std::getenv("TMLINT_SHARED_DIR")) base = env;
  auto p = base / relative;
  if (std::filesystem::exists(p)) return p;
  const char* require = std::getenv("TMLINT_REQUIRE_SHARED");
  if (require && std::string(require) == "1") {
    FAIL("shared data missing: " << p.string() << " (TMLINT_REQUIRE_SHARED=1)");
  }
  WARN("SKIPPED: shared data not found at " << p.string());
  return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tmlint::test
