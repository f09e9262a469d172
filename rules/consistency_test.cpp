// The consistency and terminology rules on the real corpus (../shared/corpus):
// findings known to be there, and the same findings whatever --jobs.
// Skipped with a visible warning when the corpus is absent, failing instead
// under TMLINT_REQUIRE_SHARED=1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "engine/run_check.h"
#include "testing/test_support.h"

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

// ------------------------------------------------------------- options
namespace {

std::string article(const std::string& prefix, const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out = "---\nms.contentlocale: ja-JP\n---\n";
  int n = 101;
  for (const auto& [target, source] : pairs) out += test::sxs_pair(prefix + "-" + std::to_string(n++), target, source) + "\n\n";
  return out;
}

const std::string kSource = "Sign in to the portal with your account.";

}  // namespace

TEST_CASE("inconsistent-translation: ignore-case, max-locations, the variant list's bound") {
  test::TempDir dir;
  dir.write("a.md", article("aaaaa", {{"アカウントでポータルにサインインします。", kSource},
                                      {"アカウントでポータルにサインインします。", kSource}}));
  dir.write("b.md", article("bbbbb", {{"アカウントを使ってポータルにサインインします。", "sign in to the portal with your account."}}));
  CHECK(test::check_rule(dir, "inconsistent-translation").diagnostics.empty());  // two sources
  CheckResult folded = test::check_rule(dir, "inconsistent-translation",
                                 "rules: {inconsistent-translation: {ignore-case: true, max-locations: 1}}");
  REQUIRE(folded.diagnostics.size() == 1);
  const Diagnostic& d = folded.diagnostics[0];
  CHECK(d.rel_path == "b.md");
  INFO(d.message);
  CHECK(d.message.find("2x (a.md:4 and 1 more)") != std::string::npos);
  CHECK(d.message.find("1x (b.md:4)") != std::string::npos);

  // Seven variants: five spelled out, then the rest counted.
  test::TempDir many;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const char* t : {"一", "二", "三", "四", "五", "六", "七"}) pairs.push_back({std::string("訳") + t, kSource});
  pairs.push_back({"訳一", kSource});  // the majority
  many.write("a.md", article("ccccc", pairs));
  CheckResult r = test::check_rule(many, "inconsistent-translation");
  REQUIRE(r.diagnostics.size() == 1);
  INFO(r.diagnostics[0].message);
  CHECK(r.diagnostics[0].message.find("has 7 different translations in 8 segments, differing in \"一\" (2x) vs \"二\" (1x) vs \"三\" (1x) vs ...: \"訳一\" 2x") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("and 2 more translations (2 segments)") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("訳七") == std::string::npos);
  CHECK(r.diagnostics[0].location.line == 6);  // the first minority variant, 訳二
}

TEST_CASE("inconsistent-translation: reported where the rule is enabled and not only context") {
  test::TempDir dir;
  dir.write("a.md", article("aaaaa", {{"アカウントでポータルにサインインします。", kSource},
                                      {"アカウントでポータルにサインインします。", kSource}}));
  dir.write("b.md", article("bbbbb", {{"アカウントを使ってポータルにサインインします。", kSource}}));
  CheckResult all = test::check_rule(dir, "inconsistent-translation");
  REQUIRE(all.diagnostics.size() == 1);
  CHECK(all.diagnostics[0].rel_path == "b.md");  // the minority
  // Off for b.md: the finding moves to the majority's first place in a.md.
  CheckResult off = test::check_rule(dir, "inconsistent-translation",
                              "overrides:\n  - files: [b.md]\n    rules: {inconsistent-translation: off}\n");
  REQUIRE(off.diagnostics.size() == 1);
  CHECK(off.diagnostics[0].rel_path == "a.md");
  CHECK(off.diagnostics[0].location.line == 4);
  // a.md named with --context: b.md is seen (there is a group) but reported in a.md.
  CheckResult context = test::check_rule(dir, "inconsistent-translation", "", {(dir.path / "a.md").string()}, true);
  REQUIRE(context.diagnostics.size() == 1);
  CHECK(context.diagnostics[0].rel_path == "a.md");
  CHECK(context.diagnostics[0].message.find("b.md:4") != std::string::npos);
  CHECK(test::check_rule(dir, "inconsistent-translation", "", {(dir.path / "a.md").string()}).diagnostics.empty());
}

TEST_CASE("consistency: spacing, width and punctuation are one variant unless loose-variants: false") {
  test::TempDir dir;
  dir.write("a.md", article("aaaaa", {{"アカウントで、ポータルにサインインします。", kSource},
                                      {"アカウントで、ポータルにサインインします。", "Sign in to the portal with your account!"}}));
  dir.write("b.md", article("bbbbb", {{"アカウントで ポータルにサインインします", kSource},
                                      {"アカウントで、ポータルにサインインします。", "Sign in to portal with your account"}}));
  CHECK(test::check_rule(dir, "inconsistent-translation").diagnostics.empty());
  CHECK(test::check_rule(dir, "inconsistent-source").diagnostics.empty());  // punctuation and an article
  CheckResult strict = test::check_rule(dir, "inconsistent-translation", "rules: {inconsistent-translation: {loose-variants: false}}");
  REQUIRE(strict.diagnostics.size() == 1);
  CHECK(strict.diagnostics[0].rel_path == "b.md");
  CHECK(test::check_rule(dir, "inconsistent-source", "rules: {inconsistent-source: {loose-variants: false}}").diagnostics.empty());
  CHECK(test::check_rule(dir, "inconsistent-source", "rules: {inconsistent-source: {loose-variants: false, differences: all}}").diagnostics.size() == 1);
  // Fewer words than min-words: not compared.
  CHECK(test::check_rule(dir, "inconsistent-translation", "rules: {inconsistent-translation: {loose-variants: false, min-words: 9}}").diagnostics.empty());
}

// ------------------------------------------------------------- what the variants say
namespace {

std::string article_in(const std::string& locale, const std::string& prefix,
                       const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out = "---\nms.contentlocale: " + locale + "\n---\n";
  int n = 101;
  for (const auto& [target, source] : pairs) out += test::sxs_pair(prefix + "-" + std::to_string(n++), target, source) + "\n\n";
  return out;
}

}  // namespace

TEST_CASE("inconsistent-translation: the diff names the differing words verbatim, the column points at them") {
  test::TempDir dir;
  const std::string src = "MPN identifier of the reseller of record for the subscription.";
  dir.write("a.md", article_in("zh-cn", "aaaaa", {{"订阅的记录分销商的 MPN 标识符。", src}, {"订阅的记录经销商的 MPN 标识符。", src}}));
  CheckResult r = test::check_rule(dir, "inconsistent-translation");
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  INFO(d.message);
  CHECK(d.message.find("differing in \"分销\" (1x) vs \"经销\" (1x)") != std::string::npos);
  // The column is the 经 of the reported target (after `<span data-ttu-id="aaaaa-102">` and
  // 订阅的记录: 30 + 5 code points), not the segment's start.
  CHECK(d.location.line == 6);
  CHECK(d.location.column == 36);
}

TEST_CASE("inconsistent-translation: function words and word order are one variant, per the target's language") {
  test::TempDir dir;
  dir.write("zh.md", article_in("zh-cn", "aaaaa", {{"对于给定的 webhook 事件，只能注册一个 URL。", "Only one URL can be registered for a given webhook event."},
                                                  {"只能为给定的 Webhook 事件注册一个 URL。", "Only one URL can be registered for a given webhook event."}}));
  dir.write("fr.md", article_in("fr-fr", "bbbbb", {{"Date du déploiement du service.", "Date of service deployment."},
                                                  {"Date de déploiement du service.", "Date of service deployment."}}));
  CHECK(test::check_rule(dir, "inconsistent-translation").diagnostics.empty());
  // Japanese particles and endings too (ja.yaml), but not a changed term.
  dir.write("ja.md", article_in("ja-jp", "ccccc", {{"間接リセラーの招待を顧客に送信する", "Send an indirect reseller invitation to the customer"},
                                                  {"間接リセラー招待を顧客に送信する", "Send an indirect reseller invitation to the customer"},
                                                  {"料金または調整の種類。", "The type of charge or adjustment."},
                                                  {"課金または調整の種類。", "The type of charge or adjustment."}}));
  CheckResult r = test::check_rule(dir, "inconsistent-translation");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].rel_path == "ja.md");
  CHECK(r.diagnostics[0].message.find("differing in \"料金\" (1x) vs \"課金\" (1x)") != std::string::npos);
}

TEST_CASE("consistency: translations into two languages are never variants of each other") {
  test::TempDir dir;
  const std::string src = "Select Save to save your changes.";
  dir.write("ja.md", article_in("ja-jp", "aaaaa", {{"[保存] を選択して変更を保存します。", src}}));
  dir.write("fr.md", article_in("fr-fr", "bbbbb", {{"Sélectionnez Enregistrer pour enregistrer vos modifications.", src}}));
  CHECK(test::check_rule(dir, "inconsistent-translation").diagnostics.empty());
}

TEST_CASE("consistency: a link to elsewhere makes another text, and a changed link is a variant") {
  test::TempDir dir;
  dir.write("a.md", article_in("zh-cn", "aaaaa", {
      {"有关详细信息，请访问[资源库](https://example.com/a)。", "Visit [the Resource Gallery](https://example.com/a) for more information."},
      {"有关详细信息，请访问[资源库](https://example.com/b)。", "Please visit [the Resource Gallery](https://example.com/b) for more information."}}));
  // Two targets whose links differ are two targets: nothing to report.
  CHECK(test::check_rule(dir, "inconsistent-source").diagnostics.empty());
  test::TempDir moved;
  moved.write("a.md", article_in("zh-cn", "aaaaa", {
      {"有关详细信息，请访问[资源库](https://example.com/a)。", "Visit [the Resource Gallery](https://example.com/a) for more information."},
      {"有关详细信息，请访问[资源库](https://example.com/b)。", "Visit [the Resource Gallery](https://example.com/a) for more information."}}));
  CheckResult r = test::check_rule(moved, "inconsistent-translation");
  REQUIRE(r.diagnostics.size() == 1);
  INFO(r.diagnostics[0].message);
  CHECK(r.diagnostics[0].message.find("(https://example.com/b)") != std::string::npos);
}

TEST_CASE("inconsistent-source: English inflection, contractions, stop words and synonyms are one source") {
  test::TempDir dir;
  auto same = [&](const std::string& a, const std::string& b) {
    dir.write("a.md", article_in("zh-cn", "aaaaa", {{"译文一二三。", a}, {"译文一二三。", b}}));
    return test::check_rule(dir, "inconsistent-source", "rules: {inconsistent-source: {differences: all}}").diagnostics.empty();
  };
  CHECK(same("The subscription must be active (not suspended or cancelled).", "The subscription must be active (not suspended or canceled)."));
  CHECK(same("December 17th, 2020: Original publication", "December 17, 2020: Original publication"));
  CHECK(same("Please share this information with the appropriate contacts.", "Share this information with all appropriate contacts."));
  CHECK(same("We're committed to providing a secure method.", "We are committed to providing a secure method."));
  CHECK(same("Choose the customer from the list.", "Select a customer from the list."));
  CHECK(same("Review your trailing twelve-month revenue.", "Review your trailing 12-month revenue."));
  CHECK(same("You don't have active subscriptions.", "You do not have an active subscription."));
  CHECK(same("The commercial ERP is USD $12 per user/per month.", "The commercial ERP is USD12 per user per month."));
  CHECK(!same("You can't modify this field.", "You can modify this field."));  // negation
  CHECK(!same("Geographical country location.", "Geographical city location."));
}

TEST_CASE("inconsistent-source: by default only numbers, codes, names and links; differences: substitutions adds one-word swaps") {
  test::TempDir dir;
  dir.write("a.md", article_in("ja-jp", "aaaaa", {{"このプランは現在購入できません。", "This offer is currently not available for purchasing."},
                                                 {"このプランは現在購入できません。", "This plan is currently not available for purchasing."},
                                                 {"[完了] を選択します。", "When you're finished, select the Done button."},
                                                 {"[完了] を選択します。", "When you're done, select the Done button."},
                                                 {"15 ドルです。", "The price is USD15 per device."},
                                                 {"15 ドルです。", "The price is USD50 per device."},
                                                 {"Contoso のサブスクリプションを取り消します。", "Cancel the subscription in Contoso Cloud (CC)."},
                                                 {"Contoso のサブスクリプションを取り消します。", "Cancel the subscription in CC."}}));
  CheckResult r = test::check_rule(dir, "inconsistent-source");
  REQUIRE(r.diagnostics.size() == 1);
  INFO(r.diagnostics[0].message);
  CHECK(r.diagnostics[0].message.find("differing in \"USD15\" (1x) vs \"USD50\" (1x)") != std::string::npos);
  CHECK(test::check_rule(dir, "inconsistent-source", "rules: {inconsistent-source: {differences: substitutions}}").diagnostics.size() == 3);
}
