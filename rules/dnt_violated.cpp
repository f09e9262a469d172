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

#include "glossary.h"
#include "rule.h"
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
    SegmentTexts texts = texts_of(s);
    if (!texts.searchable) continue;
    bool source_set = false, target_set = false;
    std::vector<std::string> missing;
    for (size_t k = 0; k < terms.size(); ++k) {
      // Cheap byte search first: nearly every segment holds no term at all.
      if (texts.source.find(terms[k]) == std::string::npos) continue;
      if (!source_set) source.set_text(texts.source), source_set = true;
      if (!source.contains(patterns[k], true)) continue;
      if (!target_set) target.set_text(texts.target), target_set = true;
      if (!target.contains(patterns[k], false)) missing.push_back(terms[k]);
    }
    if (missing.empty()) continue;
    ctx.report(s.location,
               fmt::format("segment {}: do-not-translate {} {} in the source but not in the target \"{}\"", s.id,
                           missing.size() == 1 ? "term" : "terms", quoted_list(missing, "and") +
                           (missing.size() == 1 ? " is" : " are"), excerpt(texts.target)),
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
