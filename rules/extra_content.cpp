// extra-content (plain articles, needs --source): text of the translation
// the aligner found no source for: added by the translator, left from an
// older source, or a source paragraph so changed that nothing pairs up.
#include <fmt/format.h>

#include "engine/rule.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  if (!a.plain) return;
  for (const UnpairedText& u : a.plain->extra)
    ctx.report(u.location, fmt::format("{} of the translation has no source in {}: \"{}\"",
                                       u.whole_block ? "a block" : "a sentence", a.plain->path,
                                       excerpt(visible_text(u.text))));
}

TMLINT_RULE({.info = {.id = "extra-content",
                      .category = "translation",
                      .default_severity = Severity::Warning,
                      .summary = "Text of a plain article with no counterpart in its source"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
