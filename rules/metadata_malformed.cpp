// metadata-malformed: a localization key whose value cannot be right: a hash
// or commit that is not 40 hex digits, a handoff date that is not a real
// MM/DD/YYYY date or lies in the future, a locfileid that is not a quoted
// number, a locale that is not a well-formed BCP 47 tag, a translation type
// other than MT or HT.
#include <fmt/format.h>
#include <unicode/uloc.h>

#include <cstring>

#include "engine/rule.h"
#include "loc_metadata.h"

namespace tmlint {
namespace {

bool is_hex40(std::string_view v) {
  if (v.size() != 40) return false;
  for (char c : v)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool all_digits(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

// MM/DD/YYYY, zero-padded as the pipeline writes it; returns YYYYMMDD or 0.
int32_t parse_handoff_date(std::string_view v) {
  if (v.size() != 10 || v[2] != '/' || v[5] != '/') return 0;
  if (!all_digits(v.substr(0, 2)) || !all_digits(v.substr(3, 2)) || !all_digits(v.substr(6, 4))) return 0;
  int m = (v[0] - '0') * 10 + (v[1] - '0');
  int d = (v[3] - '0') * 10 + (v[4] - '0');
  int y = std::stoi(std::string(v.substr(6, 4)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return 0;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > max) return 0;
  return y * 10000 + m * 100 + d;
}

bool well_formed_locale(const std::string& tag) {
  if (tag.empty() || tag.size() > 64) return false;
  char buf[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(tag.c_str(), buf, sizeof buf, &parsed, &status);
  return U_SUCCESS(status) && parsed == static_cast<int32_t>(tag.size());
}

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  auto report = [&](const FrontMatterEntry& e, std::string why) {
    ctx.report(e.value_location, fmt::format("{}: {}", e.key, why));
  };
  for (std::string_view key : {std::string_view("ms.openlocfilehash"), std::string_view("ms.sourcegitcommit")}) {
    if (const auto* e = a.front(key); e && !is_hex40(e->value))
      report(*e, fmt::format("'{}' is not 40 lowercase hexadecimal digits", e->value));
  }
  if (const auto* e = a.front("ms.lasthandoff")) {
    int32_t date = parse_handoff_date(e->value);
    if (!date) report(*e, fmt::format("'{}' is not a real date written MM/DD/YYYY", e->value));
    else if (date > ctx.facts.today) report(*e, fmt::format("'{}' lies in the future", e->value));
  }
  if (const auto* e = a.front("ms.locfileid")) {
    std::string_view raw = raw_value(a, *e);
    bool quoted = raw.size() >= 2 && raw.front() == '"' && raw.back() == '"';
    if (!all_digits(e->value)) report(*e, fmt::format("'{}' is not a number", e->value));
    else if (!quoted) report(*e, fmt::format("{} is not quoted (the pipeline writes \"NNNNNNNN\")", raw));
  }
  if (const auto* e = a.front("ms.contentlocale"); e && !well_formed_locale(e->value))
    report(*e, fmt::format("'{}' is not a well-formed BCP 47 language tag", e->value));
  if (const auto* e = a.front("ms.translationtype"); e && e->value != "MT" && e->value != "HT")
    report(*e, fmt::format("'{}' is neither MT (machine) nor HT (human)", e->value));
}

TMLINT_RULE({.info = {.id = "metadata-malformed",
                      .category = "metadata",
                      .default_severity = Severity::Error,
                      .summary = "A localization key has a value of the wrong form"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
