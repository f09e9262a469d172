// term-mismatch: the glossary (`terms:` of .tmlint.yaml, per target locale)
// is not followed: the segment's source has a term and its target has none of
// the term's allowed translations.
//
// Terms match as whole words (ICU word boundaries) in spaced scripts and as
// substrings next to CJK characters, case-insensitively unless the term says
// `case-sensitive: true` (which then applies to its translations as well).
// One finding per segment, naming every term it misses. Segments left
// untranslated are untranslated's business.
#include <fmt/format.h>

#include "engine/rule.h"
#include "sources/glossary.h"
#include "term_locale.h"

namespace tmlint {
namespace {

using namespace term_detail;

struct Compiled {
  const GlossaryTerm* term;
  TermPattern source;
  std::vector<TermPattern> targets;
};

void check(const ArticleContext& ctx) {
  const Glossary* g = ctx.facts.glossary;
  if (!g || g->terms.empty()) return;
  std::vector<Compiled> terms;
  for (const GlossaryTerm* t : g->terms_for(target_locale(ctx.article, ctx.facts))) {
    Compiled c{t, compile_term(t->source, t->case_sensitive), {}};
    for (const auto& target : t->targets) c.targets.push_back(compile_term(target, t->case_sensitive));
    terms.push_back(std::move(c));
  }
  if (terms.empty()) return;
  TermFinder source, target;
  for (const Segment& s : ctx.article.segments) {
    if (!s.has_source) continue;
    const std::string source_text = visible_text(s.source.raw);
    const std::string lowered = lower_ascii(source_text);
    std::vector<const Compiled*> candidates;
    for (const Compiled& c : terms)
      if (c.term->case_sensitive ? source_text.find(c.term->source) != std::string::npos
                                 : may_contain_folded(lowered, c.term->source))
        candidates.push_back(&c);
    if (candidates.empty()) continue;
    const std::string source_nfc = nfc(source_text), target_nfc = visible_nfc(s.target.raw);
    if (!judgeable(s, source_nfc, target_nfc)) continue;
    source.set_text(source_nfc);
    target.set_text(target_nfc);
    std::vector<std::string> misses;
    for (const Compiled* c : candidates) {
      if (!source.contains(c->source, true)) continue;
      bool found = false;
      for (const TermPattern& p : c->targets) found = found || target.contains(p, true);
      if (!found) misses.push_back(fmt::format("\"{}\" -> {}", c->term->source, quoted_list(c->term->targets, "or")));
    }
    if (misses.empty()) continue;
    std::string list;
    for (const auto& m : misses) list += (list.empty() ? "" : "; ") + m;
    ctx.report(s.location,
               fmt::format("segment {}: the target \"{}\" does not follow the glossary: {}", s.id, excerpt(target_nfc),
                           list),
               s.id);
  }
}

TMLINT_RULE({.info = {.id = "term-mismatch",
                      .category = "terminology",
                      .default_severity = Severity::Warning,
                      .summary = "A glossary term of the source is not translated as the glossary says"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
