// Normalised forms and ICU term search (text/normal_forms.h).
#include "text/normal_forms.h"

#include <catch2/catch.hpp>

using namespace tmlint;

TEST_CASE("segment_form: visible text, inline code kept, NFC, white space collapsed") {
  CHECK(segment_form("Select **Save** in [Settings](a.md).") == "Select Save in Settings.");
  CHECK(segment_form("Run `nuget  pack` &amp; wait") == "Run `nuget pack` & wait");  // spacing collapsed in code too
  CHECK(segment_form("Run `nuget push`") != segment_form("Run `nuget pack`"));
  CHECK(segment_form("  a\n\tb&nbsp;c\xE3\x80\x80" "d ") == "a b c d");  // U+3000 too
  CHECK(segment_form("Cafe\xCC\x81") == "Caf\xC3\xA9");                // NFC
}

TEST_CASE("loose_form: width, case, spacing and punctuation do not count") {
  CHECK(loose_form("［請求］タブを選択します。") == loose_form("[請求] タブを選択します"));
  CHECK(loose_form("パートナー センター") == loose_form("パートナーセンター"));
  CHECK(loose_form("Sign In.") == loose_form("sign in"));
  CHECK(loose_form("サービスの展開の日付。") != loose_form("サービスのデプロイ日。"));
}

TEST_CASE("has_letter_or_digit: code and markup are not text") {
  CHECK_FALSE(has_letter_or_digit("`nuget pack` -> **`x`**"));
  CHECK(has_letter_or_digit("`nuget pack` 2"));
}

TEST_CASE("TermFinder: whole words in spaced scripts, substrings next to CJK") {
  TermFinder f;
  auto has = [&](std::string_view text, std::string_view term, bool cs = false, bool words = true) {
    f.set_text(text);
    return f.contains(compile_term(term, cs), words);
  };
  CHECK(has("Sign in to Partner Center.", "Partner Center"));
  CHECK(has("sign in to partner center", "Partner Center"));
  CHECK_FALSE(has("sign in to partner center", "Partner Center", true));
  CHECK_FALSE(has("Manage partner centers", "Partner Center"));
  CHECK_FALSE(has("Use AzureAD", "Azure"));
  CHECK(has("Use Azure AD", "Azure"));
  CHECK(has("Microsoft's tools", "Microsoft", true));
  CHECK(has("Microsoft\xE2\x80\x99s tools", "Microsoft", true));
  CHECK(has("Azureにサインイン", "Azure", true));
  CHECK(has("パートナー センターにサインインします。", "パートナー センター"));
  CHECK_FALSE(has("パートナーセンターにサインインします。", "パートナー センター"));
  CHECK(has("各サブスクリプションには", "サブスクリプション"));
  CHECK(has("ＡＺＵＲＥ", "ａｚｕｒｅ"));  // folding, not width
  CHECK_FALSE(has("AzureAD", "Azure", true, true));
  CHECK(has("AzureAD", "Azure", true, false));
  CHECK_FALSE(has("", "Azure"));
  CHECK_FALSE(has("Azure", ""));
}
