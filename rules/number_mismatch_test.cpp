// number-mismatch on single segments, per locale: the spellings a translator
// legitimately uses are not reported (CLDR separators, spelled-out numbers,
// month names, times, names with digits), and a missing or changed number is,
// with a message that names it and a column at the changed number. The corpus
// fixtures (testdata/rules/number-mismatch/) hold the real segments; the
// held-out locales (de, es, it, pt, ru, ko) are covered here.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/rule.h"
#include "load/loader.h"
#include "number_mismatch_scan.h"
#include "testing/test_support.h"

using namespace tmlint;

namespace {

struct Found {
  uint32_t column = 0;
  std::string message;
};

std::vector<Found> check_one(const std::string& locale, const std::string& target, const std::string& source) {
  std::string bytes = "---\nms.contentlocale: " + locale + "\n---\n\n" + test::sxs_pair("abcde-101", target, source) + "\n";
  auto article = load_article("n.md", "n.md", bytes);
  REQUIRE(article);
  RuleOptions options;
  RunFacts facts;
  std::vector<Found> out;
  ReportFn sink = [&](const Article&, Location where, std::string_view, std::string message) {
    out.push_back({where.column, std::move(message)});
  };
  SegmentTextCache text(*article);
  ArticleContext ctx{*article, options, facts, sink, text, article_locale(*article, facts)};
  for (const Rule& rule : all_rules())
    if (rule.info.id == "number-mismatch") rule.check_article(ctx);
  return out;
}

// The column (1-based, code points) of `needle` in the segment's line.
uint32_t column_of(const std::string& target, const std::string& needle) {
  std::string line = "<span data-ttu-id=\"abcde-101\">" + target;
  size_t at = line.find(needle);
  REQUIRE(at != std::string::npos);
  uint32_t col = 1;
  for (size_t i = 0; i < at; ++i)
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++col;
  return col;
}

struct Case {
  const char* locale;
  const char* target;
  const char* source;
};

}  // namespace

TEST_CASE("number-mismatch: legitimate spellings of a number are not reported") {
  const Case cases[] = {
      // ja (docs/rules.md's recognitions)
      {"ja-JP", "2017 年 2 月 12 日に 90,000 件のうち 9 万件", "On 2/12/17, 90,000 of 90,000"},
      {"ja-JP", "30 万米国ドル、100 万個、参加者 20,000 人", "USD300K, 1 million items, 20 K participants"},
      {"ja-JP", "午後 6 時、6 日以上、24 時間 365 日のサポート", "6:00 PM, more than 5 days, 24x7 support"},
      {"ja-JP", "上半期と下半期、サードパーティ、5 月 5 日", "H1 and H2, 3rd party, May 5"},
      {"ja-JP", "10 シートに対して 8 月 10 日～ 8 月 14 日", "August 10th to August 14th for 10 seats"},
      {"ja-JP", "1 ～ 2 日", "one to two days"},
      // zh
      {"zh-CN", "现已推出适用于 CSP 合作伙伴的 Windows 7 第二年 ESU", "Now Available Windows 7 Year 2 ESU for CSP Partners"},
      {"zh-CN", "最后两个字符必须是 \"01\"。", "The last 2 characters must be '01'."},
      {"zh-CN", "此一维可读条形码", "This 1-dimensional, readable barcode"},
      {"zh-CN", "50，000 美元", "$50,000 USD"},
      {"zh-CN", "由世纪互联运营的合作伙伴中心", "Partner Center operated by 21Vianet"},
      {"zh-CN", "针对由世纪互联运营的合作伙伴中心进行开发", "Develop for Partner Center operated by 21 Vianet"},
      {"zh-CN", "新冠肺炎疫情应对措施", "Responding to COVID-19"},
      {"zh-CN", "软件/IP 费用也将全额计入", "costs will also contribute at 100% of your invoice"},
      {"zh-CN", "大约下午 6 点 (PST)，2021 财年", "at approximately 6PM PST, FY21"},
      {"zh-CN", "SOL-1234-PQRS，USD，10，100", "SOL-1234-PQRS, USD, 10, 100"},
      {"zh-CN", "连续支持（全年全天候提供支持）", "continuous support (24 hours per day, 365 days per year)"},
      {"zh-CN", "前 100 个单位的价格为每个 1，接下来的那个单位按 .80 收费。",
       "The first 100 units are one each and the next unit is charged at .80."},
      // fr
      {"fr-FR", "3 000 utilisateurs, 1 000 personnes, $50 000 USD", "3,000 users, 1,000-person, $50,000 USD"},
      {"fr-FR", "le 31 décembre 2020 à environ 18h00 (heure standard du Pacifique)", "on December 31, 2020 at approximately 6PM PST"},
      {"fr-FR", "16 septembre à 19:30 Pacifique, à 13 h PST, à 16h (GMT)", "September 16 at 7:30 PM Pacific Time, 1PM PST, at 4:00 pm GMT"},
      {"fr-FR", "Les prix de la deuxième année", "The year 2 pricing"},
      {"fr-FR", "quatre chiffres supplémentaires, par exemple 12345-6789", "an additional 4 digits, for example, 12345-6789"},
      {"fr-FR", "elle court du 1er au 31 octobre ou du 1er au 30 novembre", "for example, 10/1-10/31, 11/1-11/30"},
      {"fr-FR", "le 15 octobre ... le 8 novembre ... du 15 au 31 octobre", "on 10/15 ... on 11/8 ... 10/15 - 10/31"},
      {"fr-FR", "0,50 puis $7 273,99 et $211.20/year", ".50 then $7,273.99 and $211.20/year"},
      {"fr-FR", "plus de trois licences, **cinq** consultants, dix opérations", "more than 3x licenses, **5** consultants, 10 operations"},
      {"fr-FR", ".NET Core 2.0 et ultérieur", ".NET Core 2.0 and above"},
      {"fr-FR", "la liste tarifaire de décembre 2019", "the December 19 price list"},
      {"fr-FR", "au paragraphe 26 de la section 2 de l’article 149", "modified subsec.26 of sec.2 of art.149"},
      {"fr-FR", "dans la période allant de février à décembre", "in months 2-12"},
      {"fr-FR", "vingt et un jours", "21 days"},
      {"fr-FR", "1 million d’éléments, 2,5 millions", "1 million items, 2.5 million"},
      // es: the decimal point MT keeps, space grouping, words, months, times
      {"es-ES", "4.00 USD y 50 000 usuarios y 50.000 más", "USD 4.00 and 50,000 users and 50,000 more"},
      {"es-ES", "dos usuarios, el 5 de mayo, a las 18:00", "2 users, on May 5, at 6 PM"},
      {"es-ES", "1,5 GB y veintiún días", "1.5 GB and 21 days"},
      // de
      {"de-DE", "1.000 Elemente und 1,5 GB, drei Tage", "1,000 items and 1.5 GB, 3 days"},
      {"de-DE", "am 5. Mai um 18 Uhr, um 18.30 Uhr", "on May 5 at 6 PM, at 6:30 PM"},
      {"de-DE", "2 Millionen Benutzer, zweite Stufe", "2 million users, 2nd stage"},
      {"de-DE", "für die dreijährige Laufzeit", "for the 3-year term"},
      // ru, pt, it, ko
      {"ru-RU", "50\xC2\xA0" "000 пользователей, два дня, 5 мая", "50,000 users, 2 days, May 5"},
      {"pt-BR", "1.000 itens, cinco dias, 2,5 GB", "1,000 items, 5 days, 2.5 GB"},
      {"it-IT", "tre giorni, 1.000 elementi, il 5 maggio", "3 days, 1,000 items, May 5"},
      {"ko-KR", "5월 5일 오후 6시, 10만 명", "May 5 at 6 PM, 100,000 people"},
  };
  for (const Case& c : cases) {
    INFO(c.locale << ": " << c.source << " -> " << c.target);
    auto found = check_one(c.locale, c.target, c.source);
    CHECK(found.empty());
    for (const Found& f : found) INFO(f.message);
  }
}

TEST_CASE("number-mismatch: a missing or changed number is reported, named, and located") {
  struct Expect {
    const char* locale;
    const char* target;
    const char* source;
    const char* message;  // substring
    const char* at;       // where the column points in the target, or "" for the segment start
  };
  const Expect cases[] = {
      // The multiset case: the source's number is still elsewhere in the target.
      {"fr-FR", "**Évolution (37 derniers jours)** : sur les 30 derniers jours", "**Trend (last 30 days)**: over the last 30 days",
       "\"30\" of the source is \"37\" in the target", "37"},
      {"ja-JP", "8 月 14 日～ 8 月 27 日", "August 14th to August 20th", "\"20\" of the source is \"27 日\" in the target", "27"},
      {"ja-JP", "フォーム 1402-S は", "The form 1042-S may be", "\"1042\" of the source is \"1402\" in the target", "1402"},
      {"ja-JP", "5 分後に", "After 15 minutes", "\"15\" of the source is \"5\" in the target", "5"},
      {"ja-JP", "2020 年 1 月 14 日", "January 14, 2021", "\"2021\" of the source is \"2020 年\" in the target", "2020"},
      {"ja-JP", "NuGet v1.0 以降のクライアント", "NuGet v5.0+ clients", "\"5.0\" of the source is \"1.0\" in the target", "1.0"},
      {"ja-JP", "778a4dce-001447 d53-8647-314ef2b091d2", "778a4dce-0014-4d53-8647-314ef2b091d2",
       "\"778a4dce-0014-4d53-8647-314ef2b091d2\" of the source is not in the target", ""},
      {"ja-JP", "顧客請求書の後の次の支払いサイクルで", "in the next payout cycle 30-days post customer invoice",
       "\"30\" of the source is not in the target", ""},
      {"ja-JP", "2017/2/11 に", "on 2/12/17", "\"12\" of \"2/12/17\" of the source is \"11\" in the target", "11"},
      {"zh-CN", "则 FY20 中处于活动状态的合作伙伴将继续享有奖励。",
       "Partners active in FY20 will continue to be eligible for incentives in FY21.",
       "\"FY21\" of the source is not in the target", ""},
      {"zh-CN", "在 2021 年 12 月 31 日", "on December 31, 2020", "\"2020\" of the source is \"2021 年\" in the target", "2021"},
      {"zh-CN", "所选计费日期的 () 天内提供", "within two (2) days of your billing date", "\"2\" of the source is not in the target", ""},
      {"zh-CN", "现已推出 Windows 7 第二年 ESU，27 个", "Now Available Windows 7 Year 2 ESU, 22 of them",
       "\"22\" of the source is \"27\" in the target", "27"},
      {"fr-FR", "Pour 3 000 utilisateurs", "For 3,000 users and 24 hours", "\"24\" of the source is not in the target", ""},
      {"fr-FR", "Étape 4 : créer un compte", "Step 1: Create an account", "\"1\" of the source is \"4\" in the target", "4"},
      {"fr-FR", "(24 heures par jour, 367 jours par an)", "(24 hours per day, 365 days per year)",
       "\"365\" of the source is \"367\" in the target", "367"},
      {"fr-FR", "le prix unitaire est égal à 44,98 (346x 130 x2)", "unit price = 44.98 (346x0.13x2)",
       "\"0.13\" of the source is not in the target", ""},
      {"es-ES", "5.00 USD", "USD 4.00", "\"4.00\" of the source is \"5.00\" in the target", "5.00"},
      {"es-ES", "50 001 usuarios", "50,000 users", "\"50,000\" of the source is \"50 001\" in the target", "50 001"},
      {"de-DE", "am 5. Mai um 19 Uhr", "on May 5 at 6 PM", "\"6\" of the source is not in the target", ""},
      {"ko-KR", "5월 6일", "May 5", "\"5\" of the source is \"6일\" in the target", "6"},
      // The month changed, not the day, though both are 3 in the source.
      {"zh-CN", "2021 年 5 月 3 日上午 11:30", "on March 3, 2021 at 11:30am PST", "\"March\" of the source is \"5 月\" in the target", "5"},
      {"zh-CN", "于 2021 年 4 月 4 日弃用", "on May 4, 2021", "\"May\" of the source is \"4 月\" in the target", "4 月"},
      {"fr-FR", "À partir de mi-juin 2021", "Starting in mid-July 2021", "\"July\" of the source is \"juin\" in the target", "juin"},
      {"zh-CN", "计费剪切：在整个月内的要收取费用从 6 月 15 日到 14 年 7 月的预付款 15 个席位。",
       "Billing cut: Advance charge for the whole month period from June 15th to July 14th for 15 seats.",
       "\"14\" of the source, a day, is \"14 年\", a year, in the target", "14 年"},
      {"ru-RU", "три дня и 51 000", "3 days and 50,000", "\"50,000\" of the source is \"51 000\" in the target", "51 000"},
  };
  for (const Expect& c : cases) {
    INFO(c.locale << ": " << c.source << " -> " << c.target);
    auto found = check_one(c.locale, c.target, c.source);
    REQUIRE(found.size() == 1);
    INFO(found[0].message);
    CHECK(found[0].message.find(c.message) != std::string::npos);
    uint32_t start = column_of(c.target, c.target);
    CHECK(found[0].column == (*c.at ? column_of(c.target, c.at) : start));
  }
}

TEST_CASE("number-mismatch: a message never states an equality as a difference") {
  // Each number the target writes as the source does is found, whatever else differs.
  const Case cases[] = {
      {"es-ES", "4.00", "4.00"}, {"fr-FR", "3.10", "3.10"}, {"zh-CN", ".50", ".50"}, {"ja-JP", "NuGet 2.8.6、2.8.6", "NuGet 2.8.6, 2.8.6"},
      {"ja-JP", "0..1", "0..1"}, {"fr-FR", "X.509", "X.509"}, {"ja-JP", "beta.01 と beta.05", "beta.01 and beta.05"},
  };
  for (const Case& c : cases) {
    INFO(c.locale << ": " << c.source << " -> " << c.target);
    CHECK(check_one(c.locale, c.target, c.source).empty());
  }
}

TEST_CASE("number-mismatch: the eight-bytes-at-a-time digit test agrees with the plain one") {
  uint32_t seed = 14;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    size_t len = (seed = seed * 1664525 + 1013904223) % 24;
    for (size_t i = 0; i < len; ++i) {
      seed = seed * 1664525 + 1013904223;
      // Mostly bytes next to the digits ('/' ':' and the high half), sometimes a digit.
      static const unsigned char kBytes[] = {'/', ':', 0x2F, 0x3A, 0xB0, 0xB9, 0x20, 'a', 0xE3, 0x80, '0', '9', '5'};
      s.push_back(static_cast<char>(kBytes[(seed >> 8) % (round % 3 ? 10 : 13)]));
    }
    bool plain = s.find_first_of("0123456789") != std::string::npos;
    CHECK(has_ascii_digit(s) == plain);
  }
}
