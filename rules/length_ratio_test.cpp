// length-ratio (and repeated-text, split out of it): options read from the
// configuration, the measured figures in the message, and the real corpus
// (../shared/corpus), where the rule must stay quiet on legitimate concise
// Japanese (docs/rules.md).
#include <catch2/catch.hpp>

#include "engine/run_check.h"
#include "testing/test_support.h"

using namespace tmlint;

namespace {

CheckResult check(const test::TempDir& dir, const std::string& config_text = "") {
  return test::check_rule(dir, "length-ratio", config_text);
}

std::string article(const std::string& locale, const std::string& target, const std::string& source) {
  return "---\nms.contentlocale: " + locale + "\n---\n\n" + test::sxs_pair("abcde-101", target, source) + "\n";
}

// 128 letters in three sentences.
const std::string kSource =
    "Sign in to Partner Center with your work account. Select the Billing workspace and open the invoice that "
    "you want to review. Download the reconciliation file for that month.";

}  // namespace

TEST_CASE("length-ratio: the message gives the ratio, the locale's usual one and what seems lost") {
  test::TempDir dir;
  dir.write("a.md", article("ja-JP", "職場アカウントでパートナー センターにサインインします。", kSource));
  CheckResult r = check(dir);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message ==
        "segment abcde-101: the target's translatable part is 18% of the source's (usual for ja: 55%); the "
        "source's last 2 sentences seem missing");
}

TEST_CASE("length-ratio: a full translation of the same source is not reported") {
  test::TempDir dir;
  dir.write("a.md", article("ja-JP",
                            "職場アカウントでパートナー センターにサインインします。課金ワークスペースを選択し、確認する"
                            "請求書を開きます。その月の調整ファイルをダウンロードします。",
                            kSource));
  CHECK(check(dir).diagnostics.empty());
}

TEST_CASE("length-ratio: usual-ratio enables a language without a default, min-ratio bounds it") {
  test::TempDir dir;
  dir.write("a.md", article("th-TH", "ลงชื่อเข้าใช้", kSource));
  CHECK(check(dir).diagnostics.empty());
  CheckResult on = check(dir, "rules: {length-ratio: {usual-ratio: 0.9}}");
  REQUIRE(on.diagnostics.size() == 1);
  CHECK(on.diagnostics[0].message.find("(usual for th: 90%)") != std::string::npos);
  // The target is 9% of the source: a lower bound of 5% clears it.
  CHECK(check(dir, "rules: {length-ratio: {usual-ratio: 0.9, min-ratio: 0.05}}").diagnostics.empty());
}

TEST_CASE("length-ratio: extreme-low is the bound under which the ratio alone is reported") {
  test::TempDir dir;
  dir.write("a.md", article("ja-JP", "詳細を確認します。",
                            "Review the details of the pricing changes that apply to your customers in each market "
                            "before you place an order on their behalf."));
  CheckResult r = check(dir);
  REQUIRE(r.diagnostics.size() == 1);
  // 107 letters: from 100, the bound is 1.2 x extreme-low (usual / 3 = 20%).
  CHECK(r.diagnostics[0].message.find("below 24%, part of the source seems to have no translation") !=
        std::string::npos);
  CHECK(check(dir, "rules: {length-ratio: {extreme-low: 0.05}}").diagnostics.empty());
}

TEST_CASE("length-ratio: min-source lets shorter sources be measured") {
  test::TempDir dir;
  const std::string source = "Select the Billing workspace and open the invoice.";  // 42 letters, 8 words
  dir.write("a.md", article("ja-JP", "課金", source));
  CHECK(check(dir).diagnostics.empty());
  CHECK(check(dir, "rules: {length-ratio: {min-source: 40}}").diagnostics.size() == 1);
}

TEST_CASE("length-ratio: names and numbers copied unchanged do not count, a loop is repeated-text's") {
  test::TempDir dir;
  // pc-zh announcements/2020-january.md: 97% of the source by all letters,
  // too little translatable text once the names and the GUID are left out.
  dir.write("a.md", article("zh-CN", "产品/服务：面向 GCC 的 Forms Pro Addl Responses 产品/服务 ID：ac14473c-8e5d-4e44-aff1-6087109be980",
                            "Offer: Forms Pro Addl Responses for GCC Offer ID: ac14473c-8e5d-4e44-aff1-6087109be980"));
  CHECK(check(dir).diagnostics.empty());
  const std::string source = "Restore the packages of the solution before you build it for the first time on this machine.";
  dir.write("a.md", article("ja-JP", "パッケージを復元します。復元します。復元します。", source));
  CHECK(check(dir).diagnostics.empty());
  CheckResult r = test::check_rule(dir, "repeated-text", "");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("\"復元します。\" is written 3 times in a row") != std::string::npos);
  // Two copies need a target longer than max-ratio.
  dir.write("a.md", article("ja-JP", "パッケージを復元してからビルドします。パッケージを復元してからビルドします。", source));
  CHECK(test::check_rule(dir, "repeated-text", "").diagnostics.empty());
  CHECK(test::check_rule(dir, "repeated-text", "rules: {repeated-text: {max-ratio: 0.2}}").diagnostics.size() == 1);
}

TEST_CASE("length-ratio on the real corpus: no finding on pc-ja or nuget-ja; repeated-text finds nuget-ja's MT loop") {
  auto corpus = test::shared("corpus");
  if (!corpus) return;
  CheckOptions o;
  o.select = {"length-ratio"};
  o.jobs = 2;
  o.paths = {(*corpus / "partner-center-pr.ja-jp").string()};
  o.root = o.paths[0];
  CHECK(run_check(o).diagnostics.empty());
  o.paths = {(*corpus / "nuget.ja-jp").string()};
  o.root = o.paths[0];
  CHECK(run_check(o).diagnostics.empty());
  o.select = {"repeated-text"};
  CheckResult r = run_check(o);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].segment == "70bd4-130");  // TFI, TFV, TPI, TPV -> TFI、TFI、TFI、TFI
}
