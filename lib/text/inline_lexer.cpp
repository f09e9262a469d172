#include "text/inline_lexer.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/byte_scan.h"
#include "load/entities.h"

namespace tmlint {
namespace {

constexpr size_t npos = std::string_view::npos;

// The bytes the lexer's main loop acts on; every other byte is plain text.
struct TokenStarts {
  bool at[256] = {};
  constexpr TokenStarts() {
    for (unsigned char c : {'`', '<', '\\', '*', '_', '~', '[', '!', '&'}) at[c] = true;
  }
};
constexpr TokenStarts kTokenStarts;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.'; }

// Whitespace before s[i] (false at the start: the fragment's edge counts as
// whitespace, so callers test "i == 0" themselves). U+00A0 and U+3000 count.
bool space_before(std::string_view s, size_t i) {
  if (i == 0) return true;
  if (is_space(s[i - 1])) return true;
  if (i >= 2 && s[i - 2] == '\xC2' && s[i - 1] == '\xA0') return true;
  if (i >= 3 && s.compare(i - 3, 3, "\xE3\x80\x80") == 0) return true;
  return false;
}
bool space_at(std::string_view s, size_t i) {
  if (i >= s.size()) return true;
  if (is_space(s[i])) return true;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return true;
  if (s.compare(i, 3, "\xE3\x80\x80") == 0) return true;
  return false;
}

// A backtick run at i: the index after its closing run of the same length,
// or npos when it is not closed.
size_t code_end(std::string_view s, size_t i, size_t& run) {
  run = 0;
  while (i + run < s.size() && s[i + run] == '`') ++run;
  for (size_t j = i + run; j < s.size();) {
    if (s[j] != '`') {
      ++j;
      continue;
    }
    size_t m = 0;
    while (j + m < s.size() && s[j + m] == '`') ++m;
    if (m == run) return j + m;
    j += m;
  }
  return npos;
}

// The ']' matching the '[' at i (escapes and code spans skipped), or npos.
size_t match_bracket(std::string_view s, size_t i) {
  int depth = 0;
  for (size_t j = i; j < s.size();) {
    char c = s[j];
    if (c == '\\') {
      j += 2;
      continue;
    }
    if (c == '`') {
      size_t run;
      size_t e = code_end(s, j, run);
      j = e == npos ? j + run : e;
      continue;
    }
    if (c == '[') ++depth;
    else if (c == ']' && --depth == 0) return j;
    ++j;
  }
  return npos;
}

// "(url "title")" at p == '(': the index after ')', the URL in `url`; npos
// when it is not a destination.
size_t parse_destination(std::string_view s, size_t p, std::string_view& url) {
  size_t j = p + 1;
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
  size_t b = j;
  if (j < s.size() && s[j] == '<') {
    size_t gt = s.find('>', j);
    if (gt == npos || s.substr(j, gt - j).find('\n') != npos) return npos;
    url = s.substr(j + 1, gt - j - 1);
    j = gt + 1;
  } else {
    int depth = 0;
    while (j < s.size() && !is_space(s[j])) {
      if (s[j] == '\\' && j + 1 < s.size()) {
        j += 2;
        continue;
      }
      if (s[j] == '(') ++depth;
      else if (s[j] == ')') {
        if (depth == 0) break;
        --depth;
      }
      ++j;
    }
    url = s.substr(b, j - b);
  }
  while (j < s.size() && is_space(s[j])) ++j;
  if (j < s.size() && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
    char close = s[j] == '(' ? ')' : s[j];
    size_t e = s.find(close, j + 1);
    if (e == npos) return npos;
    j = e + 1;
    while (j < s.size() && is_space(s[j])) ++j;
  }
  if (j < s.size() && s[j] == ')') return j + 1;
  return npos;
}

// "[ref]" at p == '[' after a link text: the index after ']', npos if not.
size_t parse_reference(std::string_view s, size_t p, std::string_view& ref) {
  for (size_t j = p + 1; j < s.size() && j < p + 1000; ++j) {
    if (s[j] == '[' || s[j] == '\n') return npos;
    if (s[j] == '\\') {
      ++j;
      continue;
    }
    if (s[j] == ']') {
      ref = s.substr(p + 1, j - p - 1);
      return j + 1;
    }
  }
  return npos;
}

bool is_void_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kVoid = {"area", "base", "br",    "col",   "embed",
                                                             "hr",   "img",  "input", "link",  "meta",
                                                             "param", "source", "track", "wbr"};
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
  return std::find(kVoid.begin(), kVoid.end(), lower) != kVoid.end();
}

struct Lexer {
  std::string_view s;
  std::vector<InlineToken> out;
  size_t text_begin = 0;
  struct Pending {
    size_t close, end;
    std::string_view detail;
  };
  std::vector<Pending> links;  // innermost last

  void flush(size_t i) {
    if (i > text_begin)
      out.push_back({InlineKind::Text, s.substr(text_begin, i - text_begin), {}, static_cast<uint32_t>(text_begin), 0});
  }
  size_t emit(InlineKind kind, size_t b, size_t e, std::string_view detail = {}, uint8_t flags = 0) {
    flush(b);
    out.push_back({kind, s.substr(b, e - b), detail, static_cast<uint32_t>(b), flags});
    text_begin = e;
    return e;
  }

  // '<' at i: comment, autolink, HTML tag or placeholder; npos when text.
  size_t angle(size_t i) {
    if (s.compare(i, 4, "<!--") == 0) {
      size_t e = s.find("-->", i + 4);
      if (e == npos) return npos;
      return emit(InlineKind::HtmlComment, i, e + 3);
    }
    size_t j = i + 1;
    // Autolink: <scheme:...> with a 2-32 byte scheme, no space or '<'.
    if (j < s.size() && is_alpha(s[j])) {
      size_t k = j;
      while (k < s.size() && (is_alnum(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-')) ++k;
      if (k < s.size() && s[k] == ':' && k - j >= 2 && k - j <= 32) {
        size_t e = k + 1;
        while (e < s.size() && s[e] != '>' && s[e] != '<' && !is_space(s[e])) ++e;
        if (e < s.size() && s[e] == '>')
          return emit(InlineKind::Autolink, i, e + 1, s.substr(j, e - j));
      }
    }
    bool closing = j < s.size() && s[j] == '/';
    if (closing) ++j;
    size_t nb = j;
    while (j < s.size() && is_name_char(s[j])) ++j;
    if (j == nb || !is_alpha(s[nb])) return npos;
    std::string_view name = s.substr(nb, j - nb);
    bool html = is_known_html_tag(name);
    bool self_closing = false;
    if (closing) {
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j >= s.size() || s[j] != '>') return npos;
      ++j;
    } else {
      // Attributes, as the loader reads them; a tag never closed is text.
      bool closed = false;
      while (j < s.size()) {
        while (j < s.size() && is_space(s[j])) ++j;
        if (j >= s.size()) return npos;
        if (s[j] == '>') {
          ++j;
          closed = true;
          break;
        }
        if (s[j] == '/' && j + 1 < s.size() && s[j + 1] == '>') {
          j += 2;
          closed = self_closing = true;
          break;
        }
        size_t ab = j;
        while (j < s.size() && !is_space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/' && s[j] != '<') ++j;
        if (j == ab) return npos;
        if (j < s.size() && s[j] == '=') {
          ++j;
          if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
            size_t e = s.find(s[j], j + 1);
            if (e == npos) return npos;
            j = e + 1;
          } else {
            while (j < s.size() && !is_space(s[j]) && s[j] != '>') ++j;
          }
        }
      }
      if (!closed) return npos;
    }
    std::string_view raw = s.substr(i, j - i);
    if (!html) {
      // <repo name>, <package_name>: one line, no quotes.
      if (raw.find('\n') != npos || raw.find('"') != npos) return npos;
      return emit(InlineKind::Placeholder, i, j, s.substr(i + 1, j - i - 2));
    }
    InlineKind kind = closing ? InlineKind::HtmlClose
                              : (self_closing || is_void_tag(name) ? InlineKind::HtmlSelfClosing : InlineKind::HtmlOpen);
    return emit(kind, i, j, name);
  }

  // '\' at i.
  size_t backslash(size_t i) {
    if (i + 1 >= s.size() || !is_ascii_punct(s[i + 1])) return npos;
    if (s[i + 1] == '<') {
      // \<package_name\>: an escaped placeholder.
      size_t j = i + 2;
      while (j < s.size() && j < i + 80 && (is_name_char(s[j]) || s[j] == ' ')) ++j;
      if (j > i + 2 && is_alpha(s[i + 2]) && s.compare(j, 2, "\\>") == 0)
        return emit(InlineKind::Placeholder, i, j + 2, s.substr(i + 2, j - i - 2));
    }
    return emit(InlineKind::Escape, i, i + 2, s.substr(i + 1, 1));
  }

  size_t delimiter(size_t i) {
    char c = s[i];
    size_t e = i;
    while (e < s.size() && s[e] == c) ++e;
    if (c == '~' && e - i != 2) return npos;
    bool left = !space_at(s, e);
    bool right = !space_before(s, i);
    if (!left && !right) return npos;
    if (c == '_' && i > 0 && e < s.size() && is_alnum(s[i - 1]) && is_alnum(s[e])) return npos;
    uint8_t flags = (left ? InlineToken::kLeftFlanking : 0) | (right ? InlineToken::kRightFlanking : 0);
    return emit(InlineKind::Emphasis, i, e, {}, flags);
  }

  size_t bracket(size_t i) {
    size_t open_len = s[i] == '!' ? 2 : 1;
    size_t close = match_bracket(s, i + open_len - 1);
    if (close == npos || close + 1 >= s.size()) return npos;
    std::string_view detail;
    size_t end = npos;
    if (s[close + 1] == '(') end = parse_destination(s, close + 1, detail);
    else if (s[close + 1] == '[') end = parse_reference(s, close + 1, detail);
    if (end == npos) return npos;
    links.push_back({close, end, detail});
    return emit(InlineKind::LinkOpen, i, i + open_len);
  }

  void run() {
    size_t i = 0;
    while (i < s.size()) {
      // A token that ran over a pending "]" (a tag across it) breaks that link.
      while (!links.empty() && i > links.back().close) links.pop_back();
      if (!links.empty() && i == links.back().close) {
        Pending p = links.back();
        links.pop_back();
        i = emit(InlineKind::LinkClose, p.close, p.end, p.detail);
        continue;
      }
      // Plain text up to the next byte that may start a token (or the
      // pending link's ']'), by table: one test per byte instead of the
      // whole loop per byte.
      {
        size_t limit = links.empty() ? s.size() : links.back().close;
        size_t j = find_stop_byte(s.data(), i, limit, kTokenStarts.at);
        if (j != i) {
          i = j;
          continue;
        }
      }
      char c = s[i];
      size_t r = npos;
      switch (c) {
        case '`': {
          size_t run;
          size_t e = code_end(s, i, run);
          if (e == npos) {
            i += run;
            continue;
          }
          std::string_view content = s.substr(i + run, e - run - (i + run));
          if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' &&
              content.find_first_not_of(' ') != npos)
            content = content.substr(1, content.size() - 2);
          r = emit(InlineKind::Code, i, e, content);
          break;
        }
        case '<': r = angle(i); break;
        case '\\': r = backslash(i); break;
        case '*':
        case '_':
        case '~': r = delimiter(i); break;
        case '[': r = bracket(i); break;
        case '!':
          if (i + 1 < s.size() && s[i + 1] == '[') r = bracket(i);
          break;
        case '&': {
          std::string decoded;
          if (size_t used = decode_one_entity(s.substr(i), decoded))
            r = emit(InlineKind::Entity, i, i + used, s.substr(i + 1, used - 2));
          break;
        }
        default: break;
      }
      if (r != npos) {
        i = r;
        continue;
      }
      if (c == '*' || c == '_' || c == '~') {
        while (i < s.size() && s[i] == c) ++i;  // a whole run is text
        continue;
      }
      ++i;
    }
    flush(s.size());
  }
};

}  // namespace

bool is_known_html_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 72> kTags = {
      "a",      "abbr",   "address", "article", "aside",  "audio",   "b",        "bdi",    "bdo",
      "blockquote", "body", "br",    "button",  "caption", "center", "cite",    "code",     "col",
      "colgroup", "dd",   "del",     "details", "div",    "dl",      "dt",       "em",     "embed",
      "figcaption", "figure", "font", "footer", "h1",     "h2",      "h3",       "h4",     "h5",
      "h6",     "head",   "header",  "hr",      "html",   "i",       "iframe",   "img",    "input",
      "ins",    "kbd",    "li",      "mark",    "nav",    "ol",      "p",        "pre",    "q",
      "s",      "samp",   "section", "small",   "source", "span",    "strike",   "strong", "sub",
      "summary", "sup",   "table",   "tbody",   "td",     "th",      "thead",    "tr",     "u"};
  static constexpr std::array<std::string_view, 6> kMore = {"ul", "var", "video", "wbr", "tt", "label"};
  if (name.size() > 10) return false;
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
  return std::find(kTags.begin(), kTags.end(), lower) != kTags.end() ||
         std::find(kMore.begin(), kMore.end(), lower) != kMore.end();
}

std::string_view inline_kind_name(InlineKind kind) {
  switch (kind) {
    case InlineKind::Text: return "text";
    case InlineKind::Code: return "code";
    case InlineKind::LinkOpen: return "link-open";
    case InlineKind::LinkClose: return "link-close";
    case InlineKind::Autolink: return "autolink";
    case InlineKind::HtmlOpen: return "html-open";
    case InlineKind::HtmlClose: return "html-close";
    case InlineKind::HtmlSelfClosing: return "html-self-closing";
    case InlineKind::HtmlComment: return "html-comment";
    case InlineKind::Placeholder: return "placeholder";
    case InlineKind::Emphasis: return "emphasis";
    case InlineKind::Escape: return "escape";
    case InlineKind::Entity: return "entity";
  }
  return "?";
}

std::vector<InlineToken> tokenize_inline(std::string_view fragment) {
  Lexer lexer{fragment, {}, 0, {}};
  lexer.run();
  return std::move(lexer.out);
}

}  // namespace tmlint
