#include "load/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

namespace tmlint {
namespace {

// Returns the length of a `---`/`...` delimiter line starting at `pos` (with
// its line break), or 0 when the line is something else.
size_t delimiter_line(std::string_view text, size_t pos, bool allow_dots) {
  if (text.compare(pos, 3, "---") != 0 && !(allow_dots && text.compare(pos, 3, "...") == 0))
    return 0;
  size_t i = pos + 3;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i == text.size()) return i - pos;
  if (text[i] == '\n') return i + 1 - pos;
  if (text[i] == '\r') return (i + 1 < text.size() && text[i + 1] == '\n' ? i + 2 : i + 1) - pos;
  return 0;
}

void add_issue(Article& a, uint32_t offset, std::string message) {
  a.issues.push_back(LoadIssue{LoadIssueKind::Parse, a.locate(offset), std::move(message), {}});
}

std::string join_scalars(const YAML::Node& node) {
  std::string out;
  for (const auto& item : node) {
    if (!item.IsScalar()) continue;
    if (!out.empty()) out += ", ";
    out += item.Scalar();
  }
  return out;
}

bool plain_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '-';
}

// A scalar written the simple ways the pipeline writes them: plain, or
// quoted without escapes. Returns false for anything YAML could read
// differently (indicators, comments, nulls, booleans are fine as text).
bool simple_scalar(std::string_view v, std::string& out) {
  if (v.empty()) return false;
  char q = v.front();
  if (q == '"' || q == '\'') {
    if (v.size() < 2 || v.back() != q) return false;
    std::string_view inner = v.substr(1, v.size() - 2);
    if (inner.find(q) != std::string_view::npos || (q == '"' && inner.find('\\') != std::string_view::npos))
      return false;
    out.assign(inner);
    return true;
  }
  static constexpr std::string_view kIndicators = "[]{}>|*&!%@`#,?:-\"'";
  if (kIndicators.find(q) != std::string_view::npos) return false;
  if (v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos || v.back() == ':' ||
      v.find('\t') != std::string_view::npos)
    return false;
  if (v == "~" || v == "null" || v == "Null" || v == "NULL") return false;
  out.assign(v);
  return true;
}

// The front matter of nearly every real article is flat `key: scalar`
// lines and zero-indent `- item` lists. Reading those directly is several
// times faster than yaml-cpp and gives the same entries (a test checks this
// on the whole corpus); anything else goes to yaml-cpp.
bool load_simple(Article& a, std::string_view yaml, size_t open, std::vector<FrontMatterEntry>& out) {
  // A lone CR is a line break to YAML (found by fuzz_front_matter): leave
  // such text to yaml-cpp rather than split lines differently.
  for (size_t i = yaml.find('\r'); i != std::string_view::npos; i = yaml.find('\r', i + 1))
    if (i + 1 >= yaml.size() || yaml[i + 1] != '\n') return false;
  size_t pos = 0;
  FrontMatterEntry* list = nullptr;  // the key whose '- item' lines we are reading
  while (pos < yaml.size()) {
    size_t eol = yaml.find('\n', pos);
    if (eol == std::string_view::npos) eol = yaml.size();
    std::string_view line = yaml.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t line_offset = open + pos;
    pos = eol + 1;
    std::string_view trimmed = line;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    if (trimmed.empty() || trimmed.front() == '#') return false;  // keep the rare shapes exact: yaml-cpp
    if (trimmed.size() >= 2 && trimmed[0] == '-' && trimmed[1] == ' ') {
      if (!list) return false;
      std::string item;
      std::string_view v = trimmed.substr(2);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      if (!simple_scalar(v, item)) return false;
      if (list->kind == ValueKind::Null) {
        list->kind = ValueKind::Sequence;
        list->value_location = a.locate(static_cast<uint32_t>(line_offset));
      } else {
        list->value += ", ";
      }
      list->value += item;
      continue;
    }
    if (list && list->kind == ValueKind::Null) list = nullptr;
    size_t k = 0;
    while (k < trimmed.size() && plain_key_char(trimmed[k])) ++k;
    if (k == 0 || k >= trimmed.size() || trimmed[k] != ':' || (k + 1 < trimmed.size() && trimmed[k + 1] != ' '))
      return false;
    FrontMatterEntry e;
    e.key.assign(trimmed.substr(0, k));
    // A null key (found by fuzz_front_matter): yaml-cpp reads no key there.
    if (e.key == "~" || e.key == "null" || e.key == "Null" || e.key == "NULL") return false;
    for (const auto& prev : out)
      if (prev.key == e.key) return false;
    e.location = a.locate(static_cast<uint32_t>(line_offset));
    size_t vb = k + 1;
    while (vb < trimmed.size() && trimmed[vb] == ' ') ++vb;
    if (vb >= trimmed.size()) {
      // A list follows, or nothing (null). yaml-cpp marks a null value at
      // the end of the key's line; a list at its first '-'.
      e.kind = ValueKind::Null;
      e.value_location = a.locate(static_cast<uint32_t>(line_offset + trimmed.size()));
      out.push_back(std::move(e));
      list = &out.back();
      continue;
    }
    list = nullptr;
    if (!simple_scalar(trimmed.substr(vb), e.value)) return false;
    e.kind = ValueKind::Scalar;
    e.value_location = a.locate(static_cast<uint32_t>(line_offset + vb));
    out.push_back(std::move(e));
  }
  return true;
}

}  // namespace

int yaml_nesting_depth(std::string_view yaml) {
  int max_depth = 0;
  int flow = 0;
  std::vector<size_t> indents;  // indentation stack of block structure
  size_t pos = 0;
  while (pos < yaml.size()) {
    size_t eol = yaml.find('\n', pos);
    if (eol == std::string_view::npos) eol = yaml.size();
    std::string_view line = yaml.substr(pos, eol - pos);
    size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    bool content = indent < line.size() && line[indent] != '#' && line[indent] != '\r';
    if (content && flow == 0) {
      while (!indents.empty() && indents.back() >= indent) indents.pop_back();
      indents.push_back(indent);
      // "- - - x" nests one sequence per dash on a single line.
      int dashes = 0;
      size_t i = indent;
      while (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
        ++dashes;
        i += 2;
        while (i < line.size() && line[i] == ' ') ++i;
      }
      max_depth = std::max(max_depth, static_cast<int>(indents.size()) + dashes);
    }
    char quote = 0;
    for (char c : line) {
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') {
        // Quotes only open a string at the start of a scalar; inside plain
        // text (it's, don't) an apostrophe is literal. Flow context is where
        // brackets matter, so only track quotes there.
        if (flow > 0) quote = c;
      } else if (c == '[' || c == '{') {
        ++flow;
        max_depth = std::max(max_depth, static_cast<int>(indents.size()) + flow);
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      } else if (c == '#' && flow == 0) {
        break;
      }
    }
    pos = eol + 1;
  }
  return max_depth;
}

uint32_t load_front_matter(Article& a, const LoadLimits& limits) {
  std::string_view text = a.text;
  size_t open = delimiter_line(text, 0, false);
  if (open == 0 || open == 3) return 0;  // not front matter ("---" alone at EOF is a rule)

  // Find the closing delimiter at the start of a line.
  size_t close = std::string_view::npos, close_len = 0;
  for (size_t pos = open; pos < text.size();) {
    if (size_t len = delimiter_line(text, pos, true)) {
      close = pos;
      close_len = len;
      break;
    }
    size_t eol = text.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    if (text[eol] == '\r' && pos < text.size() && text[pos] == '\n') ++pos;
  }
  if (close == std::string_view::npos) {
    add_issue(a, 0, "front matter starts with '---' but is never closed; the file is read as Markdown");
    return 0;
  }

  a.has_front_matter = true;
  uint32_t body = static_cast<uint32_t>(close + close_len);
  a.front_matter_end = a.locate(body);
  std::string_view yaml = text.substr(open, close - open);

  if (yaml.size() > limits.max_front_matter_bytes) {
    add_issue(a, 0, fmt::format("front matter is {} bytes, over the {}-byte limit; it is not parsed",
                                yaml.size(), limits.max_front_matter_bytes));
    return body;
  }
  if (int depth = yaml_nesting_depth(yaml); depth > limits.max_front_matter_depth) {
    add_issue(a, 0, fmt::format("front matter is nested {} levels deep, over the limit of {}; it is not parsed",
                                depth, limits.max_front_matter_depth));
    return body;
  }

  if (limits.yaml_fast_path) {
    std::vector<FrontMatterEntry> entries;
    entries.reserve(16);
    if (load_simple(a, yaml, open, entries)) {
      a.front_matter = std::move(entries);
      return body;
    }
  }
  uint32_t first_line = a.locate(static_cast<uint32_t>(open)).line;
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return body;
    if (!root.IsMap()) {
      add_issue(a, static_cast<uint32_t>(open), "front matter is not a YAML mapping of keys to values");
      return body;
    }
    for (const auto& kv : root) {
      FrontMatterEntry e;
      e.key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const YAML::Mark km = kv.first.Mark();
      const YAML::Mark vm = kv.second.Mark();
      auto to_loc = [&](const YAML::Mark& m) {
        if (m.line < 0) return a.locate(static_cast<uint32_t>(open));
        uint32_t line = first_line + static_cast<uint32_t>(m.line);
        if (line > a.lines.line_count()) line = a.lines.line_count();
        return a.locate(a.lines.line_start(line) + static_cast<uint32_t>(std::max(0, m.column)));
      };
      e.location = to_loc(km);
      e.value_location = to_loc(vm);
      const YAML::Node& v = kv.second;
      if (v.IsScalar()) {
        e.kind = ValueKind::Scalar;
        e.value = v.Scalar();
      } else if (v.IsSequence()) {
        e.kind = ValueKind::Sequence;
        e.value = join_scalars(v);
      } else if (v.IsMap()) {
        e.kind = ValueKind::Map;
      } else {
        e.kind = ValueKind::Null;
      }
      a.front_matter.push_back(std::move(e));
    }
  } catch (const YAML::Exception& ex) {
    uint32_t line = first_line + static_cast<uint32_t>(std::max(0, ex.mark.line));
    if (line > a.lines.line_count()) line = a.lines.line_count();
    uint32_t off = a.lines.line_start(line);
    Location loc = a.locate(off + static_cast<uint32_t>(std::max(0, ex.mark.column)));
    a.issues.push_back(LoadIssue{LoadIssueKind::Parse, loc,
                                 fmt::format("front matter is not valid YAML: {}", ex.msg), {}});
  }
  return body;
}

}  // namespace tmlint
