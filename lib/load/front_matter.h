#pragma once
// The YAML front matter of an article: `---` at byte 0, YAML, `---` (or
// `...`). Guarded: front matter over the size limit or nested deeper than the
// depth limit is reported and never handed to yaml-cpp, so a hostile file
// cannot make the parser recurse or allocate without bound.
#include "load/loader.h"
#include "model/article.h"

namespace tmlint {

// Fills article.front_matter / has_front_matter / front_matter_end and
// reports problems into article.issues. Returns the offset where the body
// starts (0 when there is no front matter).
uint32_t load_front_matter(Article& article, const LoadLimits& limits);

// Estimated nesting depth of a YAML text (block indentation levels, sequence
// dashes and flow brackets), computed lexically in one pass.
int yaml_nesting_depth(std::string_view yaml);

}  // namespace tmlint
