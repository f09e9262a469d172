#pragma once
// The judgement shared by `untranslated` and `partially-translated`: is a
// segment's target still the source language? See docs/rules/untranslated.md.
#include <string>
#include <string_view>
#include <vector>

#include "engine/rule.h"
#include "text/visible_text.h"

namespace tmlint::untranslated_detail {

inline std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Removes every do-not-translate term (case-sensitive, whole occurrences).
inline std::string without_terms(std::string_view text, const std::vector<std::string>& terms) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    bool hit = false;
    for (const auto& t : terms) {
      if (!t.empty() && text.compare(i, t.size(), t) == 0) {
        out.push_back(' ');
        i += t.size();
        hit = true;
        break;
      }
    }
    if (!hit) out.push_back(text[i++]);
  }
  return out;
}

struct ProseVerdict {
  bool prose = false;
  size_t words = 0;
};

inline ProseVerdict judge_prose(std::string_view visible, long min_words) {
  ProseVerdict v;
  size_t plain = 0, stop = 0;
  for (const Word& w : english_words(visible)) {
    ++v.words;
    if (w.glued) continue;  // "a" in a GUID is no article
    std::string lw = lower_ascii(w.text);
    bool is_stop = is_english_stop_word(lw);
    // A sentence's first word is capitalized; stop words count whatever
    // their case ("The", "If").
    if (is_stop) {
      ++stop;
      ++plain;
    } else if (!w.name_like) {
      ++plain;
    }
  }
  // Prose: enough plain words, at least two function words and two content
  // words, and plain words at least half of all ("Word on the web, Windows,
  // Mac, and iPad" is a product list, not a sentence).
  v.prose = static_cast<long>(plain) >= min_words && stop >= 2 && plain - stop >= 2 && plain * 2 >= v.words;
  return v;
}

// Equal once case, punctuation and spacing are ignored (near-identity for
// Latin-script targets: "Sign in." vs "Sign in").
inline bool near_identical(std::string_view a, std::string_view b) {
  auto fold = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80)
        out.push_back(c);
      else if (c >= 'A' && c <= 'Z')
        out.push_back(static_cast<char>(c - 'A' + 'a'));
    return out;
  };
  return fold(a) == fold(b);
}

enum class Verdict { Translated, SameAsSource, NoLocaleScript };

class Judge {
 public:
  Judge(const Article& a, const RunFacts& facts, const RuleOptions& options)
      : dnt_(options.get_list("do-not-translate")), min_words_(options.get_int("min-words", 5)) {
    locale_ = facts.locale;
    if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) locale_ = e->value;
    if (!locale_.empty()) has_locale_script_letter("", locale_, script_known_);
  }

  const std::string& locale() const { return locale_; }

  Verdict judge(const Segment& s, std::string* shown_target = nullptr) const {
    if (!s.has_source) return Verdict::Translated;
    // Cheap exit first: a target with a letter of the locale's script is
    // translated (nearly every segment of a ja/zh/ko batch).
    bool known = false;
    if (script_known_ && has_locale_script_letter(s.target.raw, locale_, known)) return Verdict::Translated;
    std::string source = visible_text(s.source.decoded());
    std::string target = visible_text(s.target.decoded());
    if (target.empty()) return Verdict::Translated;  // missing-target's business
    if (!judge_prose(without_terms(source, dnt_), min_words_).prose) return Verdict::Translated;
    if (target == source || (!script_known_ && near_identical(target, source))) return Verdict::SameAsSource;
    if (!script_known_) return Verdict::Translated;
    if (shown_target) *shown_target = std::move(target);
    return Verdict::NoLocaleScript;
  }

 private:
  std::vector<std::string> dnt_;
  long min_words_;
  std::string locale_;
  bool script_known_ = false;
};

}  // namespace tmlint::untranslated_detail
