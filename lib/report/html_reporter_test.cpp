// The HTML report's data blob, without a browser (cli/html_report_test.cpp
// renders real pages in Chromium).
#include <catch2/catch.hpp>

#include <sstream>

#include "engine/run_check.h"
#include "report/reporters.h"
#include "testing/test_support.h"

TEST_CASE("html report: a run without its articles still shows the pairs, escaped") {
  tmlint::CheckResult result;
  result.root = "/batch</title><script>x</script>";
  result.files.push_back({"/batch/a.md", "a.md", {}});
  tmlint::Diagnostic d;
  d.path = "/batch/a.md";
  d.rel_path = "a.md";
  d.rule = "missing-target";
  d.segment = "abcde-101";
  d.message = "empty </script><!-- target";
  d.source_text = "Source </script> & <!-- \x01 \xff";
  result.diagnostics.push_back(d);
  result.summary.files = 1;
  result.summary.errors = 1;
  std::ostringstream out;
  tmlint::write_html(out, result, tmlint::BatchStats{}, tmlint::HtmlOptions{"rules/", false});
  std::string page = out.str();
  CHECK(tmlint::test::count_occurrences(page, "<script") == 2);
  CHECK(tmlint::test::count_occurrences(page, "</script>") == 2);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("<title>tmlint report: /batch&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>") != std::string::npos);
  // The pair without marks (no article to place them), everything escaped.
  CHECK(page.find("\"src\":\"Source \\u003c/script\\u003e \\u0026 \\u003c!-- \\u0001 \xEF\xBF\xBD\",\"tgt\":\"\",\"at\":\"pair\"") !=
        std::string::npos);
  CHECK(page.find("\"ruleDocs\":\"rules/\"") != std::string::npos);
  CHECK(page.find("\"withSource\":false") != std::string::npos);
  // Nothing is fetched: the policy allows only the page's own script and style.
  CHECK(page.find("default-src 'none'; script-src 'sha256-") != std::string::npos);
}

TEST_CASE("html report: the run's notes are in the data, escaped, and the page shows them") {
  tmlint::CheckResult result;
  result.summary.notes.push_back({"unknown-source-commit", "none of the 2 commits </script> <b>"});
  std::ostringstream out;
  tmlint::write_html(out, result, tmlint::BatchStats{}, tmlint::HtmlOptions{"rules/", true});
  std::string page = out.str();
  CHECK(page.find("\"notes\":[{\"rule\":\"unknown-source-commit\",\"message\":\"none of the 2 commits \\u003c/script\\u003e "
                  "\\u003cb\\u003e\"}]") != std::string::npos);
  CHECK(page.find("<ul id=\"notes\"") != std::string::npos);
  CHECK(page.find("D.notes.map(") != std::string::npos);
  CHECK(tmlint::test::count_occurrences(page, "</script>") == 2);
}
