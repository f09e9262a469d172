#include "tm/inline_tags.h"

#include <string>

#include "text/inline_lexer.h"

namespace tmlint {
namespace {

std::string_view emphasis_type(std::string_view run) {
  if (run == "~~") return "x-strike";
  if (run.size() == 2) return "bold";
  if (run.size() == 1) return "italic";
  return "x-emphasis";
}

bool is_code(const InlinePiece& p) { return p.kind != InlinePiece::Text && p.kind != InlinePiece::End; }

}  // namespace

std::vector<InlinePiece> protect_inline(std::string_view fragment) {
  std::vector<InlinePiece> out;
  // Open codes waiting for their end: index into `out` and what closes it.
  struct Open {
    size_t piece;
    InlineKind kind;
    std::string_view key;  // tag name or emphasis run
  };
  std::vector<Open> open;
  int next_i = 0;

  auto text = [&](std::string_view t) {
    // Adjacent text merges: `t` continues the previous piece's bytes.
    if (!out.empty() && out.back().kind == InlinePiece::Text &&
        out.back().text.data() + out.back().text.size() == t.data())
      out.back().text = std::string_view(out.back().text.data(), out.back().text.size() + t.size());
    else
      out.push_back({InlinePiece::Text, t, 0, 0, {}});
  };
  auto begin = [&](const InlineToken& t, std::string_view type, std::string_view key) {
    open.push_back({out.size(), t.kind, key});
    out.push_back({InlinePiece::Begin, t.text, 0, 0, type});
  };
  // Closes the innermost open code of `kind` and `key`; the codes opened
  // inside it and never closed become isolated. False when none is open.
  auto close = [&](const InlineToken& t, InlineKind kind, std::string_view key) {
    for (size_t k = open.size(); k-- > 0;) {
      if (open[k].kind != kind || open[k].key != key) continue;
      for (size_t j = k + 1; j < open.size(); ++j) out[open[j].piece].kind = InlinePiece::IsolatedBegin;
      InlinePiece& b = out[open[k].piece];
      b.i = ++next_i;
      out.push_back({InlinePiece::End, t.text, b.i, 0, b.type});
      open.resize(k);
      return true;
    }
    return false;
  };

  for (const InlineToken& t : tokenize_inline(fragment)) {
    switch (t.kind) {
      case InlineKind::Text:
      case InlineKind::Escape:
      case InlineKind::Entity: text(t.text); break;
      case InlineKind::Code: out.push_back({InlinePiece::Placeholder, t.text, 0, 0, "x-code"}); break;
      case InlineKind::Autolink: out.push_back({InlinePiece::Placeholder, t.text, 0, 0, "link"}); break;
      case InlineKind::HtmlSelfClosing: out.push_back({InlinePiece::Placeholder, t.text, 0, 0, "x-html"}); break;
      case InlineKind::HtmlComment: out.push_back({InlinePiece::Placeholder, t.text, 0, 0, "x-comment"}); break;
      case InlineKind::Placeholder: out.push_back({InlinePiece::Placeholder, t.text, 0, 0, "x-placeholder"}); break;
      case InlineKind::LinkOpen: begin(t, t.text.starts_with("!") ? "image" : "link", {}); break;
      case InlineKind::LinkClose:
        if (!close(t, InlineKind::LinkOpen, {})) out.push_back({InlinePiece::IsolatedEnd, t.text, 0, 0, "link"});
        break;
      case InlineKind::HtmlOpen: begin(t, "x-html", t.detail); break;
      case InlineKind::HtmlClose:
        if (!close(t, InlineKind::HtmlOpen, t.detail)) out.push_back({InlinePiece::IsolatedEnd, t.text, 0, 0, "x-html"});
        break;
      case InlineKind::Emphasis: {
        bool left = t.flags & InlineToken::kLeftFlanking, right = t.flags & InlineToken::kRightFlanking;
        // A closer closes the innermost identical run; a run that can open
        // (or can do neither: MT damage such as "** x **") opens.
        if (right && close(t, InlineKind::Emphasis, t.text)) break;
        if (left || !right) begin(t, emphasis_type(t.text), t.text);
        else out.push_back({InlinePiece::IsolatedEnd, t.text, 0, 0, emphasis_type(t.text)});
        break;
      }
    }
  }
  for (const Open& o : open) out[o.piece].kind = InlinePiece::IsolatedBegin;
  int x = 0;
  for (InlinePiece& p : out)
    if (is_code(p)) p.x = ++x;
  return out;
}

InlineSides protect_inline_pair(std::string_view source, std::string_view target) {
  InlineSides sides{protect_inline(source), protect_inline(target)};
  int next_x = 0;
  for (const InlinePiece& p : sides.source) next_x = std::max(next_x, p.x);
  std::vector<bool> used(sides.source.size(), false);
  for (InlinePiece& t : sides.target) {
    if (!is_code(t)) continue;
    t.x = 0;
    for (size_t k = 0; k < sides.source.size(); ++k) {
      const InlinePiece& s = sides.source[k];
      if (used[k] || !is_code(s) || s.kind != t.kind || s.text != t.text) continue;
      used[k] = true;
      t.x = s.x;
      break;
    }
    if (!t.x) t.x = ++next_x;
  }
  return sides;
}

}  // namespace tmlint
