// Catch2's main for every test executable, with one addition: a run that
// passed but skipped something for lack of ../shared (test::shared) exits
// with kSkipExitCode, which ctest reports as "Skipped" (SKIP_RETURN_CODE,
// set where the tests are discovered), so a run without the shared data
// lists the tests that did not really run instead of calling them passed.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "testing/test_support.h"

int main(int argc, char** argv) {
  int failed = Catch::Session().run(argc, argv);
  using tmlint::test::kSkipExitCode;
  // Catch returns the number of failed assertions: never let it read as a skip.
  if (failed != 0) return failed == kSkipExitCode ? kSkipExitCode + 1 : failed;
  return tmlint::test::skipped_for_shared_data() ? kSkipExitCode : 0;
}
