// A shard's facts file: what is written reads back, and a file cut short,
// damaged, or written by another tmlint version is refused whole (BadFacts),
// never read in part.
#include "model/facts_file.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "testing/test_support.h"


using namespace tmlint;

namespace {

ArticleFacts article(const std::string& path) {
  ArticleFacts f;
  f.path = "docs/" + path;
  f.rel_path = path;
  f.locale = "ja-JP";
  f.rules.push_back({"duplicate-locfileid", true, Severity::Warning, {}});
  f.groups["duplicate-locfileid"] = std::string("\x03" "abc", 4);
  return f;
}

FactsFileHeader header() {
  FactsFileHeader h;
  h.shard_index = 2;
  h.shard_count = 4;
  h.root = "/batch/ja-jp";
  h.fail_on = Severity::Warning;
  h.failing = true;
  h.errors = {"docs/x.md: cannot read"};
  h.files = 2;
  h.yaml_pages = 0;
  h.segments = 17;
  return h;
}

// FNV-1a 64, as the file's trailer.
std::string checksum_of(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

TEST_CASE("facts file: header and records read back as written") {
  const std::string bytes = encode_facts_file(header(), {article("a.md"), article("b.md")});
  const FactsFile f = decode_facts_file(bytes);
  CHECK(f.header.tmlint_version == TMLINT_VERSION);
  CHECK(f.header.shard_index == 2);
  CHECK(f.header.shard_count == 4);
  CHECK(f.header.root == "/batch/ja-jp");
  CHECK(f.header.fail_on == Severity::Warning);
  CHECK(f.header.failing);
  CHECK(f.header.errors == std::vector<std::string>{"docs/x.md: cannot read"});
  CHECK(f.header.files == 2);
  CHECK(f.header.segments == 17);
  REQUIRE(f.articles.size() == 2);
  CHECK(f.articles[1].path == "docs/b.md");
  CHECK(f.articles[1].group("duplicate-locfileid") == std::string_view("\x03" "abc", 4));
  CHECK(f.articles[0].setting("duplicate-locfileid")->severity == Severity::Warning);
  // No records: a shard that got no file.
  CHECK(decode_facts_file(encode_facts_file(header(), {})).articles.empty());
}

TEST_CASE("facts file: cut short, damaged, foreign or of another version is refused whole") {
  const std::string bytes = encode_facts_file(header(), {article("a.md"), article("b.md")});
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_THROWS_AS(decode_facts_file(bytes.substr(0, n)), BadFacts);
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    CHECK_THROWS_AS(decode_facts_file(damaged), BadFacts);
  }
  CHECK_THROWS_AS(decode_facts_file(bytes + "x"), BadFacts);
  CHECK_THROWS_WITH(decode_facts_file("{\"tool\": \"tmlint\"}"), Catch::Contains("not a tmlint facts file"));
  CHECK_THROWS_WITH(decode_facts_file(bytes.substr(0, bytes.size() / 2)), Catch::Contains("cut short"));
  // Another tmlint version, with a valid checksum: refused for its version.
  const std::string version = TMLINT_VERSION;
  std::string other = bytes.substr(0, bytes.size() - 16);
  const size_t at = other.find(version);
  REQUIRE(at != std::string::npos);
  other[at + version.size() - 1] = version.back() == '9' ? '8' : '9';
  other += checksum_of(other);
  CHECK_THROWS_WITH(decode_facts_file(other), Catch::Contains("written by tmlint") && Catch::Contains("one version"));
  // Another layout of the file itself.
  std::string layout = bytes;
  layout.replace(0, 15, "tmlint-facts 2\n");
  CHECK_THROWS_WITH(decode_facts_file(layout), Catch::Contains("another layout"));
}

TEST_CASE("facts file: the spool takes facts in any order from threads and writes the sorted file") {
  std::vector<ArticleFacts> sorted;
  for (int i = 0; i < 40; ++i) sorted.push_back(article("a" + std::to_string(100 + i) + ".md"));
  FactsSpool spool;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&, t] {
      for (int i = 39 - t; i >= 0; i -= 4) spool.add(sorted[i]);
    });
  for (auto& w : workers) w.join();
  CHECK(spool.size() == 40);
  const auto dir = std::filesystem::temp_directory_path() / ("facts-spool-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string a = (dir / "a.facts").string(), b = (dir / "b.facts").string();
  spool.write({a, b}, header());
  const std::string expected = encode_facts_file(header(), sorted);
  CHECK(tmlint::test::read_file(a) == expected);
  CHECK(tmlint::test::read_file(b) == expected);
  std::vector<std::filesystem::path> left(std::filesystem::directory_iterator(dir), {});
  CHECK(left.size() == 2);  // no temporary file left beside them
  std::filesystem::remove_all(dir);
}
