// The manual page (docs/tmlint.1, written by hand, installed as
// share/man/man1/tmlint.1.gz) against the executable: every option of every
// subcommand's --help is described there, its version is the program's, and
// groff formats it without a warning.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include "testing/test_support.h"

namespace {

std::string q(const std::string& s) { return tmlint::test::shell_quote(s); }

// The options a --help lists: "-o,--output TEXT  ..." gives -o and --output.
std::set<std::string> options_of(const std::string& help) {
  std::set<std::string> out;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find_first_not_of(' ');
    if (at == std::string::npos || at == 0 || line[at] != '-') continue;
    std::string names = line.substr(at, line.find(' ', at) - at);
    std::istringstream parts(names);
    for (std::string name; std::getline(parts, name, ',');) out.insert(name);
  }
  return out;
}

// "--fail-on" as roff writes it: "\-\-fail\-on".
std::string roff(const std::string& option) {
  std::string out;
  for (char c : option) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("man page: every option of every subcommand is described, the version is the program's") {
  const std::string page = tmlint::test::read_file(std::string(TMLINT_SOURCE_DIR) + "/docs/tmlint.1");
  REQUIRE(!page.empty());
  CHECK(page.find(".TH TMLINT 1 ") == page.find(".TH"));
  CHECK(page.find("\"tmlint " TMLINT_VERSION "\"") != std::string::npos);
  size_t checked = 0;
  for (const char* sub : {"check", "align", "stats", "merge", "rules"}) {
    auto help = tmlint::test::run_shell(q(TMLINT_EXE) + " " + sub + " --help");
    REQUIRE(help.status == 0);
    CHECK(page.find(".B " + std::string(sub)) != std::string::npos);
    std::set<std::string> options = options_of(help.out);
    CHECK(options.count("--format"));  // the parsing found the options
    for (const std::string& o : options) {
      INFO(sub << " " << o);
      CHECK(page.find(roff(o)) != std::string::npos);
      ++checked;
    }
  }
  CHECK(checked > 40);
}

TEST_CASE("man page: groff formats it without a warning") {
  REQUIRE(tmlint::test::shell_status("command -v groff > /dev/null") == 0);  // groff-base, installed by setup.sh
  std::string page = std::string(TMLINT_SOURCE_DIR) + "/docs/tmlint.1";
  auto r = tmlint::test::run_shell("groff -man -Tutf8 -ww -z " + q(page) + " 2>&1");
  CHECK(r.status == 0);
  CHECK(r.out == "");
  // -P-cbou: plain text, no overstriking for bold and underline.
  auto text = tmlint::test::run_shell("groff -man -Tutf8 -P-cbou " + q(page) + " 2>/dev/null");
  CHECK(text.out.find("EXIT STATUS") != std::string::npos);
}
