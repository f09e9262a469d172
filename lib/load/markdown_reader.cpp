// The plain Markdown reader: cmark-gfm for the block structure (its source
// positions give every block's lines and every table cell's columns, which
// md4c does not report), then the Docs extensions on the lines cmark hands
// back as paragraph text.
#include "load/markdown_reader.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <string>

namespace tmlint {
namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

class Reader {
 public:
  Reader(std::string_view text, uint32_t body) : text_(text), body_(body) {
    starts_.push_back(body);
    for (uint32_t i = body; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }

  MdDocument run() {
    MdDocument doc;
    static std::once_flag registered;
    std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    if (!parser) return doc;
    if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
      cmark_parser_attach_syntax_extension(parser.get(), table);
    std::string_view body = text_.substr(std::min<size_t>(body_, text_.size()));
    cmark_parser_feed(parser.get(), body.data(), body.size());
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
    if (!root) return doc;
    walk(root.get(), doc);
    return doc;
  }

 private:
  std::string_view text_;
  uint32_t body_;
  std::vector<uint32_t> starts_;  // offsets of the body's lines (cmark line 1 = starts_[0])
  uint32_t tables_ = 0;

  // [begin, end) of cmark line `line` (1-based), without its line break.
  MdLine line_range(int line) const {
    if (line < 1 || static_cast<size_t>(line) > starts_.size()) return {static_cast<uint32_t>(text_.size()),
                                                                        static_cast<uint32_t>(text_.size())};
    uint32_t b = starts_[line - 1];
    uint32_t e = static_cast<size_t>(line) < starts_.size() ? starts_[line] - 1 : static_cast<uint32_t>(text_.size());
    if (e > b && text_[e - 1] == '\r') --e;
    return {b, e};
  }

  // Offset of a 1-based byte column on a line, clamped to the line.
  uint32_t at(int line, int column) const {
    MdLine r = line_range(line);
    if (column < 1) column = 1;
    return std::min<uint32_t>(r.begin + static_cast<uint32_t>(column - 1), r.end);
  }

  MdLine trimmed(uint32_t b, uint32_t e) const {
    while (b < e && is_space(text_[b])) ++b;
    while (e > b && (is_space(text_[e - 1]) || text_[e - 1] == '\r')) --e;
    return {b, e};
  }

  // A continuation line of a block: after up to `quotes` '>' markers and the
  // indentation (lazy lines have neither).
  uint32_t content_start(MdLine r, int quotes) const {
    uint32_t i = r.begin;
    for (int q = 0; q < quotes; ++q) {
      uint32_t j = i;
      while (j < r.end && is_space(text_[j]) && j - i < 3) ++j;
      if (j < r.end && text_[j] == '>') {
        i = j + 1;
        if (i < r.end && text_[i] == ' ') ++i;
      } else {
        break;
      }
    }
    while (i < r.end && is_space(text_[i])) ++i;
    return i;
  }

  struct Context {
    uint8_t lists = 0, quotes = 0;
    std::string_view alert;
  };

  // Iterative (cmark's iterator, a stack of contexts): 100,000 nested
  // '>' must not overflow the call stack.
  void walk(cmark_node* root, MdDocument& doc) {
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
    std::vector<Context> stack(1);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      cmark_node_type type = cmark_node_get_type(n);
      const bool container = type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST;
      if (ev == CMARK_EVENT_EXIT) {
        if (container && stack.size() > 1) stack.pop_back();
        continue;
      }
      const Context& ctx = stack.back();
      bool leaf = true;
      switch (type) {
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_ITEM: leaf = false; break;
        case CMARK_NODE_BLOCK_QUOTE: {
          Context inner = ctx;
          if (inner.quotes < 255) ++inner.quotes;
          inner.alert = alert_of(n);
          if (inner.alert.empty()) inner.alert = ctx.alert;
          stack.push_back(inner);
          leaf = false;
          break;
        }
        case CMARK_NODE_LIST: {
          Context inner = ctx;
          if (inner.lists < 255) ++inner.lists;
          stack.push_back(inner);
          leaf = false;
          break;
        }
        case CMARK_NODE_PARAGRAPH: paragraph(n, ctx, doc); break;
        case CMARK_NODE_HEADING: heading(n, ctx, doc); break;
        case CMARK_NODE_HTML_BLOCK: lines_block(n, ctx, MdBlockKind::HtmlBlock, doc); break;
        case CMARK_NODE_CODE_BLOCK: lines_block(n, ctx, MdBlockKind::CodeBlock, doc); break;
        default:
          if (std::string_view(cmark_node_get_type_string(n)) == "table") table(n, ctx, doc);
          break;
      }
      // A leaf's inlines (and a table's rows) are not walked.
      if (leaf && cmark_node_first_child(n)) cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
    }
  }

  MdBlock make(MdBlockKind kind, const Context& ctx) const {
    MdBlock b;
    b.kind = kind;
    b.list_depth = ctx.lists;
    b.quote_depth = ctx.quotes;
    b.alert = ctx.alert;
    return b;
  }

  // The lines a block covers, the first from its start column, the others
  // after their container prefixes.
  std::vector<MdLine> block_lines(cmark_node* n, const Context& ctx, bool trim) const {
    std::vector<MdLine> out;
    int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
    int end_col = cmark_node_get_end_column(n);
    if (last > first && end_col == 0) --last, end_col = -1;  // ends at the end of the line before
    for (int line = first; line <= last; ++line) {
      MdLine r = line_range(line);
      uint32_t b = line == first ? at(line, cmark_node_get_start_column(n)) : content_start(r, ctx.quotes);
      uint32_t e = r.end;
      if (line == last && end_col > 0) e = std::max(b, std::min(r.end, at(line, end_col) + 1));
      out.push_back(trim ? trimmed(b, e) : MdLine{b, e});
    }
    return out;
  }

  // `[!NOTE]`-like first line of a blockquote: the alert's word.
  std::string_view alert_of(cmark_node* quote) const {
    cmark_node* p = cmark_node_first_child(quote);
    if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) return {};
    MdLine r = line_range(cmark_node_get_start_line(p));
    MdLine t = trimmed(at(cmark_node_get_start_line(p), cmark_node_get_start_column(p)), r.end);
    std::string_view s = text_.substr(t.begin, t.end - t.begin);
    if (s.size() < 4 || s.substr(0, 2) != "[!" || s.back() != ']') return {};
    size_t e = 2;
    while (e < s.size() && ((s[e] >= 'A' && s[e] <= 'Z') || (s[e] >= 'a' && s[e] <= 'z'))) ++e;
    return e > 2 ? s.substr(2, e - 2) : std::string_view{};
  }

  // Lines that are Docs markup, not text: `[!NOTE]`, `[!INCLUDE[..](..)]`,
  // `[!div ...]`, `[!VIDEO ...]`, `:::image ...:::`, `::: zone ...`.
  // Returns where the text of the line starts (an include may share its
  // line with text), or `end` when the whole line is markup.
  uint32_t after_directive(MdLine r) const {
    std::string_view s = text_.substr(r.begin, r.end - r.begin);
    if (s.substr(0, 3) == ":::") return r.end;
    // "[!NOTE]", "[!INCLUDE[...]]": a letter after "[!" ("[![alt](img)](url)" is a linked image).
    if (s.size() < 3 || s.substr(0, 2) != "[!" || !((s[2] >= 'A' && s[2] <= 'Z') || (s[2] >= 'a' && s[2] <= 'z')))
      return r.begin;
    // The directive ends at its matching ']'.
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\') {
        ++i;
        continue;
      }
      if (s[i] == '[') ++depth;
      else if (s[i] == ']' && --depth == 0) {
        size_t j = i + 1;
        while (j < s.size() && is_space(s[j])) ++j;
        return r.begin + static_cast<uint32_t>(j);
      }
    }
    return r.end;  // unclosed: markup all the same
  }

  void paragraph(cmark_node* n, const Context& ctx, MdDocument& doc) {
    MdBlock b = make(MdBlockKind::Paragraph, ctx);
    for (MdLine r : block_lines(n, ctx, true)) {
      r.begin = after_directive(r);
      if (r.begin < r.end) b.lines.push_back(r);
    }
    if (!b.lines.empty()) doc.blocks.push_back(std::move(b));
  }

  void heading(cmark_node* n, const Context& ctx, MdDocument& doc) {
    MdBlock b = make(MdBlockKind::Heading, ctx);
    b.heading_level = static_cast<uint8_t>(cmark_node_get_heading_level(n));
    std::vector<MdLine> lines = block_lines(n, ctx, true);
    if (lines.empty()) return;
    std::string_view first = text_.substr(lines[0].begin, lines[0].end - lines[0].begin);
    if (!first.empty() && first[0] == '#') {
      // ATX: the text after the opening #s, without the closing sequence.
      MdLine r = lines[0];
      uint32_t i = r.begin;
      while (i < r.end && text_[i] == '#') ++i;
      uint32_t e = r.end;
      uint32_t k = e;
      while (k > i && text_[k - 1] == '#') --k;
      if (k == i || (k > i && is_space(text_[k - 1]))) e = k;
      r = trimmed(i, e);
      r.begin = after_anchors(r);
      if (r.begin < r.end) b.lines.push_back(r);
    } else {
      lines.pop_back();  // setext: the underline
      for (MdLine r : lines)
        if (r.begin < r.end) b.lines.push_back(r);
      if (!b.lines.empty()) b.lines[0].begin = after_anchors(b.lines[0]);
    }
    if (!b.lines.empty()) doc.blocks.push_back(std::move(b));
  }

  // Heading text after leading `<a name="..."></a>` / `<a id=..></a>` /
  // `<a href="" id=".."></a>` anchors.
  uint32_t after_anchors(MdLine r) const {
    uint32_t i = r.begin;
    for (;;) {
      while (i < r.end && is_space(text_[i])) ++i;
      std::string_view s = text_.substr(i, r.end - i);
      if (s.substr(0, 4) == "</a>") {  // after a self-closed <a id="14"/>
        i += 4;
        continue;
      }
      if (s.size() < 3 || s[0] != '<' || (s[1] != 'a' && s[1] != 'A') || !is_space(s[2])) return i;
      size_t gt = s.find('>');
      if (gt == std::string_view::npos) return i;
      size_t j = gt + 1;
      if (s[gt - 1] != '/') {
        size_t close = s.find("</a>", j);
        if (close == std::string_view::npos) return i;
        // Only an empty anchor: text inside is a link, which is content.
        if (s.substr(j, close - j).find_first_not_of(" \t") != std::string_view::npos) return i;
        j = close + 4;
      }
      i += static_cast<uint32_t>(j);
    }
  }

  void lines_block(cmark_node* n, const Context& ctx, MdBlockKind kind, MdDocument& doc) {
    MdBlock b = make(kind, ctx);
    b.lines = block_lines(n, ctx, kind == MdBlockKind::HtmlBlock);
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    if (kind == MdBlockKind::CodeBlock && cmark_node_get_fenced(n, &fence_length, &fence_offset, &fence_char)) {
      // Fences: the content lines only (the info string is no anchor).
      if (b.lines.size() >= 2) b.lines.erase(b.lines.begin());
      if (b.lines.size() >= 2) b.lines.pop_back();
    }
    std::vector<MdLine> kept;
    for (const MdLine& l : b.lines)
      if (l.begin < l.end) kept.push_back(l);
    if (kept.empty()) return;
    b.lines = std::move(kept);
    doc.blocks.push_back(std::move(b));
  }

  // A GFM table: one block per non-empty cell. The cells are cut from
  // each row's line at its unescaped pipes, as GFM does (cmark-gfm's cell
  // columns are off by one on rows without a leading pipe).
  void table(cmark_node* n, const Context& ctx, MdDocument& doc) {
    uint32_t id = ++tables_;
    uint16_t row = 0;
    for (cmark_node* r = cmark_node_first_child(n); r; r = cmark_node_next(r), ++row) {
      bool header = std::string_view(cmark_node_get_type_string(r)) == "table_header";
      int line = cmark_node_get_start_line(r);
      if (line < 1) continue;
      MdLine range = line_range(line);
      MdLine t = trimmed(std::max(range.begin, content_start(range, ctx.quotes)), range.end);
      uint32_t b = t.begin, e = t.end;
      if (b < e && text_[b] == '|') ++b;
      if (e > b && text_[e - 1] == '|' && (e - b < 2 || text_[e - 2] != '\\')) --e;
      uint16_t column = 0;
      uint32_t cell = b;
      for (uint32_t i = b; i <= e; ++i) {
        if (i < e && text_[i] == '\\') {
          ++i;
          continue;
        }
        if (i < e && text_[i] != '|') continue;
        MdLine c = trimmed(cell, i);
        if (c.begin < c.end) {
          MdBlock block = make(MdBlockKind::TableCell, ctx);
          block.header_cell = header;
          block.row = row;
          block.column = column;
          block.table = id;
          block.lines.push_back(c);
          doc.blocks.push_back(std::move(block));
        }
        ++column;
        cell = i + 1;
      }
    }
  }
};

}  // namespace

MdDocument read_markdown(std::string_view text, uint32_t body_offset) {
  if (body_offset > text.size()) body_offset = static_cast<uint32_t>(text.size());
  return Reader(text, body_offset).run();
}

std::string_view block_text(std::string_view file, const MdBlock& block, std::string& storage) {
  if (block.lines.size() == 1) return file.substr(block.lines[0].begin, block.lines[0].end - block.lines[0].begin);
  storage.clear();
  for (size_t i = 0; i < block.lines.size(); ++i) {
    if (i) storage.push_back('\n');
    storage.append(file.substr(block.lines[i].begin, block.lines[i].end - block.lines[i].begin));
  }
  return storage;
}

}  // namespace tmlint
