#include "sources/reference_tm.h"

#include <fmt/format.h>

#include <algorithm>
#include <pugixml.hpp>

namespace tmlint {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// The text of a <seg>: its character data and that of every inline element,
// in document order (a <bpt>'s content is the code it stands for).
void flatten(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
    else if (child.type() == pugi::node_element) flatten(child, out);
  }
}

std::string_view lang_of(const pugi::xml_node& tuv) {
  if (auto a = tuv.attribute("xml:lang")) return a.value();
  return tuv.attribute("lang").value();  // TMX 1.1
}

// The line of a byte offset, for parse errors.
size_t line_of(std::string_view bytes, ptrdiff_t offset) {
  if (offset < 0) return 1;
  size_t end = std::min(bytes.size(), static_cast<size_t>(offset));
  return 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(end), '\n'));
}

}  // namespace

bool same_language(std::string_view a, std::string_view b) {
  if (iequals(a, b)) return true;
  auto primary = [](std::string_view t) { return t.substr(0, t.find_first_of("-_")); };
  // "ja" matches "ja-JP"; "ja-JP" does not match "ja-Latn" or "ja-KR"-style
  // variants of each other unless one side is the bare language.
  std::string_view pa = primary(a), pb = primary(b);
  if (!iequals(pa, pb)) return false;
  return pa.size() == a.size() || pb.size() == b.size();
}

std::optional<ReferenceTm> ReferenceTm::parse(std::string_view bytes, std::string& error) {
  pugi::xml_document doc;
  // No DOCTYPE is fetched: pugixml never loads external entities. Spaces
  // between inline elements are text of the segment: keep them.
  pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_auto);
  if (!parsed) {
    error = fmt::format("line {}: not well-formed XML: {}", line_of(bytes, parsed.offset), parsed.description());
    return std::nullopt;
  }
  pugi::xml_node tmx = doc.child("tmx");
  if (!tmx) {
    error = "not a TMX document (no <tmx> root element)";
    return std::nullopt;
  }
  ReferenceTm tm;
  tm.source_lang_ = tmx.child("header").attribute("srclang").value();
  const bool any_source = tm.source_lang_.empty() || iequals(tm.source_lang_, "*all*");
  for (pugi::xml_node tu : tmx.child("body").children("tu")) {
    // The source variant: the one in srclang, else the first.
    pugi::xml_node source;
    for (pugi::xml_node tuv : tu.children("tuv"))
      if (!any_source && same_language(lang_of(tuv), tm.source_lang_)) {
        source = tuv;
        break;
      }
    if (!source) source = tu.child("tuv");
    if (!source) continue;
    std::string source_text;
    flatten(source.child("seg"), source_text);
    bool counted = false;
    for (pugi::xml_node tuv : tu.children("tuv")) {
      if (tuv == source) continue;
      std::string target;
      flatten(tuv.child("seg"), target);
      tm.add(source_text, lang_of(tuv).data(), std::move(target));
      counted = true;
    }
    tm.units_ += counted;
  }
  return tm;
}

void ReferenceTm::add(std::string source, std::string lang, std::string target) {
  auto& variants = by_source_[std::move(source)];
  for (const Variant& v : variants)
    if (v.target == target && iequals(v.lang, lang)) return;
  variants.push_back({std::move(lang), std::move(target)});
}

std::vector<std::string_view> ReferenceTm::targets(std::string_view source, std::string_view target_lang) const {
  std::vector<std::string_view> out;
  auto it = by_source_.find(source);
  if (it == by_source_.end()) return out;
  for (const Variant& v : it->second)
    if (same_language(v.lang, target_lang)) out.push_back(v.target);
  return out;
}

}  // namespace tmlint
