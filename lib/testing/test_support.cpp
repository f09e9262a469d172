#include "testing/test_support.h"

#include "engine/config.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <cstdio>
#include <sstream>
#include <chrono>
#include <thread>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <unistd.h>

extern char** environ;

namespace tmlint::test {

std::filesystem::path testdata() { return std::filesystem::path(TMLINT_SOURCE_DIR) / "testdata"; }

static bool g_skipped_for_shared_data = false;

bool skipped_for_shared_data() { return g_skipped_for_shared_data; }

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
  g_skipped_for_shared_data = true;
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

MeasuredRun run_measured(const std::vector<std::string>& argv, const std::filesystem::path& out,
                         const std::filesystem::path& err, double timeout_s, const std::vector<std::string>& extra_env) {
  MeasuredRun r;
  // The peak RSS comes from GNU time, which forks the program from its own
  // small process: a child spawned from this (possibly big) test process
  // inherits this process's high-water mark in its ru_maxrss.
  std::filesystem::path rss_file = err.string() + ".rss";
  std::vector<std::string> full = {"/usr/bin/time", "-f", "%M", "-o", rss_file.string()};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> args;
  for (const auto& a : full) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_storage(extra_env);
  for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);  // extra_env first: it wins
  std::vector<char*> env;
  for (auto& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);  // its own group: a timeout kills it all
  posix_spawnattr_setpgroup(&attr, 0);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &fa, &attr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  REQUIRE(rc == 0);
  int status = 0;
  struct rusage ru {};
  for (;;) {
    pid_t w = ::wait4(pid, &status, WNOHANG, &ru);
    if (w == pid) break;
    REQUIRE(w == 0);
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_s && !r.timed_out) {
      r.timed_out = true;
      ::kill(-pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  r.status = exit_code(status);
  // GNU time reports a killed child's status in the output file too; the
  // peak RSS is its last line.
  std::istringstream rss(read_file(rss_file));
  for (std::string line; std::getline(rss, line);)
    if (!line.empty() && line.find_first_not_of("0123456789") == std::string::npos) r.max_rss_kib = std::stol(line);
  // GNU time exits with the program's status, or 128 + the signal.
  if (r.status >= 128 && !r.timed_out) r.status = -1;
  return r;
}

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

CheckResult check_rule(const TempDir& dir, const std::string& rule, const std::string& config_text,
                       std::vector<std::string> paths, bool context) {
  CheckOptions o;
  o.paths = paths.empty() ? std::vector<std::string>{dir.path.string()} : std::move(paths);
  o.root = dir.path.string();
  o.context = context;
  o.jobs = 1;
  ConfigError error;
  auto config = parse_config("select: [" + rule + "]\n" + config_text, "test.yaml", error);
  INFO(error.message);
  REQUIRE(config);
  o.config = *config;
  CheckResult r = run_check(o);
  REQUIRE(r.io_errors.empty());
  return r;
}

}  // namespace tmlint::test
