// missing-translation (plain articles, needs --source): source text the
// aligner found no counterpart for in the translation: a sentence the
// translator (or the pipeline) left out, or a paragraph, heading or cell
// added to the source and never translated. Reported where the text would
// be in the translation, after the pair before it.
#include <fmt/format.h>

#include "engine/rule.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  if (!a.plain) return;
  for (const UnpairedText& u : a.plain->missing)
    ctx.report(u.target_location,
               fmt::format("{} of the source is not in the translation: \"{}\" ({}:{})",
                           u.whole_block ? "a block" : "a sentence", excerpt(visible_text(u.text)), a.plain->path,
                           u.location.line));
}

TMLINT_RULE({.info = {.id = "missing-translation",
                      .category = "translation",
                      .default_severity = Severity::Warning,
                      .summary = "Source text of a plain article with no counterpart in the translation"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
