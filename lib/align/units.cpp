#include "align/units.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "load/entities.h"
#include "model/line_index.h"
#include "text/inline_lexer.h"

namespace tmlint {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

uint32_t fnv(std::string_view s, uint32_t h = 2166136261u) {
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

// Block-level HTML elements: text on either side of one of their tags is
// another unit.
bool block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 30> kBlock = {
      "p",  "div", "td",    "th",    "tr",    "table",      "thead", "tbody", "tfoot", "li",
      "ul", "ol",  "dl",    "dt",    "dd",    "br",         "h1",    "h2",    "h3",    "h4",
      "h5", "h6",  "pre",   "hr",    "caption", "blockquote", "section", "center", "details", "summary"};
  std::string l = lower(name);
  return std::find(kBlock.begin(), kBlock.end(), l) != kBlock.end();
}

bool is_br(const InlineToken& t) {
  return (t.kind == InlineKind::HtmlSelfClosing || t.kind == InlineKind::HtmlOpen || t.kind == InlineKind::HtmlClose) &&
         lower(t.detail) == "br";
}

// The tag name of an HtmlSelfClosing token ("<img src=..>" -> "img").
std::string self_closing_name(std::string_view text) {
  size_t i = 1;
  while (i < text.size() && text[i] == '/') ++i;
  size_t b = i;
  while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
                             (text[i] >= '0' && text[i] <= '9')))
    ++i;
  return lower(text.substr(b, i - b));
}

// Index of the LinkClose matching the LinkOpen at tokens[k], or npos.
size_t matching_close(const std::vector<InlineToken>& tokens, size_t k) {
  int depth = 0;
  for (size_t j = k; j < tokens.size(); ++j) {
    if (tokens[j].kind == InlineKind::LinkOpen) ++depth;
    else if (tokens[j].kind == InlineKind::LinkClose && --depth == 0) return j;
  }
  return std::string_view::npos;
}

bool empty_anchor_at(std::string_view s, size_t& len) {
  // <a name="x"></a>, <a id="x"></a>, <a href="" id="x"></a>
  if (s.size() < 7 || s[0] != '<' || (s[1] != 'a' && s[1] != 'A') || !is_space(s[2])) return false;
  size_t gt = s.find('>');
  if (gt == std::string_view::npos) return false;
  if (s[gt - 1] == '/') {
    len = gt + 1;
    return true;
  }
  size_t j = gt + 1;
  while (j < s.size() && is_space(s[j])) ++j;
  if (s.compare(j, 4, "</a>") != 0) return false;
  len = j + 4;
  return true;
}

// Decodes one UTF-8 code point at s[i] (invalid bytes: themselves).
uint32_t decode(std::string_view s, size_t i, size_t& len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return len = 1, c;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > s.size() || n == 1) return len = 1, c;
  uint32_t cp = c & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  len = n;
  return cp;
}

bool letter_or_digit(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp <= 0xBF) return false;                     // Latin-1 punctuation and symbols
  if (cp >= 0x2600 && cp <= 0x27BF) return true;    // symbols and dingbats (✔ in a cell is a segment)
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, arrows, technical symbols, boxes
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFF01 && cp <= 0xFF0F) return false;   // full-width punctuation
  if (cp >= 0xFE00 && cp <= 0xFE6F) return false;
  return true;
}

bool has_letter_or_digit(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len;
    uint32_t cp = decode(s, i, len);
    if (letter_or_digit(cp)) return true;
    i += len;
  }
  return false;
}

}  // namespace

uint32_t BlockText::to_file(uint32_t at) const {
  size_t line = std::upper_bound(line_starts.begin(), line_starts.end(), at) - line_starts.begin() - 1;
  return block->lines[line].begin + (at - line_starts[line]);
}

bool BlockText::one_line(TextRange r) const {
  if (r.end <= r.begin) return true;
  auto line_of = [&](uint32_t at) {
    return std::upper_bound(line_starts.begin(), line_starts.end(), at) - line_starts.begin() - 1;
  };
  return line_of(r.begin) == line_of(r.end - 1);
}

void make_block_text(std::string_view file, const MdBlock& block, BlockText& out) {
  out.block = &block;
  out.line_starts.clear();
  uint32_t at = 0;
  for (const MdLine& l : block.lines) {
    out.line_starts.push_back(at);
    at += l.end - l.begin + 1;
  }
  out.text = block_text(file, block, out.storage);
}

TextRange trim_unit(std::string_view text, TextRange r) {
  for (int guard = 0; guard < 64; ++guard) {
    while (r.begin < r.end && is_space(text[r.begin])) ++r.begin;
    while (r.end > r.begin && is_space(text[r.end - 1])) --r.end;
    if (r.begin >= r.end) return r;
    std::string_view s = text.substr(r.begin, r.end - r.begin);
    size_t len = 0;
    if (s.substr(0, 4) == "</a>") len = 4;  // after a self-closed <a id="14"/>
    if (len || empty_anchor_at(s, len)) {
      r.begin += static_cast<uint32_t>(len);
      continue;
    }
    std::vector<InlineToken> tokens = tokenize_inline(s);
    if (tokens.empty()) return r;
    const InlineToken& first = tokens.front();
    if (first.kind == InlineKind::HtmlSelfClosing || first.kind == InlineKind::HtmlComment || is_br(first)) {
      r.begin += static_cast<uint32_t>(first.text.size());
      continue;
    }
    if (first.kind == InlineKind::LinkOpen && first.text == "![") {
      size_t close = matching_close(tokens, 0);
      if (close != std::string_view::npos) {
        r.begin += static_cast<uint32_t>(tokens[close].offset + tokens[close].text.size());
        continue;
      }
    }
    const InlineToken& last = tokens.back();
    if (last.kind == InlineKind::HtmlSelfClosing || last.kind == InlineKind::HtmlComment || is_br(last)) {
      r.end -= static_cast<uint32_t>(last.text.size());
      continue;
    }
    return r;
  }
  return r;
}

TextRange unwrap_link(std::string_view text, TextRange r, std::string_view* url) {
  if (url) *url = {};
  std::string_view s = text.substr(r.begin, r.end - r.begin);
  if (s.size() < 4 || s[0] != '[') return r;
  std::vector<InlineToken> tokens = tokenize_inline(s);
  if (tokens.empty() || tokens[0].kind != InlineKind::LinkOpen || tokens[0].text != "[") return r;
  size_t close = matching_close(tokens, 0);
  if (close != tokens.size() - 1) return r;
  const InlineToken& c = tokens[close];
  // A reference link [text][ref] wraps as well; its "URL" is the label.
  if (url) *url = c.detail;
  TextRange inner{r.begin + static_cast<uint32_t>(tokens[0].text.size()), r.begin + c.offset};
  return inner;
}

bool translatable(std::string_view fragment) {
  if (!has_letter_or_digit(fragment)) return false;
  std::vector<InlineToken> tokens = tokenize_inline(fragment);
  for (size_t k = 0; k < tokens.size(); ++k) {
    const InlineToken& t = tokens[k];
    switch (t.kind) {
      case InlineKind::Text: {
        // :::no-loc text="..."::: is a name kept as it is, not text.
        std::string rest;
        std::string_view s = t.text;
        for (size_t d = s.find(":::"); d != std::string_view::npos; d = s.find(":::")) {
          size_t e = s.find(":::", d + 3);
          if (e == std::string_view::npos) break;
          rest.append(s.substr(0, d));
          s = s.substr(e + 3);
        }
        rest.append(s);
        if (has_letter_or_digit(rest)) return true;
        break;
      }
      case InlineKind::Escape:
        break;
      case InlineKind::Entity: {
        // &#10004; is text; &nbsp; and &amp; are not.
        std::string decoded;
        if (decode_one_entity(t.text, decoded) && has_letter_or_digit(decoded)) return true;
        break;
      }
      case InlineKind::LinkOpen:
        if (t.text == "![") {
          size_t close = matching_close(tokens, k);
          if (close != std::string_view::npos) k = close;
        }
        break;
      default: break;
    }
  }
  return false;
}

std::vector<TextRange> block_pieces(const BlockText& bt) {
  std::vector<TextRange> out;
  if (bt.block->kind == MdBlockKind::CodeBlock) return out;
  std::string_view text = bt.text;
  std::vector<InlineToken> tokens = tokenize_inline(text);
  const bool html = bt.block->kind == MdBlockKind::HtmlBlock;
  uint32_t start = 0;
  bool in_pre = false;
  // Pieces with nothing to translate are kept when other text is in the
  // block: a cell the translation turned into "/" still pairs with "In".
  auto emit = [&](uint32_t b, uint32_t e) {
    if (in_pre) return;
    TextRange r = trim_unit(text, TextRange{b, e});
    if (r.begin < r.end) out.push_back(r);
  };
  for (const InlineToken& t : tokens) {
    // Block tags cut everywhere (a cell's "<br/><ul><li>" items are pairs
    // of their own); comments only in HTML blocks.
    bool cut = is_br(t);
    if ((t.kind == InlineKind::HtmlOpen || t.kind == InlineKind::HtmlClose) && block_tag(t.detail)) cut = true;
    if (t.kind == InlineKind::HtmlSelfClosing && block_tag(self_closing_name(t.text))) cut = true;
    if (html && t.kind == InlineKind::HtmlComment) cut = true;
    if (!cut) continue;
    emit(start, t.offset);
    start = t.offset + static_cast<uint32_t>(t.text.size());
    if (html && (t.kind == InlineKind::HtmlOpen || t.kind == InlineKind::HtmlClose) && lower(t.detail) == "pre")
      in_pre = t.kind == InlineKind::HtmlOpen;
  }
  emit(start, static_cast<uint32_t>(text.size()));
  return out;
}

std::vector<uint32_t> FragmentProfile::invariants_in(uint32_t b, uint32_t e) const {
  std::vector<uint32_t> out;
  auto it = std::lower_bound(invariants.begin(), invariants.end(), std::make_pair(b, 0u));
  for (; it != invariants.end() && it->first < e; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

void add_invariants(std::string_view s, std::vector<uint32_t>& out, uint32_t& length) {
  std::vector<InlineToken> tokens = tokenize_inline(s);
  for (const InlineToken& t : tokens) {
    switch (t.kind) {
      case InlineKind::LinkClose:
      case InlineKind::Autolink:
        if (!t.detail.empty()) out.push_back(fnv(t.detail, fnv("u")));
        continue;  // not counted in the length
      case InlineKind::Code:
        out.push_back(fnv(t.detail, fnv("c")));
        break;
      case InlineKind::Text: {
        std::string_view x = t.text;
        for (size_t i = 0; i < x.size();) {
          unsigned char c = static_cast<unsigned char>(x[i]);
          if (c < 0x80 && (std::isalnum(c) != 0)) {
            size_t j = i;
            bool digit = false, upper_inside = false, alpha = false;
            while (j < x.size() && (std::isalnum(static_cast<unsigned char>(x[j])) || x[j] == '.' || x[j] == '_' ||
                                    x[j] == '-')) {
              unsigned char d = static_cast<unsigned char>(x[j]);
              digit |= d >= '0' && d <= '9';
              alpha |= std::isalpha(d) != 0;
              if (j > i && d >= 'A' && d <= 'Z') upper_inside = true;
              ++j;
            }
            size_t e = j;
            while (e > i && (x[e - 1] == '.' || x[e - 1] == '-' || x[e - 1] == '_')) --e;
            std::string_view w = x.substr(i, e - i);
            if (w.size() >= 2 || digit) {
              if (digit && !alpha) out.push_back(fnv(w, fnv("n")));
              else if (digit || upper_inside) out.push_back(fnv(w, fnv("w")));
            }
            i = j;
          } else {
            ++i;
          }
        }
        break;
      }
      default: break;
    }
    length += count_code_points(t.text);
  }
}

}  // namespace

FragmentProfile profile_fragment(std::string_view s) {
  FragmentProfile f;
  const size_t n = s.size();
  // Per byte first (at i + 1), prefix sums at the end: two arrays in all.
  f.length.assign(n + 1, 0);
  f.letters.assign(n + 1, 0);
  uint32_t* counted = f.length.data() + 1;
  uint32_t* letter = f.letters.data() + 1;
  std::vector<InlineToken> tokens = tokenize_inline(s);
  size_t image_close = std::string_view::npos;  // inside an image until this token
  for (size_t k = 0; k < tokens.size(); ++k) {
    const InlineToken& t = tokens[k];
    const size_t b = t.offset, e = t.offset + t.text.size();
    if (k == image_close) image_close = std::string_view::npos;
    const bool in_image = image_close != std::string_view::npos;
    if (t.kind == InlineKind::LinkOpen && t.text == "![" && !in_image) image_close = matching_close(tokens, k);
    if (t.kind == InlineKind::LinkClose || t.kind == InlineKind::Autolink) {
      if (!t.detail.empty()) f.invariants.emplace_back(static_cast<uint32_t>(b), fnv(t.detail, fnv("u")));
      continue;  // not counted in the length
    }
    for (size_t i = b; i < e && i < n; ++i) counted[i] = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (t.kind == InlineKind::Code) {
      f.invariants.emplace_back(static_cast<uint32_t>(b), fnv(t.detail, fnv("c")));
      continue;
    }
    if (t.kind == InlineKind::Entity) {
      if (!in_image) {
        std::string decoded;
        if (decode_one_entity(t.text, decoded) && has_letter_or_digit(decoded)) letter[b] = 1;
      }
      continue;
    }
    if (t.kind != InlineKind::Text) continue;
    std::string_view x = t.text;
    // Letters (not in an image, not in :::no-loc:::).
    if (!in_image) {
      size_t skip_to = 0;
      for (size_t i = 0; i < x.size();) {
        if (i >= skip_to && x.compare(i, 3, ":::") == 0) {
          size_t close = x.find(":::", i + 3);
          if (close != std::string_view::npos) {
            skip_to = close + 3;
            i = skip_to;
            continue;
          }
        }
        size_t len;
        uint32_t cp = decode(x, i, len);
        if (letter_or_digit(cp)) letter[b + i] = 1;
        i += len;
      }
    }
    for (size_t i = 0; i < x.size();) {
      unsigned char c = static_cast<unsigned char>(x[i]);
      if (c < 0x80 && std::isalnum(c) != 0) {
        size_t j = i;
        bool digit = false, upper_inside = false, alpha = false;
        while (j < x.size() &&
               (std::isalnum(static_cast<unsigned char>(x[j])) || x[j] == '.' || x[j] == '_' || x[j] == '-')) {
          unsigned char d = static_cast<unsigned char>(x[j]);
          digit |= d >= '0' && d <= '9';
          alpha |= std::isalpha(d) != 0;
          if (j > i && d >= 'A' && d <= 'Z') upper_inside = true;
          ++j;
        }
        size_t e2 = j;
        while (e2 > i && (x[e2 - 1] == '.' || x[e2 - 1] == '-' || x[e2 - 1] == '_')) --e2;
        std::string_view w = x.substr(i, e2 - i);
        if (w.size() >= 2 || digit) {
          if (digit && !alpha) f.invariants.emplace_back(static_cast<uint32_t>(b + i), fnv(w, fnv("n")));
          else if (digit || upper_inside) f.invariants.emplace_back(static_cast<uint32_t>(b + i), fnv(w, fnv("w")));
        }
        i = j;
      } else {
        ++i;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    f.length[i + 1] += f.length[i];
    f.letters[i + 1] += f.letters[i];
  }
  return f;
}

uint32_t code_points_outside_urls(std::string_view fragment) {
  std::vector<uint32_t> ignored;
  uint32_t length = 0;
  add_invariants(fragment, ignored, length);
  return length;
}

std::vector<uint32_t> fragment_invariants(std::string_view fragment) {
  std::vector<uint32_t> out;
  uint32_t length = 0;
  add_invariants(fragment, out, length);
  std::sort(out.begin(), out.end());
  return out;
}

BlockFeatures block_features(const BlockText& bt, const std::vector<TextRange>& pieces,
                             const std::vector<FragmentProfile>& profiles) {
  BlockFeatures f;
  uint32_t h = 2166136261u;
  bool space = false;
  for (size_t k = 0; k < pieces.size(); ++k) {
    const TextRange& r = pieces[k];
    const FragmentProfile& prof = profiles[k];
    std::string_view s = bt.text.substr(r.begin, r.end - r.begin);
    f.length += prof.length.back();
    for (auto [off, hash] : prof.invariants) f.invariants.push_back(hash);
    f.text = f.text || prof.letters.back() > 0;
    for (char c : s) {
      if (is_space(c)) {
        space = true;
        continue;
      }
      if (space) h = (h ^ ' ') * 16777619u, space = false;
      h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    h = (h ^ '\n') * 16777619u;
  }
  if (bt.block->kind == MdBlockKind::CodeBlock) {
    for (char c : bt.text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    f.length = static_cast<uint32_t>(bt.text.size());
  }
  f.hash = h;
  std::sort(f.invariants.begin(), f.invariants.end());
  return f;
}

}  // namespace tmlint
