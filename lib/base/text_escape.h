#pragma once
// Making arbitrary bytes (file contents, messages) safe for JSON and XML:
// reports stay valid whatever the input, invalid UTF-8 included.
#include <cstddef>
#include <string>
#include <string_view>

namespace tmlint {

// Appends `s` as the body of a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD.
void json_escape(std::string& out, std::string_view s);

// `s` with every character XML 1.0 forbids (C0 controls but TAB/LF/CR,
// U+FFFE/U+FFFF, invalid UTF-8 such as lone surrogates) replaced by U+FFFD;
// counts replacements in *replaced when given.
std::string xml_safe(std::string_view s, size_t* replaced = nullptr);

// Appends `s` as XML character data or an attribute value in one pass:
// forbidden characters as in xml_safe (counted in *replaced), '&', '<', '>'
// and '"' as entities, CR as "&#13;" (a parser would read a raw CR as LF).
void append_xml_escaped(std::string& out, std::string_view s, size_t* replaced = nullptr);

}  // namespace tmlint
