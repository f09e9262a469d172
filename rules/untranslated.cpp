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

#include "engine/rule.h"
#include "untranslated_judge.h"

namespace tmlint {
namespace {

using namespace untranslated_detail;

void check(const ArticleContext& ctx) {
  Judge judge(ctx.article, ctx.facts, ctx.options);
  for (const Segment& s : ctx.article.segments) {
    std::string target;
    switch (judge.judge(s, &target)) {
      case Verdict::Translated: break;
      case Verdict::SameAsSource:
        ctx.report(s.target.location,
                   fmt::format("segment {} is not translated: the target is the source text \"{}\"", s.id,
                               excerpt(s.source.decoded())),
                   s.id);
        break;
      case Verdict::NoLocaleScript:
        ctx.report(s.target.location,
                   fmt::format("segment {} is not translated: the target has no {} text while the source is a "
                               "sentence: \"{}\"",
                               s.id, judge.locale(), excerpt(target)),
                   s.id);
        break;
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
