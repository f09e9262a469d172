// The locale of an article, for rules and for the per-locale rule defaults.
#include "engine/rule.h"

namespace tmlint {

const LocaleProfile& article_locale(const Article& article, std::string_view fallback) {
  if (const auto* e = article.front("ms.contentlocale"); e && !e->value.empty()) return locale_profile(e->value);
  return locale_profile(fallback);
}

const LocaleProfile& article_locale(const Article& article, const RunFacts& facts) {
  return article_locale(article, facts.locale);
}

}  // namespace tmlint
