// The per-article text cache: every view equals what its function computes
// directly, is computed once, and survives release_tokens() when the batch
// rules need it.
#include "text/segment_text_cache.h"

#include <catch2/catch.hpp>

#include "load/loader.h"
#include "testing/test_support.h"
#include "text/normal_forms.h"
#include "text/visible_text.h"

using namespace tmlint;

namespace {

std::unique_ptr<Article> two_segments() {
  std::string bytes = test::sxs_pair("a1-101", "**[サインイン]** して `dotnet nuget` を &amp; [開く](x.md)。",
                                     "**[Sign in]** and run `dotnet nuget` &amp; [open](x.md).") +
                      "\n\n" + test::sxs_pair("a1-102", "詳細\\* は  こちら", "More\\* is  here") + "\n";
  auto article = load_article("a.md", "a.md", bytes);
  REQUIRE(article);
  REQUIRE(article->segments.size() == 2);
  return article;
}

}  // namespace

TEST_CASE("segment text cache: each view is what its function computes") {
  auto article = two_segments();
  SegmentTextCache cache(*article);
  for (size_t i = 0; i < 2; ++i) {
    for (Side side : {Side::Target, Side::Source}) {
      const SegmentText& t = side == Side::Target ? article->segments[i].target : article->segments[i].source;
      CHECK(cache.raw(i, side) == t.raw);
      const std::vector<InlineToken> direct = tokenize_inline(t.raw);
      const std::vector<InlineToken>& cached = cache.tokens(i, side);
      REQUIRE(cached.size() == direct.size());
      for (size_t k = 0; k < direct.size(); ++k) {
        CHECK(cached[k].kind == direct[k].kind);
        CHECK(cached[k].text == direct[k].text);
      }
      CHECK(cache.visible(i, side) == visible_text(t.raw));
      CHECK(cache.form(i, side) == segment_form(t.raw));
      CHECK(form_of_markdown(t.raw) == cache.form(i, side));  // what the batch computes again from facts
    }
  }
  // Prose: text tokens and escaped characters, every other token one 0x1F boundary.
  const Prose& p = cache.prose(1, Side::Source);
  CHECK(p.text == "More* is  here");
  REQUIRE(p.origin.size() == p.text.size());
  CHECK(p.origin[4] == 4);  // '*' of "\*" maps to the backslash
  CHECK(p.origin[5] == 6);
  const Prose& q = cache.prose(0, Side::Source);
  CHECK(q.text.find("]\x1F and run \x1F") != std::string::npos);  // emphasis and code are boundaries
}

TEST_CASE("segment text cache: computed once, and forms outlive release_tokens") {
  auto article = two_segments();
  SegmentTextCache cache(*article);
  const std::string* form = &cache.form(0, Side::Target);
  const std::vector<InlineToken>* tokens = &cache.tokens(0, Side::Target);
  CHECK(&cache.form(0, Side::Target) == form);
  CHECK(&cache.tokens(0, Side::Target) == tokens);
  const std::string expected = *form;
  cache.release_tokens();
  CHECK(&cache.form(0, Side::Target) == form);  // not recomputed
  CHECK(cache.form(0, Side::Target) == expected);
  CHECK(cache.tokens(0, Side::Target).size() == tokenize_inline(article->segments[0].target.raw).size());
}
