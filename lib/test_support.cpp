#include "test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <cstdio>
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

std::string sxs_pair(const std::string& id, const std::string& target, const std::string& source) {
  return "<span data-ttu-id=\"" + id + "\">" + target + "</span><span class=\"sxs-lookup\"><span data-stu-id=\"" + id +
         "\">" + source + "</span></span>";
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

static int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

ShellRun run_shell(const std::string& command) {
  ShellRun r;
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  r.status = exit_code(pclose(p));
  return r;
}

int shell_status(const std::string& command) { return exit_code(std::system(command.c_str())); }

TempDir::TempDir() {
  std::random_device rd;
  path = std::filesystem::temp_directory_path() / ("tmlint-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

void TempDir::write(const std::string& rel, const std::string& text) const {
  std::filesystem::create_directories((path / rel).parent_path());
  std::ofstream(path / rel, std::ios::binary) << text;
}

size_t count_occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace tmlint::test
