#pragma once
// HTML character references (&amp; &#8212; &#x2014; and every named entity
// of the HTML5 list). Segment text is raw Markdown, so comparisons between
// target and source use the decoded form.
#include <string>
#include <string_view>

namespace tmlint {

// Appends `text` with character references resolved to `out`. Returns true
// when at least one reference was decoded. Unknown or malformed references
// are copied unchanged.
bool decode_entities(std::string_view text, std::string& out);

// Decodes the reference that starts at text[0] == '&'. On success writes the
// UTF-8 bytes to `out`, returns the length consumed; returns 0 otherwise.
size_t decode_one_entity(std::string_view text, std::string& out);

void append_utf8(std::string& out, char32_t cp);

}  // namespace tmlint
