#include "sources/tree_index.h"

#include <catch2/catch.hpp>

using namespace tmlint;

TEST_CASE("tree index: existence, case-insensitive lookups, siblings") {
  TreeIndex t = TreeIndex::from_paths({"docs/NuGet-Protocols.md", "docs/a.md", "b.md"});
  CHECK(t.exists("docs/a.md"));
  CHECK(t.is_dir("docs"));
  CHECK_FALSE(t.exists("docs/nuget-protocols.md"));
  CHECK(t.find_ignoring_case("docs/nuget-protocols.md") == std::optional<std::string>("docs/NuGet-Protocols.md"));
  CHECK(t.names_in("docs").size() == 2);
  CHECK(t.names_in("").size() == 1);
}
