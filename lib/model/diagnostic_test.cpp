#include "model/diagnostic.h"

#include <catch2/catch.hpp>

using namespace tmlint;

TEST_CASE("diagnostics: severity names and order") {
  Severity s = Severity::Info;
  CHECK(parse_severity("warning", s));
  CHECK(s == Severity::Warning);
  CHECK_FALSE(parse_severity("Warning", s));
  CHECK_FALSE(parse_severity("", s));
  CHECK(severity_name(Severity::Error) == "error");
  CHECK(severity_name(Severity::Info) == "info");
  CHECK(Severity::Error > Severity::Warning);
  Diagnostic a, b;
  a.path = b.path = "x.md";
  a.location = {.line = 2, .column = 9};
  b.location = {.line = 10, .column = 1};
  CHECK(a < b);  // numbers, not text
  b.location = a.location;
  a.rule = "a-rule";
  b.rule = "b-rule";
  CHECK(a < b);
  b.rule = a.rule;
  a.message = "m";
  b.message = "m";
  a.segment = "abcde-101";
  b.segment = "abcde-102";
  CHECK(a < b);
  CHECK_FALSE(b < a);
}
