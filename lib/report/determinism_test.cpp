// The same bytes whatever --jobs: the engine's result written by the JSON
// reporter, compared between runs with different numbers of workers.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "engine/run_check.h"
#include "report/reporters.h"
#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::TempDir;

namespace {

CheckResult check(const std::vector<std::string>& paths, unsigned jobs) {
  CheckOptions o;
  o.paths = paths;
  o.jobs = jobs;
  return run_check(o);
}

}  // namespace

TEST_CASE("engine: identical results with 1 and 4 jobs") {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    std::string id = std::to_string(10000 + i).substr(0, 5);
    dir.write("f" + std::to_string(i) + ".md",
              tmlint::test::sxs_pair(id + "-101", i % 3 ? "訳" : "", "Source") + "\n" + tmlint::test::sxs_pair(id + "-101", "x", "y") + "\n");
  }
  CheckResult a = check({dir.path.string()}, 1);
  CheckResult b = check({dir.path.string()}, 4);
  std::ostringstream ja, jb;
  write_json(ja, a);
  write_json(jb, b);
  CHECK(ja.str() == jb.str());
  CHECK(a.summary.errors > 40);
}

TEST_CASE("engine: identical results with 1 and 2 jobs over generated files") {
  TempDir dir;
  std::mt19937 rng(11);
  for (int i = 0; i < 60; ++i) {
    std::string text;
    for (int k = 0; k < 20; ++k) {
      switch (rng() % 4) {
        case 0: text += "TMLINT-TEST-MARKER\n"; break;
        case 1: text += tmlint::test::sxs_pair("abcde-" + std::to_string(100 + k), "", "Empty") + "\n"; break;
        case 2: text += tmlint::test::sxs_pair("abcde-" + std::to_string(100 + k), "訳", "Text") + "\n"; break;
        default: text += "<!-- tmlint-disable-next-line -->\n"; break;
      }
    }
    dir.write("d" + std::to_string(i % 5) + "/f" + std::to_string(i) + ".md", text);
  }
  CheckResult a = check({dir.path.string()}, 1);
  CheckResult b = check({dir.path.string()}, 2);
  std::ostringstream ja, jb;
  write_json(ja, a);
  write_json(jb, b);
  CHECK(ja.str() == jb.str());
  REQUIRE(a.diagnostics.size() == b.diagnostics.size());
  for (size_t i = 0; i < a.diagnostics.size(); ++i) CHECK(a.diagnostics[i].suppressed == b.diagnostics[i].suppressed);
  CHECK(a.summary.suppressed > 0);
  CHECK(a.summary.errors > 0);
  CHECK(std::is_sorted(a.diagnostics.begin(), a.diagnostics.end()));
}
