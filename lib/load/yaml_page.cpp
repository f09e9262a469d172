#include "load/yaml_page.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "load/front_matter.h"

namespace tmlint {
namespace {

void add_issue(Article& a, uint32_t offset, std::string message) {
  a.issues.push_back(LoadIssue{LoadIssueKind::Parse, a.locate(offset), std::move(message), {}});
}

// The bytes of a scalar in the file: it starts at its mark (after a quote
// when quoted). Links keep views into the article's bytes, so a value that
// is not written verbatim (escapes, folded lines) is not taken.
void add_href(Article& a, const YAML::Node& value) {
  const YAML::Mark m = value.Mark();
  if (m.line < 0 || static_cast<uint32_t>(m.line) >= a.lines.line_count()) return;
  const std::string& v = value.Scalar();
  if (v.empty()) return;
  // yaml-cpp counts columns in characters; the line prefix of an href is
  // ASCII in every real TOC, and the equality check below guards the rest.
  size_t at = a.lines.line_start(static_cast<uint32_t>(m.line) + 1) + static_cast<size_t>(std::max(0, m.column));
  if (at >= a.text.size()) return;
  if (a.text[at] == '"' || a.text[at] == '\'') ++at;
  if (a.text.compare(at, v.size(), v) != 0) return;
  Link l;
  l.kind = LinkKind::Inline;
  l.place = LinkPlace::Skeleton;
  l.target = a.text.substr(at, v.size());
  l.location = a.locate(static_cast<uint32_t>(at));
  a.links.push_back(l);
}

// `budget`: nodes left to visit. Without aliases a page has fewer nodes than
// bytes; with them (a "billion laughs" alias bomb) the tree it describes can
// be exponentially bigger than the file, so the walk stops when the budget
// is spent.
void walk(Article& a, const YAML::Node& node, int depth, size_t& budget) {
  if (depth > 64 || budget == 0) return;
  --budget;
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (budget == 0) return;
      if (kv.first.IsScalar() && kv.second.IsScalar()) {
        const std::string& key = kv.first.Scalar();
        if (key == "href" || key == "topicHref" || key == "tocHref") add_href(a, kv.second);
      } else {
        walk(a, kv.second, depth + 1, budget);
      }
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (budget == 0) return;
      walk(a, item, depth + 1, budget);
    }
  }
}

}  // namespace

void load_yaml_page(Article& a, const LoadLimits& limits) {
  std::string_view text = a.text;
  // A table of contents is bigger than front matter: allow 64 times as much.
  if (text.size() > limits.max_front_matter_bytes * 64) {
    add_issue(a, 0, fmt::format("YAML page is {} bytes, over the limit; it is not parsed", text.size()));
    return;
  }
  if (int depth = yaml_nesting_depth(text); depth > limits.max_front_matter_depth * 2) {
    add_issue(a, 0, fmt::format("YAML page is nested {} levels deep; it is not parsed", depth));
    return;
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    size_t budget = text.size() + 64;
    walk(a, root, 0, budget);
    if (budget == 0)
      add_issue(a, 0, "YAML page describes more nodes than it has bytes (aliases repeating aliases); "
                      "the rest of it is not read");
  } catch (const YAML::Exception& ex) {
    uint32_t line = static_cast<uint32_t>(std::max(0, ex.mark.line)) + 1;
    if (line > a.lines.line_count()) line = a.lines.line_count();
    add_issue(a, a.lines.line_start(line) + static_cast<uint32_t>(std::max(0, ex.mark.column)),
              fmt::format("YAML page is not valid YAML: {}", ex.msg));
  }
}

}  // namespace tmlint
