#pragma once
// What the terminology rules (term-mismatch, dnt-violated) share: the
// article's target locale and the texts they search.
#include <string>

#include "rule.h"
#include "segment_words.h"
#include "text_forms.h"

namespace tmlint::term_detail {

// ms.contentlocale, else --locale / `locale:`.
inline std::string target_locale(const Article& a, const RunFacts& facts) {
  if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) return e->value;
  return facts.locale;
}

// The visible texts of a segment (no code, no URLs, no tags), in NFC.
// `searchable` is false when there is nothing to judge: no source, an empty
// target (missing-target's business) or a target that is the source
// (untranslated's business).
struct SegmentTexts {
  std::string source, target;
  bool searchable = false;
};

inline SegmentTexts texts_of(const Segment& s) {
  SegmentTexts t;
  if (!s.has_source) return t;
  t.source = nfc(visible_text(s.source.raw));
  t.target = nfc(visible_text(s.target.raw));
  t.searchable = !t.source.empty() && !t.target.empty() && t.source != t.target;
  return t;
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
