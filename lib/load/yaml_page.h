#pragma once
// YAML pages of a docset (TOC.yml): loaded with yaml-cpp, under the same
// size and depth guards as front matter, for their links: every `href`,
// `topicHref` and `tocHref` scalar becomes a skeleton link at its location.
#include "load/loader.h"
#include "model/article.h"

namespace tmlint {

void load_yaml_page(Article& article, const LoadLimits& limits);

}  // namespace tmlint
