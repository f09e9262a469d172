// untranslated: a segment whose target was left in the source language.
//
// Precision is the whole difficulty: in real batches the target equals the
// source in 7-24% of segments, nearly always legitimately (product and SKU
// names, GUIDs, numbers, UI labels). So a segment is only a candidate when
// its source is English *prose*: enough lower-case words, a share of them
// English function words, once code, URLs, numbers, names (Capitalized,
// ALL CAPS, CamelCase) and do-not-translate terms are set aside. Then:
//   - the target equals the source (whitespace, entities and markup
//     normalised; for Latin-script locales case and punctuation too), or
//   - the locale is written in another script (ja, zh, ko, ru, ...) and the
//     target has no letter of that script at all.
#include <fmt/format.h>

#include "rule.h"
#include "segment_words.h"

namespace tmlint {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Removes every do-not-translate term (case-sensitive, whole occurrences).
std::string without_terms(std::string_view text, const std::vector<std::string>& terms) {
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

ProseVerdict judge_prose(std::string_view visible, long min_words) {
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

// At most 80 bytes, cut on a code point boundary.
std::string shorten(std::string_view s) {
  if (s.size() <= 80) return std::string(s);
  size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out(s.substr(0, cut));
  out.append("...");
  return out;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Equal once case, punctuation and spacing are ignored (near-identity for
// Latin-script targets: "Sign in." vs "Sign in").
bool near_identical(std::string_view a, std::string_view b) {
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

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  std::string locale = ctx.facts.locale;
  if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) locale = e->value;
  const std::vector<std::string> dnt = ctx.options.get_list("do-not-translate");
  const long min_words = ctx.options.get_int("min-words", 5);
  bool script_known = false;
  if (!locale.empty()) has_locale_script_letter("", locale, script_known);

  for (const Segment& s : a.segments) {
    if (!s.has_source) continue;
    // Cheap exit first: a target with a letter of the locale's script is
    // translated (nearly every segment of a ja/zh/ko batch).
    bool known = false;
    if (script_known && has_locale_script_letter(s.target.raw, locale, known)) continue;
    std::string source = visible_text(s.source.decoded());
    std::string target = visible_text(s.target.decoded());
    if (target.empty()) continue;  // missing-target
    ProseVerdict verdict = judge_prose(without_terms(source, dnt), min_words);
    if (!verdict.prose) continue;
    if (target == source || (!script_known && near_identical(target, source))) {
      ctx.report(s.location, fmt::format("segment {} is not translated: the target is the source text \"{}\"", s.id,
                                         shorten(collapse_spaces(s.source.decoded()))),
                 s.id);
      continue;
    }
    if (script_known) {
      ctx.report(s.location,
                 fmt::format("segment {} is not translated: the target has no {} text while the source is a "
                             "sentence: \"{}\"",
                             s.id, locale, shorten(target)),
                 s.id);
    }
  }
}

TMLINT_RULE({.info = {.id = "untranslated",
                      .category = "translation",
                      .default_severity = Severity::Error,
                      .summary = "A segment's target was left in the source language"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
