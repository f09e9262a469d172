#pragma once
// The localization block of the front matter (FORMAT.md §7): always these
// six keys, last, in this order, in every real article that has them.
#include <array>
#include <string_view>

#include "model/article.h"

namespace tmlint {

inline constexpr std::array<std::string_view, 6> kLocKeys = {
    "ms.openlocfilehash", "ms.sourcegitcommit", "ms.translationtype",
    "ms.contentlocale",   "ms.lasthandoff",     "ms.locfileid"};

inline bool has_any_loc_key(const Article& a) {
  for (auto k : kLocKeys)
    if (a.front(k)) return true;
  return false;
}

// The value as written in the file (quotes included), up to the end of its line.
inline std::string_view raw_value(const Article& a, const FrontMatterEntry& e) {
  std::string_view rest = a.text.substr(e.value_location.offset);
  size_t eol = rest.find_first_of("\r\n");
  rest = rest.substr(0, eol);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return rest;
}

}  // namespace tmlint
