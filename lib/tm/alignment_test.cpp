// The pairs of a batch: one per segment with a source, marked untranslated
// or stale exactly where the rules say so, exclusions and duplicates counted.
#include "tm/alignment.h"

#include <catch2/catch.hpp>

#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

const char* kFront = "---\ntitle: t\nms.contentlocale: ja-JP\nms.lasthandoff: 05/13/2021\n---\n";

CheckResult run(const TempDir& dir, const std::string& source = {}) {
  CheckOptions o;
  o.paths = {(dir.path / "ja").string()};
  o.source_dir = source;
  o.keep_articles = true;
  o.jobs = 2;
  o.select = alignment_rules(!source.empty());
  return run_check(o);
}

}  // namespace

TEST_CASE("align: one pair per segment with a source, in path and document order") {
  TempDir dir;
  dir.write("ja/b.md", std::string(kFront) + sxs_pair("bbbbb-101", "二", "Two") + "\n");
  dir.write("ja/a.md", std::string(kFront) + sxs_pair("aaaaa-101", "一", "One") + "\n\n" +
                           "<span data-ttu-id=\"aaaaa-102\">孤立</span>\n\n" +
                           sxs_pair("aaaaa-103", "The untranslated sentence stays in English here.",
                                    "The untranslated sentence stays in English here.") +
                           "\n\n" + sxs_pair("aaaaa-104", "", "Dropped translation of a sentence.") + "\n");
  CheckResult r = run(dir);
  AlignSummary s;
  auto pairs = align_pairs(r, {}, "", s);
  REQUIRE(pairs.size() == 4);
  CHECK(pairs[0].segment->id == "aaaaa-101");
  CHECK(pairs[0].target_lang == "ja-JP");
  CHECK_FALSE(pairs[0].untranslated);
  CHECK(pairs[1].segment->id == "aaaaa-103");
  CHECK(pairs[1].untranslated);  // the untranslated rule's judgement
  CHECK(pairs[2].untranslated);  // missing-target's
  CHECK(pairs[3].segment->id == "bbbbb-101");
  CHECK(s.articles == 2);
  CHECK(s.segments == 5);
  CHECK(s.without_source == 1);
  CHECK(s.untranslated == 2);
  CHECK(s.written == 4);

  AlignOptions exclude;
  exclude.exclude_untranslated = true;
  AlignSummary s2;
  auto kept = align_pairs(r, exclude, "", s2);
  CHECK(kept.size() == 2);
  CHECK(s2.excluded_untranslated == 2);
  CHECK(s2.written + s2.excluded_untranslated + s2.without_source == s2.segments);
}

TEST_CASE("align: --dedupe folds identical pairs into the first, with a count") {
  TempDir dir;
  dir.write("ja/a.md", std::string(kFront) + sxs_pair("aaaaa-101", "はい", "Yes") + "\n\n" +
                           sxs_pair("aaaaa-102", "はい", "Yes") + "\n\n" + sxs_pair("aaaaa-103", "はい。", "Yes") + "\n");
  dir.write("ja/b.md", std::string(kFront) + sxs_pair("bbbbb-101", "はい", "Yes") + "\n");
  CheckResult r = run(dir);
  AlignOptions o;
  o.dedupe = true;
  AlignSummary s;
  auto pairs = align_pairs(r, o, "", s);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].segment->id == "aaaaa-101");
  CHECK(pairs[0].count == 3);
  CHECK(pairs[1].count == 1);  // another target: another pair
  CHECK(s.merged_duplicates == 2);
}

TEST_CASE("align: --min-words counts words with ICU, CJK included") {
  CHECK(count_words("Sign in to **Partner Center**.") == 5);
  CHECK(count_words("See [the docs](https://example.com/a/b/c).") == 3);  // the URL is not prose
  CHECK(count_words("`nuget pack`") == 0);
  CHECK(count_words("1,000 users") == 2);
  CHECK(count_words("パートナー センター") == 2);
  CHECK(count_words("...") == 0);
  TempDir dir;
  dir.write("ja/a.md", std::string(kFront) + sxs_pair("aaaaa-101", "はい", "Yes") + "\n\n" +
                           sxs_pair("aaaaa-102", "いいえ、違います", "No, it is not") + "\n");
  CheckResult r = run(dir);
  AlignOptions o;
  o.min_words = 2;
  AlignSummary s;
  auto pairs = align_pairs(r, o, "", s);
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].segment->id == "aaaaa-102");
  CHECK(s.excluded_short == 1);
}

TEST_CASE("align: with --source, pairs whose sentence left the source are stale") {
  TempDir dir;
  std::string en = "# Title\n\nThe kept sentence.\n";
  dir.write("en/a.md", en);
  dir.write("ja/a.md", "---\nms.openlocfilehash: 0000000000000000000000000000000000000000\nms.contentlocale: ja-JP\n---\n" +
                           sxs_pair("aaaaa-101", "残る文。", "The kept sentence.") + "\n\n" +
                           sxs_pair("aaaaa-102", "消えた文。", "The removed sentence.") + "\n");
  CheckResult r = run(dir, (dir.path / "en").string());
  AlignSummary s;
  auto pairs = align_pairs(r, {}, "", s);
  REQUIRE(pairs.size() == 2);
  CHECK_FALSE(pairs[0].stale);
  CHECK(pairs[1].stale);
  AlignOptions o;
  o.exclude_stale = true;
  AlignSummary s2;
  CHECK(align_pairs(r, o, "", s2).size() == 1);
  CHECK(s2.excluded_stale == 1);
}

TEST_CASE("align: the fallback language applies only without ms.contentlocale") {
  TempDir dir;
  dir.write("ja/a.md", sxs_pair("aaaaa-101", "はい", "Yes") + "\n");
  CheckResult r = run(dir);
  AlignSummary s;
  CHECK(align_pairs(r, {}, "ja-JP", s).front().target_lang == "ja-JP");
  AlignSummary s2;
  CHECK(align_pairs(r, {}, "", s2).front().target_lang.empty());
  CHECK(s2.without_language == 1);
}
