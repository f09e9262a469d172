// Hostile shapes (issue 16): every rule over a file of 40,000 segments on one
// line, one segment of 400 kB, and 40,000 lines, each against a file a
// quarter its size. A rule that is superlinear in a segment's, a line's or a
// file's length shows as a ratio near 16 or more; linear work stays near 4.
// Ratios, not absolute times, so the test holds on a slow or sanitized build.
#include <catch2/catch.hpp>

#include <chrono>

#include "engine/run_check.h"
#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::TempDir;

namespace {

std::string pair(size_t i, const std::string& target, const std::string& source) {
  return tmlint::test::sxs_pair("abcde-" + std::to_string(100 + i), target, source);
}

const std::string kFront = "---\nms.contentlocale: ja-jp\n---\n\n";

// Segments with bold, code, a link, a number and quotes: every QA rule has
// work; the long segment's links are broken, so it has a finding per link.
std::string one_line(size_t n) {
  std::string out = kFront;
  for (size_t i = 0; i < n; ++i)
    out += pair(i, "「テスト」 **" + std::to_string(i) + "** の `x` [文](a.md)。", "\"Test\" **" + std::to_string(i) +
                   "** `x` [sentence](a.md).") + ' ';
  return out + "\n";
}

std::string many_lines(size_t n) {
  std::string out = kFront;
  for (size_t i = 0; i < n; ++i)
    out += pair(i, "テスト (" + std::to_string(i) + ") の **文** 。", "Test (" + std::to_string(i) + ") **sentence**.") + "\n";
  return out;
}

std::string one_segment(size_t bytes) {
  std::string t, s;
  while (s.size() < bytes) {
    t += "テスト **太字** `code` [リンク](missing.md) 1,234 「引用」 (括弧) の文。";
    s += "Test **bold** `code` [link](missing.md) 1,234 \"quote\" (parens) sentence. ";
  }
  return kFront + pair(0, t, s) + "\n";
}

double seconds_to_check(const std::string& bytes) {
  TempDir dir;
  dir.write("batch/a.md", bytes);
  dir.write("batch/a2.md", "# A\n");
  CheckOptions o;
  o.paths = {(dir.path / "batch").string()};
  o.jobs = 1;
  auto start = std::chrono::steady_clock::now();
  CheckResult r = run_check(o);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.io_errors.empty());
  CHECK(r.summary.files == 2);
  return s;
}

void check_linear(const char* shape, const std::string& small, const std::string& large) {
  double t_small = seconds_to_check(small), t_large = seconds_to_check(large);
  INFO(shape << ": " << t_small << " s for " << small.size() << " bytes, " << t_large << " s for " << large.size());
  // 4x the input: linear is ~4x; quadratic would be ~16x. The constant
  // absorbs start-up and timer noise on tiny inputs.
  CHECK(t_large <= 8 * t_small + 0.25);
}

}  // namespace

TEST_CASE("engine: every rule is linear on a line of 40,000 segments", "[hostile]") {
  check_linear("one line", one_line(10000), one_line(40000));
}

TEST_CASE("engine: every rule is linear on 40,000 lines", "[hostile]") {
  check_linear("lines", many_lines(10000), many_lines(40000));
}

TEST_CASE("engine: every rule is linear in one segment's length", "[hostile]") {
  check_linear("one segment", one_segment(100000), one_segment(400000));
}
