// Normalised forms and ICU term search (text/normal_forms.h).
#include "text/normal_forms.h"

#include <catch2/catch.hpp>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/unorm2.h>

#include "text/visible_text.h"

using namespace tmlint;

TEST_CASE("segment_form: visible text, inline code kept, NFC, white space collapsed") {
  CHECK(segment_form("Select **Save** in [Settings](a.md).") == "Select Save in Settings.");
  CHECK(segment_form("Run `nuget  pack` &amp; wait") == "Run `nuget pack` & wait");  // spacing collapsed in code too
  CHECK(segment_form("Run `nuget push`") != segment_form("Run `nuget pack`"));
  CHECK(segment_form("  a\n\tb&nbsp;c\xE3\x80\x80" "d ") == "a b c d");  // U+3000 too
  CHECK(segment_form("Cafe\xCC\x81") == "Caf\xC3\xA9");                // NFC
}

TEST_CASE("normalize_visible: every Unicode white space and nothing else is a space, valid or not") {
  // The byte scan (normal_forms.cpp, white_at) against ICU, code point by code point.
  for (UChar32 c = 1; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string encoded;
    icu::UnicodeString(c).toUTF8String(encoded);
    const std::string text = "a" + encoded + "b";
    const std::string expected = u_isUWhiteSpace(c) ? "a b" : nfc(text);
    if (normalize_visible(text) != expected) FAIL("U+" << std::hex << c);
  }
  CHECK(normalize_visible("\xE3\x80\x80 a\xC2\xA0\xE2\x80\x8A\tb \xE2\x80\xAF") == "a b");
  CHECK(normalize_visible("\xC2\xA0") == "");
  // Broken UTF-8 around a white space's bytes: the bytes are kept as they are.
  CHECK(normalize_visible("a\xE3\x80 b") == nfc("a\xE3\x80") + " b");
  CHECK(normalize_visible("a\xE2\x80") == nfc("a\xE2\x80"));
  CHECK(normalize_visible("\x80\x80 a  ") == nfc("\x80\x80") + " a");
  // Texts that need nothing, and white space at either end or doubled.
  for (std::string_view t : {"", " ", "a", "a b", "\xE5\xB1\x95 \xE9\x96\x8B", "a  b", " a", "a ", "a\tb", "a \xC2\xA0" "b",
                             "\xE3\x80\x80" "a", "a\xE3\x80\x80", "\xE2\x80\x80" "a", "a\xE2\x80\x81"})
    CHECK(normalize_visible(t) == segment_form(t));
  CHECK(normalize_visible("a\xE2\x80\x80 b") == "a b");  // U+2000: NFC makes it U+2002, white space either way
  // ASCII (no NFC) and NFC text that needs normalising.
  CHECK(normalize_visible(" Sign  in\n") == "Sign in");
  CHECK(normalize_visible("Cafe\xCC\x81  x") == "Caf\xC3\xA9 x");
}

TEST_CASE("surely_nfc: only code points NFC never changes, and the usual CJK text") {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string encoded;
    icu::UnicodeString(c).toUTF8String(encoded);
    if (!detail::surely_nfc(encoded)) continue;
    if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES || u_getCombiningClass(c) != 0)
      FAIL("U+" << std::hex << c);
  }
  CHECK(detail::surely_nfc("\xE3\x82\xB5\xE3\x83\xBC\xE3\x83\x93\xE3\x82\xB9\xE3\x81\xAE\xE5\xB1\x95\xE9\x96\x8B\xE3\x80\x82 Azure"));
  CHECK_FALSE(detail::surely_nfc("\xE3\x81\x8B\xE3\x82\x99"));  // か + combining dakuten: NFC makes が
  CHECK_FALSE(detail::surely_nfc("Cafe\xCC\x81"));
  CHECK_FALSE(detail::surely_nfc("\xE3\x81"));  // cut short
  CHECK_FALSE(detail::surely_nfc("\xC3"));
  CHECK(normalize_visible("\xE3\x81\x8B\xE3\x82\x99") == "\xE3\x81\x8C");
}

TEST_CASE("has_letter_or_digit_visible: the visible text of a fragment without code") {
  for (std::string_view m : {"**x**", "`a`", "&amp; -> !", "\xE3\x80\x80\xE3\x80\x82", "\xE5\xB1\x95", "\xEF\xBC\x91", "", "[](a.md)"})
    if (m.find('`') == std::string_view::npos) CHECK(has_letter_or_digit_visible(visible_text(m)) == has_letter_or_digit(m));
  CHECK(has_letter_or_digit_visible("\xE5\xB1\x95"));  // 展
  CHECK_FALSE(has_letter_or_digit_visible("\xE3\x80\x82 - !"));
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
