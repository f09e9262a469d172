// unsegmented-text: English prose in the body that sits outside every
// segment: a paragraph, list item or table cell the pipeline never wrapped,
// so it was never translated. Code (fenced, indented, inline), <pre> blocks,
// HTML comments, tags, link targets, directives (> [!NOTE], [!INCLUDE],
// :::image) and link reference definitions are not prose.
#include <fmt/format.h>

#include "engine/rule.h"
#include "untranslated_judge.h"

namespace tmlint {
namespace {

using namespace untranslated_detail;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '>')) s.remove_prefix(1);
  return s;
}

// Lines that are markup, not text, whatever words they hold.
bool directive_line(std::string_view content) {
  if (starts_with(content, "[!") || starts_with(content, ":::") || starts_with(content, "<!--")) return true;
  if (starts_with(content, "[")) {
    size_t close = content.find("]:");
    if (close != std::string_view::npos && content.find("](") > close) return true;  // reference definition
  }
  return false;
}

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  if (a.yaml_page) return;  // a TOC's names are translated in place
  if (a.unread) return;     // UTF-16: parse-error reports the file
  const long min_words = ctx.options.get_int("min-words", 5);
  std::string_view text = a.text;
  uint32_t body = a.has_front_matter ? a.front_matter_end.offset : 0;
  size_t seg = 0, code = 0;
  bool in_comment = false, in_pre = false;
  for (uint32_t line = a.locate(body).line; line <= a.lines.line_count(); ++line) {
    uint32_t begin = a.lines.line_start(line);
    std::string_view content = a.lines.line_text(line);
    uint32_t end = begin + static_cast<uint32_t>(content.size());
    while (code < a.code_blocks.size() && a.code_blocks[code].second <= begin) ++code;
    if (code < a.code_blocks.size() && a.code_blocks[code].first <= begin) continue;
    // HTML comments and <pre> blocks may span lines.
    if (in_comment) {
      if (content.find("-->") != std::string_view::npos) in_comment = false;
      continue;
    }
    if (in_pre) {
      if (content.find("</pre>") != std::string_view::npos) in_pre = false;
      continue;
    }
    std::string_view stripped = trim_left(content);
    if (starts_with(stripped, "<!--") && content.find("-->") == std::string_view::npos) {
      in_comment = true;
      continue;
    }
    if (content.find("<pre") != std::string_view::npos) {
      if (content.find("</pre>") == std::string_view::npos) in_pre = true;
      continue;
    }
    if (directive_line(stripped)) continue;
    // The parts of the line outside segments.
    std::string rest;
    uint32_t pos = begin;
    while (seg < a.segments.size() && a.segments[seg].end_offset <= begin) ++seg;
    for (size_t k = seg; k < a.segments.size() && a.segments[k].location.offset < end; ++k) {
      const Segment& s = a.segments[k];
      if (s.location.offset > pos) rest.append(text.substr(pos, s.location.offset - pos));
      rest.push_back(' ');
      pos = std::max(pos, s.end_offset);
    }
    if (pos < end) rest.append(text.substr(pos, end - pos));
    if (rest.find_first_not_of(" |\t-*#>:") == std::string::npos) continue;
    // Broken segment markup is parse-error's finding, not untranslated text.
    if (rest.find("data-ttu-id") != std::string::npos || rest.find("sxs-lookup") != std::string::npos) continue;
    std::string visible = visible_text(rest);
    // A 64 KiB start of a line tells prose from markup as well as the whole
    // (a 50 MB line must not become millions of judged words in memory).
    if (visible.size() > 64 * 1024) {
      size_t cut = 64 * 1024;
      while (cut > 0 && (static_cast<unsigned char>(visible[cut]) & 0xC0) == 0x80) --cut;
      visible.resize(cut);
    }
    if (!judge_prose(visible, min_words).prose) continue;
    ctx.report(a.locate(begin + static_cast<uint32_t>(content.size() - trim_left(content).size())),
               fmt::format("text outside any segment: \"{}\" was never sent for translation", excerpt(visible)));
  }
}

TMLINT_RULE({.info = {.id = "unsegmented-text",
                      .category = "translation",
                      .default_severity = Severity::Warning,
                      .summary = "English prose in the body outside any segment"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
