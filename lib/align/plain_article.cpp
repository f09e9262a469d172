#include "align/plain_article.h"

#include <fmt/format.h>

#include <unordered_map>

#include "align/aligner.h"
#include "load/entities.h"
#include "load/markdown_reader.h"
#include "text/inline_lexer.h"

namespace tmlint {
namespace {

// Where the body of a Markdown file starts: after a `---` ... `---` (or
// `...`) front matter at byte 0.
uint32_t body_start(std::string_view text) {
  size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  auto line_is = [&](size_t at, std::string_view what, size_t& next) {
    size_t eol = text.find('\n', at);
    size_t end = eol == std::string_view::npos ? text.size() : eol;
    std::string_view line = text.substr(at, end - at);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    next = eol == std::string_view::npos ? text.size() : eol + 1;
    return line == what;
  };
  size_t next;
  if (!line_is(i, "---", next)) return static_cast<uint32_t>(i);
  for (size_t at = next; at < text.size();) {
    size_t after;
    if (line_is(at, "---", after) || line_is(at, "...", after)) return static_cast<uint32_t>(after);
    at = after;
  }
  return static_cast<uint32_t>(i);  // never closed: all of it is Markdown
}

uint32_t fnv(std::string_view s, uint32_t h = 2166136261u) {
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

// A stable id: the article's path and the source sentence, so the same pair
// keeps its id across runs and when other parts of the article change; the
// n-th repeat of a sentence in the article gets "-n".
std::string pair_id(std::string_view rel_path, std::string_view source,
                    std::unordered_map<std::string, int>& seen) {
  std::string collapsed;
  bool space = false;
  for (char c : source) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed.push_back(' '), space = false;
    collapsed.push_back(c);
  }
  std::string id = fmt::format("{:05x}-{:08x}", fnv(rel_path) & 0xFFFFF, fnv(collapsed));
  int n = ++seen[id];
  if (n > 1) id += fmt::format("-{}", n);
  return id;
}

BlockKind model_kind(const MdBlock& b) {
  switch (b.kind) {
    case MdBlockKind::Heading: return BlockKind::Heading;
    case MdBlockKind::TableCell: return BlockKind::TableRow;
    case MdBlockKind::HtmlBlock: return BlockKind::HtmlBlock;
    default: return b.list_depth ? BlockKind::ListItem : BlockKind::Paragraph;
  }
}

// The links as the sxs loader files them, so the link rules see plain
// pairs like sxs ones: a link inside a pair's target belongs to it, and the
// links of its source follow, contiguous (link-mismatch compares the two).
// The source links' URLs point into PlainSource.
void attribute_links(Article& a, PlainSource& plain) {
  std::vector<Link> out;
  out.reserve(a.links.size() + a.segments.size() / 2);
  size_t li = 0;
  for (size_t k = 0; k < a.segments.size(); ++k) {
    const Segment& s = a.segments[k];
    const uint32_t b = s.target.location.offset, e = s.end_offset;
    while (li < a.links.size() && a.links[li].location.offset < b) out.push_back(a.links[li++]);
    while (li < a.links.size() && a.links[li].location.offset < e) {
      Link l = a.links[li++];
      if (l.place == LinkPlace::Skeleton && l.kind != LinkKind::Reference) {
        l.place = LinkPlace::Target;
        l.segment = static_cast<int32_t>(k);
      }
      out.push_back(l);
    }
    // The source's links, from its tokens.
    std::string_view src = s.source.raw;
    std::vector<InlineToken> tokens = tokenize_inline(src);
    std::vector<size_t> opens;
    for (size_t t = 0; t < tokens.size(); ++t) {
      const InlineToken& tok = tokens[t];
      if (tok.kind == InlineKind::LinkOpen) opens.push_back(t);
      if (tok.kind != InlineKind::LinkClose && tok.kind != InlineKind::Autolink) continue;
      Link l;
      l.place = LinkPlace::Source;
      l.segment = static_cast<int32_t>(k);
      if (tok.kind == InlineKind::Autolink) {
        l.kind = LinkKind::Autolink;
      } else {
        if (opens.empty()) continue;
        const InlineToken& open = tokens[opens.back()];
        opens.pop_back();
        if (tok.text.size() < 2 || tok.text[1] != '(') continue;  // [text][ref]: a reference
        l.kind = open.text == "![" ? LinkKind::Image : LinkKind::Inline;
        uint32_t tb = open.offset + static_cast<uint32_t>(open.text.size());
        l.text = src.substr(tb, tok.offset - tb);
      }
      l.target = tok.detail;
      uint32_t at = static_cast<uint32_t>(tok.detail.data() - src.data());
      const bool source_view = src.data() >= plain.bytes.data() && src.data() < plain.bytes.data() + plain.bytes.size();
      l.location = source_view ? plain.lines.locate(static_cast<uint32_t>(src.data() - plain.bytes.data()) + at)
                               : s.source.location;
      if (!l.target.empty()) out.push_back(l);
    }
  }
  while (li < a.links.size()) out.push_back(a.links[li++]);
  a.links = std::move(out);
}

}  // namespace

bool is_plain_article(const Article& a) {
  if (a.yaml_page || a.unread || !a.segments.empty()) return false;
  return a.text.find("data-ttu-id") == std::string_view::npos && a.text.find("sxs-lookup") == std::string_view::npos;
}

std::string unusable_source(std::string_view source) {
  if (source.find('\0') != std::string_view::npos) return "is binary (it holds NUL bytes)";
  uint32_t body = body_start(source);
  if (source.substr(body).find_first_not_of(" \t\r\n") == std::string_view::npos) return "is empty";
  if (source.find("data-ttu-id") != std::string_view::npos) return "is a side-by-side (sxs) file, not a source";
  return {};
}

void align_plain_article(Article& a, std::string source, const PlainAlignOptions& options) {
  const uint32_t target_body = a.has_front_matter ? a.front_matter_end.offset : 0;
  auto issue = [&](std::string message) {
    LoadIssue i;
    i.kind = LoadIssueKind::Parse;
    i.location = a.locate(target_body);
    i.message = std::move(message);
    a.issues.push_back(std::move(i));
  };
  if (std::string why = unusable_source(source); !why.empty()) {
    issue(fmt::format("plain article not aligned: its source {} {}", options.source_path, why));
    return;
  }
  auto plain = std::make_unique<PlainSource>();
  plain->path = options.source_path;
  plain->from_commit = options.from_commit;
  plain->bytes = std::move(source);
  plain->lines = LineIndex(plain->bytes);
  std::string_view src = plain->bytes;

  std::string locale = options.locale;
  if (const auto* e = a.front("ms.contentlocale"); e && !e->value.empty()) locale = e->value;

  MdDocument tdoc = read_markdown(a.text, target_body);
  MdDocument sdoc = read_markdown(src, body_start(src));
  BlockAlignOptions ao;
  ao.locale = locale;
  Alignment al = align_documents(a.text, tdoc, src, sdoc, ao);
  plain->target_blocks = al.target_text_blocks;
  plain->source_blocks = al.source_text_blocks;
  plain->matched_blocks = al.matched_text_blocks;

  // Another article's source: too few blocks pair up, or those that do are
  // unlike each other. (Measured on NuGet ja-JP: with its own sources every
  // article pairs >= 96% of its text blocks at a mean cost <= 1.2; with the
  // source of another article, 256 of 366 fall under these bounds.)
  const uint32_t most = std::max(al.target_text_blocks, al.source_text_blocks);
  if (most >= 3 && (al.matched_text_blocks * 2 < most || (al.matched_text_blocks >= 3 && al.mean_match_cost > 1.8f))) {
    issue(fmt::format("plain article not aligned: its source {} does not look like this article's "
                      "({} of {} text blocks pair up, mean cost {:.1f})",
                      options.source_path, al.matched_text_blocks, most, al.mean_match_cost));
    return;
  }

  auto view = [&](std::string_view file, AlignedText& t) -> std::string_view {
    if (!t.has_owned) return file.substr(t.begin, t.end - t.begin);
    plain->texts.push_back(std::move(t.owned));
    return plain->texts.back();
  };
  auto side = [&](SegmentText& out, std::string_view raw, Location where) {
    out.raw = raw;
    out.location = where;
    if (raw.find('&') != std::string_view::npos) out.has_decoded = decode_entities(raw, out.decoded_storage);
    if (!out.has_decoded) out.decoded_storage.clear();
  };

  std::unordered_map<std::string, int> seen;
  a.segments.reserve(al.pairs.size());
  for (AlignedPair& p : al.pairs) {
    Segment s;
    std::string_view target = view(a.text, p.target);
    std::string_view source_text = view(src, p.source);
    plain->texts.push_back(pair_id(a.rel_path, source_text, seen));
    s.id = plain->texts.back();
    s.location = a.locate(p.target.begin);
    s.end_offset = p.target.end;
    side(s.target, target, s.location);
    side(s.source, source_text, plain->lines.locate(p.source.begin));
    s.has_source = true;
    s.confidence = p.confidence;
    const MdBlock& tb = tdoc.blocks[p.target_block];
    s.context.block = model_kind(tb);
    s.context.heading_level = tb.heading_level;
    s.context.list_depth = tb.list_depth;
    s.context.blockquote_depth = tb.quote_depth;
    s.context.in_table = tb.kind == MdBlockKind::TableCell;
    s.context.alert = tb.alert;
    if (!p.link.empty()) {
      plain->texts.push_back(std::move(p.link));
      s.context.wrapping_link = plain->texts.back();
    }
    a.segments.push_back(std::move(s));
  }
  for (Unpaired& u : al.missing) {
    UnpairedText t;
    t.location = plain->lines.locate(u.text.begin);
    t.text = view(src, u.text);
    t.target_location = a.locate(u.anchor);
    t.whole_block = u.whole_block;
    plain->missing.push_back(t);
  }
  for (Unpaired& u : al.extra) {
    UnpairedText t;
    t.location = a.locate(u.text.begin);
    t.text = view(a.text, u.text);
    t.target_location = t.location;
    t.whole_block = u.whole_block;
    plain->extra.push_back(t);
  }
  attribute_links(a, *plain);
  a.plain = std::move(plain);
}

}  // namespace tmlint
