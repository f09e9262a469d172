// The batch rules' facts: what a writer writes a reader reads back, and a
// record cut short or damaged anywhere is BadFacts, never a crash or a
// wrong record (the cache and shard files will hand these bytes back).
#include "model/article_facts.h"

#include <catch2/catch.hpp>

using namespace tmlint;

namespace {

ArticleFacts sample() {
  ArticleFacts f;
  f.path = "docs/a.md";
  f.rel_path = "a.md";
  f.locale = "ja-JP";
  f.context_only = true;
  f.directives.push_back(Directive{Directive::DisableNextLine, 12, {"broken-anchor", "links"}});
  f.rules.push_back({"broken-anchor", true, Severity::Warning, {{"max", {"3"}}}});
  f.rules.push_back({"duplicate-locfileid", false, Severity::Error, {}});
  std::string bytes;
  FactWriter w(bytes);
  w.str("fragment");
  w.loc(Location{300, 7, 12});
  w.u64(1ull << 40);
  w.fixed64(0x0123456789ABCDEFull);
  w.boolean(true);
  f.groups["broken-anchor"] = bytes;
  f.groups["empty"] = "";
  return f;
}

}  // namespace

TEST_CASE("article facts: a record reads back as written") {
  const ArticleFacts f = sample();
  std::string bytes;
  write_article_facts(f, bytes);
  const ArticleFacts g = read_article_facts(bytes);
  CHECK(g.path == f.path);
  CHECK(g.rel_path == f.rel_path);
  CHECK(g.locale == "ja-JP");
  CHECK(g.context_only);
  REQUIRE(g.directives.size() == 1);
  CHECK(g.directives[0].kind == Directive::DisableNextLine);
  CHECK(g.directives[0].line == 12);
  CHECK(g.directives[0].rules == std::vector<std::string>{"broken-anchor", "links"});
  REQUIRE(g.setting("broken-anchor"));
  CHECK(g.setting("broken-anchor")->severity == Severity::Warning);
  CHECK(g.setting("broken-anchor")->options.at("max") == std::vector<std::string>{"3"});
  CHECK_FALSE(g.setting("duplicate-locfileid")->enabled);
  CHECK(g.setting("no-such-rule") == nullptr);
  FactReader r(g.group("broken-anchor"));
  CHECK(r.str() == "fragment");
  CHECK(r.loc() == Location{300, 7, 12});
  CHECK(r.u64() == (1ull << 40));
  CHECK(r.fixed64() == 0x0123456789ABCDEFull);
  CHECK(r.boolean());
  CHECK(r.done());
  CHECK(g.group("empty").empty());
  CHECK(g.group("absent").empty());
  std::string again;
  write_article_facts(g, again);
  CHECK(again == bytes);
}

TEST_CASE("article facts: every truncation and damaged byte is BadFacts or a valid record, never a crash") {
  std::string bytes;
  write_article_facts(sample(), bytes);
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_THROWS_AS(read_article_facts(bytes.substr(0, n)), BadFacts);
  for (size_t i = 0; i < bytes.size(); ++i)
    for (unsigned char v : {0x00, 0x7F, 0x80, 0xFF}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(v);
      try {
        (void)read_article_facts(damaged);
      } catch (const BadFacts&) {
      }
    }
  std::string trailing = bytes + "x";
  CHECK_THROWS_AS(read_article_facts(trailing), BadFacts);
  FactReader r(std::string_view("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 11));
  CHECK_THROWS_AS(r.u64(), BadFacts);
}
