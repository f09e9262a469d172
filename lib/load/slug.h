#pragma once
// Heading slugs as GitHub and docfx compute them: lower-case, drop every
// character that is not a letter, mark, number, connector punctuation, space
// or hyphen, then turn spaces into hyphens.
#include <string>
#include <string_view>

namespace tmlint {

std::string heading_slug(std::string_view heading_text);

// Heading text as a reader sees it: HTML tags removed, [text](url) reduced
// to text, images dropped, a trailing {#id} removed.
std::string strip_inline_markup(std::string_view markdown);

}  // namespace tmlint
