#pragma once
// Inline suppression: whether a finding on a line is silenced by the
// article's <!-- tmlint-disable... --> comments.
#include <string_view>

#include "model/article.h"

namespace tmlint {

// `rule` and `category` of the finding; a directive lists ids or categories
// (none: every rule). Disable/Enable open and close regions from their line
// on; DisableNextLine covers the line after the comment, DisableLine its own
// line, DisableFile the whole file.
bool is_suppressed(const Article& article, uint32_t line, std::string_view rule, std::string_view category);
bool is_suppressed(const std::vector<Directive>& directives, uint32_t line, std::string_view rule,
                   std::string_view category);

}  // namespace tmlint
