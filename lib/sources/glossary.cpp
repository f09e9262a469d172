#include "sources/glossary.h"

namespace tmlint {
namespace {

std::string locale_key(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

}  // namespace

std::vector<const GlossaryTerm*> Glossary::terms_for(std::string_view locale) const {
  std::vector<const GlossaryTerm*> out;
  if (locale.empty()) return out;
  const std::string want = locale_key(locale);
  const std::string language = want.substr(0, want.find('-'));
  // Exact keys first, then the language's: a regional glossary refines a general one.
  for (const auto& [key, list] : terms)
    if (locale_key(key) == want)
      for (const auto& t : list) out.push_back(&t);
  if (language != want)
    for (const auto& [key, list] : terms)
      if (locale_key(key) == language)
        for (const auto& t : list) out.push_back(&t);
  return out;
}

}  // namespace tmlint
