// The facts cache (engine/facts_cache.h): a warm --context run reads the
// context files' facts from it, and its findings and facts are the same
// bytes as a run without it whatever changed in between: a context file
// edited, renamed or deleted, a link's target deleted, the configuration
// changed, the cache file truncated or corrupted, runs writing at once.
#include "engine/facts_cache.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "base/hash64.h"
#include "engine/run_check.h"
#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Everything a run hands on, as text: findings (with their texts), the
// summary, I/O errors and, with keep_facts, every article's facts record.
std::string render(const CheckResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics)
    out += d.path + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + std::string(d.rule) +
           " " + std::to_string(static_cast<int>(d.severity)) + (d.suppressed ? " suppressed " : " ") + d.message +
           " [" + d.source_text + "|" + d.target_text + "]\n";
  out += "files " + std::to_string(r.summary.files) + " segments " + std::to_string(r.summary.segments) + "\n";
  for (const std::string& e : r.io_errors) out += "io " + e + "\n";
  for (const RunNote& n : r.summary.notes) out += "note " + n.rule + " " + n.message + "\n";
  for (const ArticleFacts& f : r.facts) {
    std::string bytes;
    write_article_facts(f, bytes);
    out += "facts " + f.path + " " + std::to_string(hash64(bytes)) + " " + std::to_string(bytes.size()) + "\n";
  }
  return out;
}

// The run key a cache file was written under (after the magic line and
// the format number).
uint64_t key_of(const std::string& bytes) {
  FactReader r(std::string_view(bytes).substr(bytes.find('\n') + 1));
  r.u64();
  return r.fixed64();
}

// A small batch: a.md is checked, the rest is context. a.md and b.md share
// a locfileid; a.md links to an anchor of c.md; c.md links to one of d.md.
struct Tree {
  TempDir dir;
  fs::path cache = dir.path / "cache";
  fs::path root = dir.path / "docs";

  Tree() {
    write(".tmlint.yaml", "select: [duplicate-locfileid, broken-anchor, duplicate-segment-id, locale-mismatch]\n");
    write("a.md", "---\nms.locfileid: \"100\"\nms.contentlocale: ja-JP\n---\n" +
                      test::sxs_pair("aaaaa-101", "[訳](c.md#here)", "[x](c.md#here)") + "\n");
    write("b.md", "---\nms.locfileid: \"100\"\nms.contentlocale: ja-JP\n---\n" +
                      test::sxs_pair("bbbbb-101", "訳", "x") + "\n");
    write("c.md", "---\nms.locfileid: \"300\"\nms.contentlocale: ja-JP\n---\n# Here\n\n" +
                      test::sxs_pair("ccccc-101", "[訳](d.md#there)", "[x](d.md#there)") + "\n");
    write("d.md", "---\nms.locfileid: \"400\"\nms.contentlocale: ja-JP\n---\n## There\n\n" +
                      test::sxs_pair("aaaaa-101", "訳", "x") + "\n");
  }
  void write(const std::string& rel, const std::string& text) const {
    dir.write("docs/" + rel, text);
    age(rel);
  }
  // Older than the racy window, so a warm run trusts size and mtime alone.
  void age(const std::string& rel) const {
    fs::last_write_time(root / rel, fs::file_time_type::clock::now() - std::chrono::hours(1));
  }

  CheckResult run(bool cached, bool context = true, const std::string& path = "a.md") const {
    CheckOptions o;
    o.paths = {(root / path).string()};
    o.context = context;
    o.jobs = 2;
    o.keep_facts = true;
    if (cached) o.cache_dir = cache.string();
    std::string text = test::read_file(root / ".tmlint.yaml");
    ConfigError error;
    auto config = parse_config(text, (root / ".tmlint.yaml").string(), error);
    REQUIRE(config);
    o.config = *config;
    return run_check(o);
  }
  // A cached run, checked against a run without the cache; returns how
  // many context files' facts came from the cache.
  size_t same_as_uncached() const {
    CheckResult with = run(true);
    CheckResult without = run(false);
    CHECK(without.facts_from_cache == 0);
    CHECK(render(with) == render(without));
    return with.facts_from_cache;
  }
  std::vector<fs::path> cache_files() const {
    std::vector<fs::path> out;
    if (fs::exists(cache))
      for (const auto& e : fs::directory_iterator(cache)) out.push_back(e.path());
    return out;
  }
};

}  // namespace

TEST_CASE("facts cache: a file round-trips; truncated, altered or of another key it is refused") {
  std::map<std::string, FactsEntry> entries;
  ArticleFacts f;
  f.path = "docs/a.md";
  f.rel_path = "a.md";
  f.groups["broken-anchor"] = std::string("\x01\x04here", 6);
  FactsEntry e;
  e.size = 123;
  e.mtime_ns = 1'700'000'000'123'456'789;
  e.content_hash = 0x0123456789abcdefull;
  e.tree_dependent = true;
  std::string record;
  write_article_facts(f, record);
  e.record = record;
  entries["a.md"] = e;
  e.racy = true;
  e.tree_dependent = false;
  entries["sub/b.md"] = e;
  const std::string bytes = serialize_facts_cache(7, 9, entries);

  uint64_t tree = 0;
  auto back = parse_facts_cache(bytes, 7, tree);
  CHECK(tree == 9);
  REQUIRE(back.size() == 2);
  CHECK(back["a.md"].record == entries["a.md"].record);
  CHECK(back["a.md"].mtime_ns == e.mtime_ns);
  CHECK(back["a.md"].tree_dependent);
  CHECK(back["sub/b.md"].racy);
  CHECK(read_article_facts(back["a.md"].record).group("broken-anchor") == f.groups["broken-anchor"]);

  CHECK_THROWS_AS(parse_facts_cache(bytes, 8, tree), BadFacts);  // another run key
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_THROWS_AS(parse_facts_cache(bytes.substr(0, n), 7, tree), BadFacts);
  for (size_t at = 0; at < bytes.size(); ++at) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    CHECK_THROWS_AS(parse_facts_cache(bad, 7, tree), BadFacts);
  }
}

TEST_CASE("facts cache: a warm --context run reads the context files' facts, with the same findings") {
  Tree t;
  CHECK(t.same_as_uncached() == 0);  // cold: nothing cached yet
  REQUIRE(t.cache_files().size() == 1);
  CheckResult warm = t.run(true);
  CHECK(warm.facts_from_cache == 3);  // b, c, d
  REQUIRE(warm.diagnostics.size() >= 1);
  CHECK(t.same_as_uncached() == 3);
  // Named files are always loaded (their per-article rules run), never read
  // from the cache. A run of named files alone does not open the cache; a
  // check of the folder fills it for the next --context run.
  fs::remove_all(t.cache);
  CheckResult named = t.run(true, false);
  CHECK(named.facts_from_cache == 0);
  CHECK(t.cache_files().empty());
  CheckResult full = t.run(true, false, ".");
  CHECK(full.facts_from_cache == 0);
  CHECK(render(full) == render(t.run(false, false, ".")));
  CHECK(t.cache_files().size() == 1);
  CHECK(t.same_as_uncached() == 3);
}

TEST_CASE("facts cache: an edited, renamed or deleted context file is seen as it is now") {
  Tree t;
  t.same_as_uncached();
  SECTION("edited: the duplicate id is gone") {
    t.write("b.md", "---\nms.locfileid: \"200\"\nms.contentlocale: ja-JP\n---\n" +
                        test::sxs_pair("bbbbb-101", "訳", "x") + "\n");
    CHECK(t.same_as_uncached() == 2);  // c, d from the cache; b loaded
    CHECK(render(t.run(true)).find("duplicate-locfileid") == std::string::npos);
  }
  SECTION("edited keeping its size, its mtime set back: recent, so the hash decides") {
    std::string text = test::read_file(t.root / "b.md");
    text.replace(text.find("\"100\""), 5, "\"101\"");
    // The cache was written a moment ago with b's mtime an hour old: set
    // its mtime to now and back to now after the edit, the same stamp.
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(t.root / "b.md", now);
    CHECK(t.same_as_uncached() == 3);  // the same bytes under a new mtime: refreshed, racy
    t.dir.write("docs/b.md", text);
    fs::last_write_time(t.root / "b.md", now);
    CHECK(t.same_as_uncached() == 2);
  }
  SECTION("touched without a change: still a hit, by its content hash") {
    fs::last_write_time(t.root / "c.md", fs::file_time_type::clock::now() - std::chrono::hours(2));
    CHECK(t.same_as_uncached() == 3);
  }
  SECTION("renamed") {
    fs::rename(t.root / "b.md", t.root / "e.md");
    // d from the cache; e is new, and c's links were resolved against the
    // tree, which changed.
    CHECK(t.same_as_uncached() == 1);
    CHECK(render(t.run(true)).find("e.md") != std::string::npos);
  }
  SECTION("deleted") {
    fs::remove(t.root / "b.md");
    CHECK(t.same_as_uncached() == 1);  // d; c asked the tree, which changed
    CHECK(render(t.run(true)).find("duplicate-locfileid") == std::string::npos);
  }
}

TEST_CASE("facts cache: facts that asked the tree are not trusted once it changed") {
  Tree t;
  t.same_as_uncached();
  // c.md's broken-anchor facts name d.md, resolved against the tree; once
  // d.md is gone they must not (the facts records are compared too).
  const std::string kept = test::read_file(t.root / "d.md");
  fs::remove(t.root / "d.md");
  CHECK(t.same_as_uncached() == 1);  // b (asked nothing) from the cache; c collected again
  t.write("d.md", kept);
  CHECK(t.same_as_uncached() == 1);
  CHECK(t.same_as_uncached() == 3);
  // A redirection is part of the tree too.
  t.write(".openpublishing.redirection.json", R"({"redirections": [{"source_path": "x.md", "redirect_url": "/y"}]})");
  CHECK(t.same_as_uncached() == 2);  // b and d
}

TEST_CASE("facts cache: another configuration is another cache") {
  Tree t;
  t.same_as_uncached();
  CHECK(t.same_as_uncached() == 3);
  t.write(".tmlint.yaml", "select: [duplicate-locfileid, broken-anchor, duplicate-segment-id, locale-mismatch]\n"
                          "rules: {duplicate-locfileid: warning}\n");
  CHECK(t.same_as_uncached() == 0);
  CHECK(t.cache_files().size() == 1);  // one file per root: the new key replaced it
  CHECK(t.same_as_uncached() == 3);
  // locale-mismatch's facts depend on the locale of the run.
  t.write(".tmlint.yaml", "select: [duplicate-locfileid, broken-anchor, duplicate-segment-id, locale-mismatch]\n"
                          "locale: fr-FR\n");
  CHECK(t.same_as_uncached() == 0);
  CHECK(t.same_as_uncached() == 3);
}

TEST_CASE("facts cache: a truncated or corrupt cache file is a miss, and is rewritten") {
  Tree t;
  t.same_as_uncached();
  const auto files = t.cache_files();
  REQUIRE(files.size() == 1);
  const std::string good = test::read_file(files[0]);
  for (const std::string& bad : {good.substr(0, good.size() / 2), good.substr(0, 3), std::string(),
                                 std::string(good.size(), 'x')}) {
    std::ofstream(files[0], std::ios::binary | std::ios::trunc) << bad;
    CHECK(t.same_as_uncached() == 0);
    CHECK(t.same_as_uncached() == 3);  // the first run wrote it back whole
  }
  // A record damaged under a valid checksum (a bug, not a disk error) is a
  // miss for that article only.
  uint64_t tree = 0;
  const uint64_t key = key_of(test::read_file(files[0]));
  auto entries = parse_facts_cache(good, key, tree);
  REQUIRE(entries.count("b.md"));
  entries["b.md"].record.remove_suffix(entries["b.md"].record.size() / 2);
  std::ofstream(files[0], std::ios::binary | std::ios::trunc) << serialize_facts_cache(key, tree, entries);
  CHECK(t.same_as_uncached() == 2);
}

TEST_CASE("facts cache: runs writing at once leave a whole cache file") {
  Tree t;
  std::vector<std::thread> runs;
  std::vector<std::string> rendered(6);
  for (size_t i = 0; i < rendered.size(); ++i)
    runs.emplace_back([&, i] {
      for (int k = 0; k < 3; ++k) {
        // The first round starts cold: every run writes the whole file.
        CheckOptions o;
        o.paths = {(t.root / "a.md").string()};
        o.context = true;
        o.jobs = 1;
        o.keep_facts = true;
        o.cache_dir = t.cache.string();
        o.select = {"duplicate-locfileid", "broken-anchor", "duplicate-segment-id", "locale-mismatch"};
        rendered[i] = render(run_check(o));
      }
    });
  for (auto& r : runs) r.join();
  for (const std::string& r : rendered) CHECK(r == rendered[0]);
  const auto files = t.cache_files();
  REQUIRE(files.size() == 1);  // no temporary file left behind
  const uint64_t key = key_of(test::read_file(files[0]));
  uint64_t tree = 0;
  CHECK(parse_facts_cache(test::read_file(files[0]), key, tree).size() == 4);
}

TEST_CASE("facts cache: no cache folder, no cache file") {
  Tree t;
  CheckResult r = t.run(false);
  CHECK(r.facts_from_cache == 0);
  CHECK(t.cache_files().empty());
}

TEST_CASE("facts cache: the pre-commit run on Partner Center ja-JP, cold, warm and without the cache") {
  auto corpus = test::shared("corpus/partner-center-pr.ja-jp");
  if (!corpus) return;
  TempDir cache;
  auto run = [&](bool cached) {
    CheckOptions o;
    o.paths = {(*corpus / "partner-center/unable-to-sign-in.md").string()};
    o.context = true;
    o.keep_facts = true;
    if (cached) o.cache_dir = cache.path.string();
    return run_check(o);
  };
  CheckResult plain = run(false), cold = run(true), warm = run(true);
  CHECK(cold.facts_from_cache == 0);
  CHECK(warm.facts_from_cache + 1 == warm.facts.size());  // every context file
  CHECK(warm.facts.size() > 300);
  CHECK(render(cold) == render(plain));
  CHECK(render(warm) == render(plain));
  CHECK(!warm.diagnostics.empty());
}
