#pragma once
// Helpers shared by the test executables: where the fixtures and the shared
// real-data corpus are, and reading files.
#include <filesystem>
#include <optional>
#include <string>

namespace tmlint::test {

// The repository's testdata/ folder.
std::filesystem::path testdata();
// A folder under ../shared (corpus, schemas, seed). When it is missing the
// test is skipped with a visible WARN, unless TMLINT_REQUIRE_SHARED=1 (set by
// .ci/run), in which case the test fails: CI must never pass by skipping.
std::optional<std::filesystem::path> shared(const std::string& relative);
std::string read_file(const std::filesystem::path& path);

}  // namespace tmlint::test
