#pragma once
// The immutable model of one loaded article: its bytes, front matter,
// segments, links, anchors, suppression directives and what the loader found
// wrong. Every string_view points into `bytes` (or into another member that
// the Article owns), so an Article must not be copied: it is moved or held by
// pointer, and it outlives the rules that read it.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/line_index.h"
#include "model/location.h"

namespace tmlint {

// A piece of segment text: the raw bytes as written, and a decoded form with
// HTML entities resolved (the same bytes when there is no entity).
struct SegmentText {
  std::string_view raw;
  Location location;      // first byte of the text
  std::string decoded_storage;  // empty unless decoding changed something
  bool has_decoded = false;

  std::string_view decoded() const { return has_decoded ? std::string_view(decoded_storage) : raw; }
};

enum class BlockKind : uint8_t {
  Paragraph,
  Heading,
  ListItem,
  TableRow,
  HtmlBlock,
};

// Where a segment sits in the Markdown document.
struct SegmentContext {
  BlockKind block = BlockKind::Paragraph;
  uint8_t heading_level = 0;      // 1..6 when block == Heading
  uint8_t list_depth = 0;         // nesting of list items (0: not in a list)
  uint8_t blockquote_depth = 0;   // number of '>' markers
  bool in_table = false;          // a GFM table row or an HTML <td>/<th> cell
  std::string_view alert;         // "NOTE", "TIP", ... when inside > [!NOTE]
  std::string_view wrapping_link; // the URL when the pair sits in [PAIR](url)
};

struct Segment {
  std::string_view id;     // "726a7-103"
  Location location;       // the '<' of the opening ttu span
  uint32_t end_offset = 0; // one past the last byte of the whole pair
  SegmentText target;
  SegmentText source;      // empty raw and has_source == false when missing
  bool has_source = true;
  SegmentContext context;
  // How sure the aligner is of the pair, in (0, 1]: 1 for sxs segments,
  // whose pairs are written in the file.
  float confidence = 1;
};

enum class LinkKind : uint8_t {
  Inline,        // [text](url)
  Image,         // ![alt](src)
  Reference,     // [label]: url
  Autolink,      // <https://...>
  HtmlHref,      // <a href="...">
  HtmlSrc,       // <img src="...">
  DocfxImage,    // :::image source="..." :::
};

enum class LinkPlace : uint8_t { Skeleton, Target, Source };

struct Link {
  LinkKind kind = LinkKind::Inline;
  LinkPlace place = LinkPlace::Skeleton;
  std::string_view target;   // the URL as written (no <>, no title)
  std::string_view text;     // link text / alt text when there is one
  Location location;         // first byte of the URL
  int32_t segment = -1;      // index into Article::segments, or -1
};

enum class AnchorKind : uint8_t { NamedAnchor, HtmlId, HeadingSlug, ExplicitId };

struct Anchor {
  std::string name;
  AnchorKind kind = AnchorKind::NamedAnchor;
  Location location;
};

enum class ValueKind : uint8_t { Scalar, Sequence, Map, Null };

struct FrontMatterEntry {
  std::string key;
  std::string value;   // the scalar; for a sequence, its scalar items joined by ", "
  ValueKind kind = ValueKind::Scalar;
  Location location;   // the key
  Location value_location;
};

// What the loader found wrong. The loader does not know rule ids: each kind is
// reported by the structural rule of the same meaning (rules/).
enum class LoadIssueKind : uint8_t {
  Parse,           // malformed structure, encoding, front matter
  DuplicateId,     // a ttu-id seen twice in the file
  IdOrder,         // a ttu-id not greater than the previous one of its sequence
  IdMismatch,      // stu-id differs from ttu-id
  MissingSource,   // ttu span without its sxs-lookup
};

struct LoadIssue {
  LoadIssueKind kind = LoadIssueKind::Parse;
  Location location;
  std::string message;
  std::string segment;  // the segment id when there is one
};

// An inline suppression comment: <!-- tmlint-disable[-next-line|-line|-file] [ids] -->
// or <!-- tmlint-enable [ids] -->. An empty rule list means every rule.
struct Directive {
  enum Kind : uint8_t { Disable, Enable, DisableNextLine, DisableLine, DisableFile } kind;
  uint32_t line = 0;
  std::vector<std::string> rules;  // rule ids or categories
};

// Text of a plain article or of its source that the aligner paired with
// nothing (rules missing-translation and extra-content).
struct UnpairedText {
  std::string_view text;     // into Article::text, PlainSource::bytes or PlainSource::texts
  Location location;         // in the file the text is in (the source for missing text)
  Location target_location;  // where in the article it is reported
  bool whole_block = false;  // a whole paragraph, heading or cell (else a sentence of a matched one)
};

// What a plain (not sxs) article was aligned with (lib/align/): its
// segments' source texts point into `bytes` or `texts`.
struct PlainSource {
  std::string path;          // the source as read: "DIR/X", or "X at <commit>"
  bool from_commit = false;  // the blob at ms.sourcegitcommit (else the working file)
  std::string bytes;         // the source file
  LineIndex lines;           // of `bytes`
  std::deque<std::string> texts;  // texts joined over lines, link URLs: stable addresses
  std::vector<UnpairedText> missing;  // source sentences with no counterpart, in source order
  std::vector<UnpairedText> extra;    // target content with no source, in article order
  uint32_t target_blocks = 0, source_blocks = 0, matched_blocks = 0;  // blocks with text
};

struct Article {
  Article() = default;
  Article(const Article&) = delete;
  Article& operator=(const Article&) = delete;

  std::string path;        // as reached from the command-line argument
  std::string rel_path;    // relative to the batch root, '/' separated
  std::string bytes;       // the whole file, read once
  std::string_view text;   // bytes without a UTF-8 BOM
  LineIndex lines;

  bool has_front_matter = false;
  Location front_matter_end;  // first byte after the closing '---' line
  std::vector<FrontMatterEntry> front_matter;

  std::vector<Segment> segments;
  std::vector<Link> links;
  std::vector<Anchor> anchors;
  std::vector<Directive> directives;
  std::vector<LoadIssue> issues;

  // Byte ranges [begin, end) of fenced and indented code blocks.
  std::vector<std::pair<uint32_t, uint32_t>> code_blocks;

  bool has_bom = false;
  bool has_crlf = false;
  // A YAML page (TOC.yml): no segments, its links are the `href`s.
  bool yaml_page = false;
  // Not read at all (a UTF-16 file): its parse-error says why, and rules
  // that read the text itself (unsegmented-text) have nothing to say.
  bool unread = false;
  // A plain article aligned with its source (--source): null for sxs
  // articles, and for plain ones without a source to align with.
  std::unique_ptr<PlainSource> plain;

  const FrontMatterEntry* front(std::string_view key) const {
    for (const auto& e : front_matter)
      if (e.key == key) return &e;
    return nullptr;
  }
  Location locate(uint32_t offset) const { return lines.locate(offset); }
};

}  // namespace tmlint
