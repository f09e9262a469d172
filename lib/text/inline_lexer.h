#pragma once
// The one inline lexer for segment text: a raw Markdown fragment (a segment's
// TARGET or SOURCE, FORMAT.md §3) cut into tokens whose `text` views, in
// order, concatenate back to the fragment exactly. The QA rules (and the TMX
// export's inline tags) compare token kinds instead of running their own
// regular expressions, so a link's URL or a code span is never prose.
//
// What it recognises (a lexical subset of CommonMark/GFM, enough for sxs):
//   Code         `x`, ``x``: a backtick run closed by a run of the same
//                length; an unclosed run is Text. detail: the content.
//   LinkOpen     "[" or "![" whose matching "]" is followed by a destination
//                "(url "title")" or a reference "[ref]".
//   LinkClose    that "](url "title")" or "][ref]". detail: url or ref.
//   Autolink     <https://...>, <mailto:...>. detail: the URL.
//   HtmlOpen     <b>, <a href="..."> of a known HTML element. detail: name.
//   HtmlClose    </b>. detail: name.
//   HtmlSelfClosing <br>, <br/>, <img ...>, <hr>: void elements or "/>".
//   HtmlComment  <!-- ... -->.
//   Placeholder  a tag-like token that is not HTML: <package_name>,
//                <repo name>, Foo<any>, and the escaped \<path\>. detail:
//                the name inside.
//   Emphasis     a delimiter run of '*' or '_' (not inside a word for '_'),
//                or "~~". flags: kLeftFlanking / kRightFlanking (CommonMark
//                §6.2, simplified: whitespace only, no punctuation rule).
//   Escape       backslash + ASCII punctuation. detail: the escaped byte.
//   Entity       a character reference that decodes (&amp; &#123; &nbsp;).
//                detail: the reference without '&' and ';'.
//   Text         everything else, bare '<' (<10, <=) and bare '&' included.
// Never throws, never looks past the fragment; linear time.
#include <cstdint>
#include <string_view>
#include <vector>

namespace tmlint {

enum class InlineKind : uint8_t {
  Text,
  Code,
  LinkOpen,
  LinkClose,
  Autolink,
  HtmlOpen,
  HtmlClose,
  HtmlSelfClosing,
  HtmlComment,
  Placeholder,
  Emphasis,
  Escape,
  Entity,
};

struct InlineToken {
  InlineKind kind = InlineKind::Text;
  std::string_view text;    // the raw bytes
  std::string_view detail;  // see above; empty for Text
  uint32_t offset = 0;      // of text in the fragment
  uint8_t flags = 0;        // Emphasis: kLeftFlanking | kRightFlanking

  static constexpr uint8_t kLeftFlanking = 1;
  static constexpr uint8_t kRightFlanking = 2;
};

std::vector<InlineToken> tokenize_inline(std::string_view fragment);

// True for the names of HTML elements (case-insensitive): what makes a
// <tag> HTML rather than a placeholder.
bool is_known_html_tag(std::string_view name);

std::string_view inline_kind_name(InlineKind kind);

}  // namespace tmlint
