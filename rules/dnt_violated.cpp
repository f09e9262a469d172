// dnt-violated: a do-not-translate term (product names, UI labels: the
// top-level `do-not-translate:` list of .tmlint.yaml) is in the segment's
// source but not verbatim in its target.
//
// The source must hold the term as whole words (ICU word boundaries; "Azure"
// is not in "AzureAD"), case-sensitively: do-not-translate terms are exact.
// The target must hold it verbatim anywhere in its visible text (a Japanese
// target glues it to kana: "Azureの"). One finding per segment, naming every
// missing term. Segments left untranslated are untranslated's business.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/glossary.h"
#include "term_locale.h"

namespace tmlint {
namespace {

using namespace term_detail;

void check(const ArticleContext& ctx) {
  const Glossary* g = ctx.facts.glossary;
  if (!g || g->do_not_translate.empty()) return;
  std::vector<TermPattern> patterns;
  for (const auto& t : g->do_not_translate) patterns.push_back(compile_term(t, true));
  const std::vector<std::string>& terms = g->do_not_translate;
  TermFinder source, target;
  for (const Segment& s : ctx.article.segments) {
    if (!s.has_source) continue;
    const std::string source_text = visible_text(s.source.raw);
    // Cheap byte search first: nearly every segment holds no term at all.
    std::vector<size_t> candidates;
    for (size_t k = 0; k < terms.size(); ++k)
      if (source_text.find(terms[k]) != std::string::npos) candidates.push_back(k);
    if (candidates.empty()) continue;
    const std::string source_nfc = nfc(source_text), target_nfc = visible_nfc(s.target.raw);
    if (!judgeable(s, source_nfc, target_nfc)) continue;
    source.set_text(source_nfc);
    target.set_text(target_nfc);
    std::vector<std::string> missing;
    for (size_t k : candidates)
      if (source.contains(patterns[k], true) && !target.contains(patterns[k], false)) missing.push_back(terms[k]);
    if (missing.empty()) continue;
    ctx.report(s.location,
               fmt::format("segment {}: do-not-translate {} {} in the source but not in the target \"{}\"", s.id,
                           missing.size() == 1 ? "term" : "terms", quoted_list(missing, "and") +
                           (missing.size() == 1 ? " is" : " are"), excerpt(target_nfc)),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "dnt-violated",
                      .category = "terminology",
                      .default_severity = Severity::Error,
                      .summary = "A do-not-translate term of the source is missing verbatim from the target"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
