// new-source-content (needs --source): in a stale article, the prose lines
// of the current source file that no segment's source covers: what was added
// after the handoff and is missing from the translation. Lines are compared
// in the same normalised form as stale-segment, with block markers (#, -,
// 1., >, |) removed, against the article's segment sources in order.
#include <fmt/format.h>

#include <vector>

#include "engine/rule.h"
#include "stale_source.h"
#include "text/visible_text.h"
#include "untranslated_judge.h"

namespace tmlint {
namespace {

using namespace untranslated_detail;

// The line without its block markers: headings, list markers, quotes, and
// table pipes (segments are separated by them in the skeleton).
std::string line_form(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '>' || c == '#' || c == '-' || c == '*' || c == '+') {
      ++i;
    } else if (c >= '0' && c <= '9') {
      size_t j = i;
      while (j < line.size() && line[j] >= '0' && line[j] <= '9') ++j;
      if (j < line.size() && (line[j] == '.' || line[j] == ')')) i = j + 1;
      else break;
    } else {
      break;
    }
  }
  std::string out = match_form(visible_text(line.substr(i)));
  std::erase(out, '|');
  return out;
}

// Image alt text is translated in place, outside segments: drop images.
std::string without_images(std::string_view line) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '!' && i + 1 < line.size() && line[i + 1] == '[') {
      size_t mid = line.find("](", i);
      size_t end = mid == std::string_view::npos ? mid : line.find(')', mid);
      if (end != std::string_view::npos) {
        i = end + 1;
        continue;
      }
    }
    out.push_back(line[i++]);
  }
  return out;
}

void check(const ArticleContext& ctx) {
  const Article& a = ctx.article;
  auto bytes = stale_source(ctx);
  if (!bytes) return;  // fresh, or nothing to compare with
  const auto* hash = a.front("ms.openlocfilehash");

  std::string covered;
  for (const Segment& s : a.segments) {
    std::string f = match_form(visible_text(s.source.decoded()));
    std::erase(f, '|');
    covered += f;
  }
  // Walk the source body: skip front matter and fenced code.
  std::string_view src = *bytes;
  size_t pos = 0, line_no = 0;
  bool in_front = false, in_fence = false, in_pre = false;
  while (pos < src.size()) {
    size_t eol = src.find('\n', pos);
    if (eol == std::string_view::npos) eol = src.size();
    std::string_view line = src.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = eol + 1;
    ++line_no;
    if (line_no == 1 && line == "---") {
      in_front = true;
      continue;
    }
    if (in_front) {
      if (line == "---") in_front = false;
      continue;
    }
    std::string_view t = line;
    while (!t.empty() && (t.front() == ' ' || t.front() == '>')) t.remove_prefix(1);
    if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence || t.substr(0, 2) == "[!" || t.substr(0, 3) == ":::" || t.substr(0, 4) == "<!--") continue;
    // Verbatim English on purpose (error text in <pre>, possibly over
    // several lines), and indented code.
    if (in_pre) {
      if (line.find("</pre>") != std::string_view::npos) in_pre = false;
      continue;
    }
    if (line.find("<pre") != std::string_view::npos) {
      in_pre = line.find("</pre>") == std::string_view::npos;
      continue;
    }
    if (line.substr(0, 4) == "    " || (!line.empty() && line.front() == '\t')) continue;
    // A table row is checked cell by cell (each cell is its own segment):
    // split on the pipes outside inline code and escapes.
    std::vector<std::string_view> parts;
    size_t b = 0;
    bool in_code = false;
    for (size_t k = 0; k < t.size(); ++k) {
      if (t[k] == '`') in_code = !in_code;
      else if (t[k] == '\\') ++k;
      else if (t[k] == '|' && !in_code) {
        parts.push_back(t.substr(b, k - b));
        b = k + 1;
      }
    }
    parts.push_back(t.substr(std::min(b, t.size())));
    for (std::string_view raw_part : parts) {
      const std::string part = without_images(raw_part);
      std::string form = line_form(part);
      if (form.size() < 12 || covered.find(form) != std::string::npos) continue;
      std::string visible = visible_text(part);
      if (!judge_prose(visible, 5).prose) continue;
      ctx.report(hash->value_location,
                 fmt::format("the source has new text that no segment covers, at {}:{}: \"{}\"", a.rel_path,
                             line_no, excerpt(visible)));
    }
  }
}

TMLINT_RULE({.info = {.id = "new-source-content",
                      .category = "metadata",
                      .default_severity = Severity::Info,
                      .summary = "In a stale article, source prose that no segment covers (added after the handoff)"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
