// tmlint merge over shards run without --context: the batch rules run over
// every shard's facts, so the merged reports are one unsharded run's, batch
// findings across shards included; facts files that are not the N shards of
// one run each once are refused.
#include "report/merge.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "engine/config.h"
#include "report/reporters.h"
#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

// Two articles with one ms.locfileid, in different shards of 2, and a link
// from the first to a missing anchor of the second: findings only a merge
// that ran the batch rules can make.
struct Batch {
  TempDir dir;
  std::string first, second;
  Batch() {
    for (int i = 0; i < 100 && second.empty(); ++i) {
      std::string name = "f" + std::to_string(i) + ".md";
      if (first.empty()) first = name;
      else if (shard_of(name, 2) != shard_of(first, 2)) second = name;
    }
    dir.write(first, "---\nms.locfileid: \"104712887\"\n---\n" + sxs_pair("d1b2a-101", "一", "One") + "\n\n[x](" +
                         second + "#nowhere)\n");
    dir.write(second, "---\nms.locfileid: \"104712887\"\n---\n" + sxs_pair("d1b2b-101", "二", "Two") + "\n");
    dir.write("other.md", "---\nms.locfileid: \"1\"\n---\n" + sxs_pair("d1b2c-101", "三", "Three") + "\n");
  }
  CheckResult run(unsigned shard, unsigned count, const Config& config = {}) const {
    CheckOptions o;
    o.config = config;
    o.paths = {dir.path.string()};
    o.jobs = 1;
    o.shard_index = shard;
    o.shard_count = count;
    o.keep_facts = true;
    return run_check(o);
  }
};

std::string facts_of(const CheckResult& r, unsigned shard, unsigned count, Severity fail_on = Severity::Error) {
  FactsFileHeader h;
  h.shard_index = shard;
  h.shard_count = count;
  h.root = r.root;
  h.fail_on = fail_on;
  h.files = r.summary.files;
  h.yaml_pages = r.summary.yaml_pages;
  h.segments = r.summary.segments;
  return encode_facts_file(h, r.facts);
}

template <typename Write>
std::string render(const CheckResult& r, Write write) {
  std::ostringstream os;
  write(os, r);
  return os.str();
}

size_t count_rule(const CheckResult& r, std::string_view rule) {
  size_t n = 0;
  for (const Diagnostic& d : r.diagnostics) n += d.rule == rule;
  return n;
}

}  // namespace

TEST_CASE("merge: the batch rules run over every shard's facts, and the merged reports are the unsharded run's") {
  Batch b;
  const CheckResult all = b.run(0, 1);
  REQUIRE(count_rule(all, "duplicate-locfileid") == 2);
  REQUIRE(count_rule(all, "broken-anchor") == 1);
  const CheckResult s1 = b.run(0, 2), s2 = b.run(1, 2);
  // The shards left the batch rules to the merge.
  CHECK(count_rule(s1, "duplicate-locfileid") + count_rule(s2, "duplicate-locfileid") == 0);
  CHECK(count_rule(s1, "broken-anchor") + count_rule(s2, "broken-anchor") == 0);
  CHECK(s1.facts.size() + s2.facts.size() == 3);

  ShardFacts facts;
  std::string error;
  // Given in any order.
  REQUIRE(run_shard_facts({{"2.facts", facts_of(s2, 1, 2)}, {"1.facts", facts_of(s1, 0, 2)}}, facts, error));
  CHECK(count_rule(facts.batch, "duplicate-locfileid") == 2);
  CHECK(facts.failing);  // duplicate-locfileid is an error
  CHECK(facts.errors.empty());

  auto merged = [&](auto write) {
    std::vector<ReportInput> in{{"2", render(s2, write)}, {"1", render(s1, write)}};
    std::string out;
    ReportKind kind;
    REQUIRE(merge_reports(in, &facts, out, kind, error));
    return out;
  };
  // The reports were given 2 then 1: their counts are compared in total.
  CHECK(merged([](std::ostream& o, const CheckResult& r) { write_json(o, r); }) ==
        render(all, [](std::ostream& o, const CheckResult& r) { write_json(o, r); }));
  CHECK(merged([](std::ostream& o, const CheckResult& r) { write_junit(o, r); }) ==
        render(all, [](std::ostream& o, const CheckResult& r) { write_junit(o, r); }));
  CHECK(nlohmann::json::parse(merged([](std::ostream& o, const CheckResult& r) { write_sarif(o, r); })) ==
        nlohmann::json::parse(render(all, [](std::ostream& o, const CheckResult& r) { write_sarif(o, r); })));
  // Without the facts, the merge misses the batch findings.
  std::vector<ReportInput> in{{"1", render(s1, write_json)}, {"2", render(s2, write_json)}};
  std::string without;
  ReportKind kind;
  REQUIRE(merge_reports(in, nullptr, without, kind, error));
  CHECK(without != render(all, write_json));
}

TEST_CASE("merge: facts that are not the N shards of one run, each once, are refused") {
  Batch b;
  const CheckResult s1 = b.run(0, 2), s2 = b.run(1, 2);
  const std::string f1 = facts_of(s1, 0, 2), f2 = facts_of(s2, 1, 2);
  auto refused = [](std::vector<ReportInput> files) {
    ShardFacts facts;
    std::string error;
    CHECK_FALSE(run_shard_facts(files, facts, error));
    return error;
  };
  CHECK_THAT(refused({{"1.facts", f1}}), Catch::Contains("no facts file of shard 2/2"));
  CHECK_THAT(refused({{"1.facts", f1}, {"again.facts", f1}}), Catch::Contains("both shard 1/2"));
  CHECK_THAT(refused({{"1.facts", f1}, {"2.facts", facts_of(s2, 1, 3)}}), Catch::Contains("merge the shards of one run"));
  CHECK_THAT(refused({{"1.facts", f1}, {"2.facts", facts_of(s2, 1, 2, Severity::Warning)}}),
             Catch::Contains("--fail-on"));
  // The same file in two shards: facts of another split.
  CHECK_THAT(refused({{"1.facts", f1}, {"2.facts", facts_of(s1, 1, 2)}}), Catch::Contains("is in two shards"));
  CHECK_THAT(refused({{"1.facts", f1}, {"2.facts", f2.substr(0, f2.size() - 1)}}),
             Catch::Contains("2.facts: the facts file is cut short or damaged"));
  CHECK_THAT(refused({}), Catch::Contains("no facts file"));

  // Reports that are not the shards whose facts were read.
  ShardFacts facts;
  std::string error, out;
  REQUIRE(run_shard_facts({{"1.facts", f1}, {"2.facts", f2}}, facts, error));
  ReportKind kind;
  std::vector<ReportInput> one{{"1.json", render(s1, write_json)}};
  CHECK_FALSE(merge_reports(one, &facts, out, kind, error));
  CHECK_THAT(error, Catch::Contains("1 report but 2 facts files"));
  facts.paired = true;
  std::vector<ReportInput> swapped{{"2.json", render(s2, write_json)}, {"1.json", render(s1, write_json)}};
  if (s1.summary.files != s2.summary.files) {
    CHECK_FALSE(merge_reports(swapped, &facts, out, kind, error));
    CHECK_THAT(error, Catch::Contains("of different runs"));
  }
}

TEST_CASE("merge: a rule an override turns on in one shard's file still sees the other shard's facts") {
  Batch b;
  // duplicate-locfileid off, but on for the second file: the shard of the
  // first has the rule off everywhere, and must still hand on its locfileid.
  ConfigError cerr;
  auto config = parse_config("rules:\n  duplicate-locfileid: off\noverrides:\n  - files: [\"" + b.second +
                                 "\"]\n    rules: {duplicate-locfileid: error}\n",
                             "test.yaml", cerr);
  REQUIRE(config);
  const CheckResult all = b.run(0, 1, *config);
  REQUIRE(count_rule(all, "duplicate-locfileid") == 1);  // in the second file only
  const CheckResult s1 = b.run(0, 2, *config), s2 = b.run(1, 2, *config);
  ShardFacts facts;
  std::string error;
  REQUIRE(run_shard_facts({{"1.facts", facts_of(s1, 0, 2)}, {"2.facts", facts_of(s2, 1, 2)}}, facts, error));
  REQUIRE(count_rule(facts.batch, "duplicate-locfileid") == 1);
  std::vector<ReportInput> in{{"1", render(s1, write_json)}, {"2", render(s2, write_json)}};
  std::string out;
  ReportKind kind;
  REQUIRE(merge_reports(in, &facts, out, kind, error));
  CHECK(out == render(all, write_json));
}
