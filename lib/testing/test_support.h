#pragma once
// Helpers shared by the test executables: where the fixtures and the shared
// real-data corpus are, and reading files.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_check.h"

namespace tmlint::test {

// The repository's testdata/ folder.
std::filesystem::path testdata();
// A folder under ../shared (corpus, schemas, seed), or under
// $TMLINT_SHARED_DIR when set. When it is missing the test is skipped with a
// visible WARN and the executable exits with kSkipExitCode (ctest: Skipped),
// unless TMLINT_REQUIRE_SHARED=1 (set by .ci/run), in which case the test
// fails: CI must never pass by skipping.
std::optional<std::filesystem::path> shared(const std::string& relative);
// The exit code of a test run that passed but skipped for lack of shared
// data; the test executables' SKIP_RETURN_CODE (lib/testing/test_main.cpp).
constexpr int kSkipExitCode = 77;
// True once shared() has found a folder missing (and did not fail).
bool skipped_for_shared_data();
std::string read_file(const std::filesystem::path& path);

// How many times `needle` occurs in `text` (overlaps included).
size_t count_occurrences(const std::string& text, const std::string& needle);

// A sxs pair: <span data-ttu-id="ID">TARGET</span><span class="sxs-lookup">...SOURCE...
std::string sxs_pair(const std::string& id, const std::string& target, const std::string& source);

// Shell helpers for tests that run programs (tmlint, xmllint, git, pre-commit).
std::string shell_quote(const std::string& s);
struct ShellRun {
  int status = -1;  // exit code, or -1 when killed by a signal
  std::string out;  // standard output
};
ShellRun run_shell(const std::string& command);  // stdout captured
int shell_status(const std::string& command);    // output not captured

// Runs a program directly (no shell), stdout and stderr to files, and
// measures it: wall time, CPU time (user + system) and peak RSS from
// wait4. A run longer than `timeout_s` is killed (status -1, timed_out).
struct MeasuredRun {
  int status = -1;  // exit code, or -1 when killed by a signal
  bool timed_out = false;
  double wall_s = 0, cpu_s = 0;
  long max_rss_kib = 0;
};
MeasuredRun run_measured(const std::vector<std::string>& argv, const std::filesystem::path& out,
                         const std::filesystem::path& err, double timeout_s = 60,
                         const std::vector<std::string>& extra_env = {});

// True in a build with AddressSanitizer/UBSan (TMLINT_SANITIZE=ON): time and
// memory bounds are relaxed there, not skipped.
constexpr bool kSanitized =
#ifdef TMLINT_SANITIZED
    true;
#else
    false;
#endif

// A temporary folder removed with its contents at the end of the scope.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `text` to path/rel, creating folders.
  void write(const std::string& rel, const std::string& text) const;
};

// run_check over `dir` (or `paths` in it) with only `rule` selected, by a
// configuration file's `select` (so that its overrides can turn the rule
// off), plus `config_text`; one job. Requires a valid configuration and no
// I/O error.
CheckResult check_rule(const TempDir& dir, const std::string& rule, const std::string& config_text = "",
                       std::vector<std::string> paths = {}, bool context = false);

}  // namespace tmlint::test
