#pragma once
// The terminology of a run, from `.tmlint.yaml`: a glossary (`terms:`, per
// target locale, source term -> allowed target terms) and a do-not-translate
// list (`do-not-translate:`, terms that must appear verbatim in the target).
// Rules read it through RunFacts::glossary, never from the file.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tmlint {

struct GlossaryTerm {
  std::string source;                // "Partner Center"
  std::vector<std::string> targets;  // allowed translations: ["パートナー センター"]
  bool case_sensitive = false;       // for the source and the targets alike
};

struct Glossary {
  // Keyed by locale as written in the file ("ja-JP", or a language "ja").
  std::map<std::string, std::vector<GlossaryTerm>> terms;
  std::vector<std::string> do_not_translate;  // case-sensitive, verbatim

  bool empty() const { return terms.empty() && do_not_translate.empty(); }
  // The terms for a target locale: those of its exact key (case-insensitive,
  // '_' same as '-') followed by those of its language ("ja" for "ja-JP").
  std::vector<const GlossaryTerm*> terms_for(std::string_view locale) const;
};

}  // namespace tmlint
