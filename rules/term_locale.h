#pragma once
// What the terminology rules (term-mismatch, dnt-violated) share: the
// article's target locale and the texts they search.
#include <string>

#include "engine/rule.h"
#include "text/normal_forms.h"
#include "text/visible_text.h"

namespace tmlint::term_detail {

// ms.contentlocale, else --locale / `locale:`.
inline std::string target_locale(const Article& a, const RunFacts& facts) {
  if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) return e->value;
  return facts.locale;
}

// The visible text of a segment's source or target (no code, no URLs, no
// tags), in NFC.
inline std::string visible_nfc(std::string_view raw) { return nfc(visible_text(raw)); }

// Whether a segment can be judged: it has a source and a non-empty target
// (else missing-target's business) that is not the source itself (else
// untranslated's business).
inline bool judgeable(const Segment& s, const std::string& source, const std::string& target) {
  return s.has_source && !source.empty() && !target.empty() && source != target;
}

// A byte-level prefilter for case-insensitive search: false only when
// `term` (ASCII) cannot be in `lower_text` (the text with ASCII letters
// lowered). Non-ASCII terms always pass. (Two non-ASCII letters fold to
// ASCII ones, U+212A KELVIN SIGN and U+017F LONG S: a text spelling a term
// with them is not found.)
inline bool may_contain_folded(std::string_view lower_text, std::string_view term) {
  std::string lower(term);
  for (char& c : lower) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower_text.find(lower) != std::string_view::npos;
}

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "A", "A" and "B", "A", "B" and "C".
inline std::string quoted_list(const std::vector<std::string>& items, std::string_view conj) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(" ") + std::string(conj) + " " : std::string(", ");
    out += "\"" + items[i] + "\"";
  }
  return out;
}

}  // namespace tmlint::term_detail
