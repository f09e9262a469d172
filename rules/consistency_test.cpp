// The consistency and terminology rules on the real corpus (../shared/corpus):
// findings known to be there, and the same findings whatever --jobs.
// Skipped with a visible warning when the corpus is absent, failing instead
// under TMLINT_REQUIRE_SHARED=1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "engine.h"
#include "test_support.h"

using namespace tmlint;
namespace fs = std::filesystem;

namespace {

CheckResult run(const fs::path& dir, const std::string& rule, unsigned jobs, const Config& config = {}) {
  CheckOptions o;
  o.paths = {dir.string()};
  o.root = dir.string();
  o.select = {rule};
  o.jobs = jobs;
  o.config = config;
  CheckResult r = run_check(o);
  REQUIRE(r.io_errors.empty());
  return r;
}

const Diagnostic* find(const CheckResult& r, std::string_view rel_path, uint32_t line) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.rel_path == rel_path && d.location.line == line) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("corpus: inconsistent-translation finds 展開 vs デプロイ for \"Date of service deployment.\"") {
  auto dir = test::shared("corpus/partner-center-pr.ja-jp");
  if (!dir) return;
  CheckResult one = run(*dir, "inconsistent-translation", 1);
  CheckResult two = run(*dir, "inconsistent-translation", 2);
  // Deterministic: the same findings, in the same order, with the same messages.
  REQUIRE(one.diagnostics.size() == two.diagnostics.size());
  for (size_t i = 0; i < one.diagnostics.size(); ++i) {
    CHECK(one.diagnostics[i].rel_path == two.diagnostics[i].rel_path);
    CHECK(one.diagnostics[i].location.line == two.diagnostics[i].location.line);
    CHECK(one.diagnostics[i].message == two.diagnostics[i].message);
  }
  // One finding per source: no source is reported twice.
  std::set<std::string> sources;
  for (const Diagnostic& d : one.diagnostics) CHECK(sources.insert(d.source_text).second);
  CHECK(one.diagnostics.size() > 100);
  const Diagnostic* d = find(one, "partner-center/usage-based-recon-files.md", 67);
  REQUIRE(d);
  INFO(d->message);
  CHECK(d->message.find("\"Date of service deployment.\"") != std::string::npos);
  CHECK(d->message.find("サービスの展開の日付。") != std::string::npos);
  CHECK(d->message.find("サービスのデプロイ日。") != std::string::npos);
  CHECK(d->message.find("Archive/China-use-the-reconciliation-files.md:419") != std::string::npos);
}

TEST_CASE("corpus: inconsistent-source is deterministic across --jobs") {
  auto dir = test::shared("corpus/nuget.ja-jp");
  if (!dir) return;
  CheckResult one = run(*dir, "inconsistent-source", 1);
  CheckResult two = run(*dir, "inconsistent-source", 2);
  REQUIRE(one.diagnostics.size() == two.diagnostics.size());
  for (size_t i = 0; i < one.diagnostics.size(); ++i) CHECK(one.diagnostics[i].message == two.diagnostics[i].message);
}

TEST_CASE("corpus: the Partner Center glossary finds マイクロソフト and パートナーセンター") {
  auto dir = test::shared("corpus/partner-center-pr.ja-jp");
  if (!dir) return;
  ConfigError error;
  fs::path file = test::testdata() / "glossary" / "partner-center.tmlint.yaml";
  auto config = parse_config(test::read_file(file), file.string(), error);
  INFO(error.line << ":" << error.column << ": " << error.message);
  REQUIRE(config);
  CheckResult dnt = run(*dir, "dnt-violated", 2, *config);
  const Diagnostic* d = find(dnt, "partner-center/core-requirements.md", 193);
  REQUIRE(d);
  CHECK(d->message.find("\"Microsoft\"") != std::string::npos);
  CHECK(d->message.find("マイクロソフト") != std::string::npos);
  CheckResult terms = run(*dir, "term-mismatch", 2, *config);
  d = find(terms, "partner-center/invoice-file.md", 19);
  REQUIRE(d);
  CHECK(d->message.find("パートナーセンターの請求書フィールドについて") != std::string::npos);
  // The glossary's translation itself is never a finding.
  for (const Diagnostic& t : terms.diagnostics)
    if (t.message.find("\"Partner Center\" ->") != std::string::npos && t.message.find("does not follow") != std::string::npos)
      CHECK(t.target_text.find("パートナー センター") == std::string::npos);
}
