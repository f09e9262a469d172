// The sxs loader. One pass over the body, line by line for block structure
// (fences, headings, lists, tables, blockquotes, HTML blocks) and byte by
// byte inside a line for inline structure (code spans, segments, links, HTML
// tags, comments). Segments are delimited lexically as FORMAT.md §8 says:
// never XML-parsed, because real segments are often not well-formed XML.
#include "load/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_set>

#include "base/byte_scan.h"
#include "load/entities.h"
#include "load/front_matter.h"
#include "load/slug.h"
#include "load/yaml_page.h"

namespace tmlint {
namespace {

constexpr std::string_view kOpen = "<span data-ttu-id=\"";
constexpr std::string_view kTtuAttr = "<span data-ttu-id=";
constexpr std::string_view kMid = "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
constexpr std::string_view kLookup = "<span class=\"sxs-lookup\"><span data-stu-id=\"";
constexpr std::string_view kCloseSpan = "</span>";

bool starts_with_at(std::string_view s, size_t pos, std::string_view prefix) {
  return s.size() - std::min(pos, s.size()) >= prefix.size() && s.compare(pos, prefix.size(), prefix) == 0;
}

bool is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t'; }

// ^[0-9a-f]{5}-p?[1-9][0-9]{2,3}$
bool valid_segment_id(std::string_view id) {
  if (id.size() < 9 || id.size() > 11) return false;
  for (int i = 0; i < 5; ++i)
    if (!is_hex_lower(id[i])) return false;
  if (id[5] != '-') return false;
  size_t i = 6;
  if (id[i] == 'p') ++i;
  size_t digits = id.size() - i;
  if (digits < 3 || digits > 4 || id[i] == '0') return false;
  for (; i < id.size(); ++i)
    if (!is_digit(id[i])) return false;
  return true;
}

// Characters that can never be part of a real id: their presence means the
// tag itself is broken (e.g. the &quot; corruption of FORMAT.md §5.1).
bool corrupt_id(std::string_view id) {
  if (id.size() > 32) return true;
  // A plain loop: find_first_of calls memchr on the set once per byte.
  for (char c : id)
    if (c == '&' || c == '<' || c == '>' || c == '\n' || c == '\r') return true;
  return false;
}

// The code points of `bytes`, a piece of a text that is valid UTF-8 (cut
// anywhere): its leading continuation bytes count one each (as
// count_code_points counts stray ones), then every byte that is not a
// continuation byte. Eight bytes at a time: a CJK line costs a fraction of
// the decoding loop.
uint32_t count_code_points_valid(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  uint32_t count = 0;
  while (i < n && (p[i] & 0xC0) == 0x80) ++i, ++count;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    uint64_t continuation = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;  // 1 per byte 10xxxxxx
    count += 8 - static_cast<uint32_t>((continuation * 0x0101010101010101ULL) >> 56);
  }
  for (; i < n; ++i) count += (p[i] & 0xC0) != 0x80;
  return count;
}

// The length of a backtick run starting at pos.
size_t backtick_run(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && s[pos + n] == '`') ++n;
  return n;
}

// Finds the closing run of exactly `n` backticks in [from, end); npos if none.
size_t find_code_close(std::string_view s, size_t from, size_t end, size_t n) {
  size_t i = from;
  while (i < end) {
    const void* hit = std::memchr(s.data() + i, '`', end - i);
    if (!hit) return std::string_view::npos;
    i = static_cast<const char*>(hit) - s.data();
    size_t run = backtick_run(s, i);
    if (i + run > end) run = end - i;
    if (run == n) return i;
    i += run;
  }
  return std::string_view::npos;
}

// Backtick runs longer than this never open a code span (no real article
// has one); it bounds the work per text range to kMaxCodeRun full searches.
constexpr size_t kMaxCodeRun = 32;

// Where code spans close inside one text range [.., end). Remembers, per
// run length, the last search and its answer: a later search from a
// position between the two gets the same answer without scanning again, so
// every length scans each byte at most once while scanning moves forward
// (linear on 100,000 unmatched backticks or a 50 MB line of them).
class CodeCloser {
 public:
  CodeCloser(std::string_view s, size_t end) : s_(s), end_(end) {}
  // The closer of the run of `n` backticks that ends just before `from`
  // (`from` is never inside a run), or npos.
  size_t find(size_t from, size_t n) {
    if (n > kMaxCodeRun) return std::string_view::npos;
    Memo& m = memo_[n];
    if ((valid_ >> n & 1) && from >= m.from && (m.result == std::string_view::npos || from <= m.result))
      return m.result;
    size_t r = find_code_close(s_, from, end_, n);
    m = Memo{from, r};
    valid_ |= uint64_t{1} << n;
    return r;
  }

 private:
  // Left uninitialised: a bit of valid_ says which entry holds an answer
  // (one is built per text range, and zeroing 33 entries each time was 0.6%
  // of a pc-ja check; most ranges have no backtick).
  struct Memo {
    size_t from, result;
  };
  std::string_view s_;
  size_t end_;
  uint64_t valid_ = 0;
  Memo memo_[kMaxCodeRun + 1];
};

struct Fence {
  bool open = false;
  char ch = 0;
  size_t len = 0;
  size_t container_indent = 0;
  uint32_t begin = 0;
};

struct ListLevel {
  size_t marker_indent;
  size_t content_indent;
};

// Block facts about the line a segment starts on.
struct LineContext {
  BlockKind block = BlockKind::Paragraph;
  uint8_t heading_level = 0;
  uint8_t list_depth = 0;
  uint8_t blockquote_depth = 0;
  bool gfm_table = false;
  std::string_view alert;
};

// The bytes where scan_inline_range stops to look: in a segment text, and
// in the skeleton (where a stray "data-ttu-id=" is looked for too).
struct InlineStops {
  bool text[256] = {}, skeleton[256] = {};
  constexpr InlineStops() {
    for (unsigned char c : {'`', '<', '[', '\\', '!'}) text[c] = skeleton[c] = true;
    skeleton[static_cast<unsigned char>('d')] = true;
  }
};
constexpr InlineStops kInlineStops;

class Loader {
 public:
  Loader(Article& a, const LoadLimits& limits)
      : a_(a), s_(a.text), limits_(limits), bracket_budget_(4 * a.text.size() + 65536) {}

  void run() {
    check_encoding();
    uint32_t body = load_front_matter(a_, limits_);
    scan_body(body);
    report_dropped_issues();
  }

 private:
  Article& a_;
  std::string_view s_;
  const LoadLimits& limits_;

  // The first `c` (or `needle`) in [from, limit), or npos: searches never
  // run past the range they are for (an unclosed '</a' must not scan the
  // rest of a 50 MB line for every occurrence).
  // The last answer per byte is remembered: a search from a later position
  // with the same limit gets it again while it still lies ahead ("</a" and
  // "<a x=" 10 million times on a line without any '>' scan it once).
  size_t find_before(char c, size_t from, size_t limit) {
    limit = std::min(limit, s_.size());
    if (from >= limit) return std::string_view::npos;
    FindMemo& m = find_memo_[static_cast<unsigned char>(c)];
    if (m.limit == limit && from >= m.from && (m.result == std::string_view::npos || from <= m.result))
      return m.result;
    const void* hit = std::memchr(s_.data() + from, c, limit - from);
    size_t r = hit ? static_cast<size_t>(static_cast<const char*>(hit) - s_.data()) : std::string_view::npos;
    m = FindMemo{limit, from, r};
    return r;
  }
  struct FindMemo {
    size_t limit = std::string_view::npos, from = 0, result = std::string_view::npos;
  };
  FindMemo find_memo_[256];
  size_t find_before(std::string_view needle, size_t from, size_t limit) const {
    limit = std::min(limit, s_.size());
    if (from >= limit) return std::string_view::npos;
    return s_.substr(0, limit).find(needle, from);
  }

  // Bracket matching: one pass with a stack per text range, remembered
  // (see matching_bracket).
  // Eight bytes per '[' (a 50 MB line of '[' stays under ten times its size).
  struct BracketPass {
    static constexpr uint32_t kNone = 0xFFFFFFFFu;     // no ']'
    static constexpr uint32_t kOpenTag = 0x80000000u;  // still open: the rest links to the open '[' below
    size_t begin = std::string_view::npos;
    std::vector<uint32_t> opens;   // offsets of the '[' seen, increasing
    std::vector<uint32_t> closes;  // the ']' of each, or kNone
    size_t cursor = 0;             // questions come in increasing order: where the last one was
  };
  std::map<std::pair<size_t, bool>, BracketPass> bracket_passes_;  // by (range end, skeleton)
  size_t bracket_budget_ = 0;  // bytes left for the rare direct scans
  int inline_depth_ = 0;       // scan_inline nesting (link texts)
  static constexpr int kMaxLinkTextDepth = 16;

  // Block state.
  Fence fence_;
  std::vector<ListLevel> lists_;
  bool prev_blank_ = true;
  bool prev_paragraph_ = false;
  bool in_gfm_table_ = false;
  bool in_html_block_ = false;
  int html_table_depth_ = 0;
  std::string_view alert_;
  LineContext line_ctx_;
  bool heading_line_ = false;
  size_t heading_segments_begin_ = 0;
  uint32_t heading_content_begin_ = 0;

  // Segment id bookkeeping.
  std::unordered_set<std::string_view> ids_;
  long last_plain_ = 0, last_p_ = 0;
  std::string_view prefix_;

  // Locations are asked for mostly in increasing order: continue counting
  // code points from the last answer when it is on the same line.
  Location last_loc_{0, 1, 1};
  bool valid_utf8_ = false;  // set by check_encoding: the file is valid UTF-8
  Location loc(size_t offset) {
    uint32_t off = static_cast<uint32_t>(offset);
    if (off >= last_loc_.offset) {
      uint32_t line_start = a_.lines.line_start(last_loc_.line);
      uint32_t next_start = last_loc_.line < a_.lines.line_count() ? a_.lines.line_start(last_loc_.line + 1)
                                                                    : static_cast<uint32_t>(s_.size()) + 1;
      if (off >= line_start && off < next_start) {
        std::string_view piece = s_.substr(last_loc_.offset, off - last_loc_.offset);
        last_loc_.column += valid_utf8_ ? count_code_points_valid(piece) : count_code_points(piece);
        last_loc_.offset = off;
        return last_loc_;
      }
    }
    last_loc_ = a_.locate(off);
    return last_loc_;
  }

  // At most kMaxIssues problems are reported per file, then one that counts
  // the rest: 4 million corrupted tags in a 50 MB file must not become 4
  // million diagnostics held in memory and written to every report.
  static constexpr size_t kMaxIssues = 1000;
  size_t dropped_issues_ = 0;
  Location first_dropped_{};
  void issue(LoadIssueKind kind, uint32_t offset, std::string message, std::string_view segment = {}) {
    if (a_.issues.size() >= kMaxIssues) {
      if (dropped_issues_++ == 0) first_dropped_ = loc(offset);
      return;
    }
    a_.issues.push_back(LoadIssue{kind, loc(offset), std::move(message), std::string(segment)});
  }
  void report_dropped_issues() {
    if (dropped_issues_)
      a_.issues.push_back(LoadIssue{LoadIssueKind::Parse, first_dropped_,
                                    fmt::format("{} more problem{} from here on not reported (at most {} per file)",
                                                dropped_issues_, dropped_issues_ == 1 ? "" : "s", kMaxIssues),
                                    {}});
  }

  // ---------------------------------------------------------------- encoding
  void check_encoding() {
    if (const void* nul = std::memchr(s_.data(), '\0', s_.size())) {
      uint32_t off = static_cast<uint32_t>(static_cast<const char*>(nul) - s_.data());
      size_t count = 0;
      for (char c : s_) count += c == '\0';
      issue(LoadIssueKind::Parse, off,
            fmt::format("file contains {} NUL byte{} (a binary file, or UTF-16?)", count, count == 1 ? "" : "s"));
    }
    size_t first_bad = std::string_view::npos, bad = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s_.data());
    size_t n = s_.size(), i = 0;
    while (i < n) {
      unsigned char c = p[i];
      if (c < 0x80) {
        // Skip ASCII eight bytes at a time.
        ++i;
        while (i + 8 <= n) {
          uint64_t word;
          std::memcpy(&word, p + i, 8);
          if (word & 0x8080808080808080ULL) break;
          i += 8;
        }
        continue;
      }
      // Three bytes whose lead is neither E0 (overlong forms) nor ED
      // (surrogates) are valid when both others are continuation bytes:
      // nearly every CJK character, without decoding it.
      if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (p[i + 1] & 0xC0) == 0x80 &&
          (p[i + 2] & 0xC0) == 0x80) {
        i += 3;
        continue;
      }
      size_t len = 0;
      uint32_t cp = 0, min = 0;
      if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F, min = 0x80;
      else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F, min = 0x800;
      else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07, min = 0x10000;
      bool ok = len != 0 && i + len <= n;
      for (size_t k = 1; ok && k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) ok = false;
        else cp = (cp << 6) | (p[i + k] & 0x3F);
      }
      if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
      if (!ok) {
        if (first_bad == std::string_view::npos) first_bad = i;
        ++bad;
        ++i;
      } else {
        i += len;
      }
    }
    valid_utf8_ = bad == 0;
    if (bad) {
      issue(LoadIssueKind::Parse, static_cast<uint32_t>(first_bad),
            fmt::format("invalid UTF-8: byte 0x{:02X} here, {} invalid byte{} in the file", p[first_bad], bad,
                        bad == 1 ? "" : "s"));
    }
  }

  // ------------------------------------------------------------ block level
  size_t line_end_at(size_t pos) const { return find_either(pos, '\n', '\r', s_.size()); }

  // The first of two bytes in [pos, limit), or limit. (string_view's
  // find_first_of calls memchr on the set once per byte of the text.)
  // memchr for each byte, a chunk at a time: the chunk bounds each search,
  // so a text with many `y` and no `x` (CR-only line ends) stays linear,
  // and a plain line costs two vectorised scans instead of a compare per
  // byte (this loop was 2.7% of a pc-ja check).
  size_t find_either(size_t pos, char x, char y, size_t limit) const {
    constexpr size_t kChunk = 512;
    const char* p = s_.data();
    for (size_t b = pos; b < limit; b += kChunk) {
      size_t e = std::min(limit, b + kChunk);
      const void* hx = std::memchr(p + b, x, e - b);
      size_t stop = hx ? static_cast<size_t>(static_cast<const char*>(hx) - p) : e;
      if (const void* hy = std::memchr(p + b, y, stop - b)) return static_cast<size_t>(static_cast<const char*>(hy) - p);
      if (hx) return stop;
    }
    return limit;
  }
  size_t next_line_at(size_t line_end) const {
    if (line_end >= s_.size()) return s_.size();
    if (s_[line_end] == '\r' && line_end + 1 < s_.size() && s_[line_end + 1] == '\n') return line_end + 2;
    return line_end + 1;
  }

  // Skips the blockquote prefix; returns the offset of the content and the depth.
  size_t strip_blockquotes(size_t pos, size_t end, uint8_t& depth) const {
    depth = 0;
    for (;;) {
      size_t i = pos, sp = 0;
      while (i < end && s_[i] == ' ' && sp < 3) ++i, ++sp;
      if (i < end && s_[i] == '>') {
        ++depth;
        pos = i + 1;
        if (pos < end && s_[pos] == ' ') ++pos;
        if (depth == 255) return pos;
        continue;
      }
      return pos;
    }
  }

  bool is_delimiter_row(size_t pos, size_t end) const {
    uint8_t d;
    pos = strip_blockquotes(pos, end, d);
    bool pipe = false, dash = false;
    for (size_t i = pos; i < end; ++i) {
      char c = s_[i];
      if (c == '|') pipe = true;
      else if (c == '-') dash = true;
      else if (c != ':' && c != ' ' && c != '\t') return false;
    }
    return pipe && dash;
  }

  // A fence opener at `i`: returns its length (>= 3) or 0.
  size_t fence_open_len(size_t i, size_t end, char& ch) const {
    if (i >= end || (s_[i] != '`' && s_[i] != '~')) return 0;
    ch = s_[i];
    size_t n = 0;
    while (i + n < end && s_[i + n] == ch) ++n;
    if (n < 3) return 0;
    if (ch == '`' && s_.substr(i + n, end - i - n).find('`') != std::string_view::npos) return 0;
    return n;
  }

  static bool is_html_block_tag(std::string_view name) {
    static constexpr std::string_view kTags[] = {
        "table", "tr", "td", "th", "thead", "tbody", "tfoot", "p", "div", "ul", "ol", "li", "dl", "dt", "dd",
        "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section", "details", "summary", "caption",
        "center", "iframe", "video", "figure", "form", "hr", "nav", "header", "footer", "colgroup", "col"};
    for (auto t : kTags)
      if (name.size() == t.size() && std::equal(name.begin(), name.end(), t.begin(),
                                                [](char x, char y) { return (x | 0x20) == y; }))
        return true;
    return false;
  }

  // Classifies a line; returns false when the line is code (fence body,
  // fence delimiters, indented code) and must not be scanned.
  bool classify_line(size_t ls, size_t le, size_t next) {
    if (fence_.open) {
      size_t indent = 0, i = ls;
      uint8_t d;
      i = strip_blockquotes(ls, le, d);
      while (i < le && s_[i] == ' ') ++i, ++indent;
      size_t rel = indent > fence_.container_indent ? indent - fence_.container_indent : 0;
      char ch = 0;
      size_t n = fence_open_len(i, le, ch);
      if (n >= fence_.len && ch == fence_.ch && rel <= 3) {
        size_t j = i + n;
        while (j < le && is_space(s_[j])) ++j;
        if (j == le) {
          fence_.open = false;
          a_.code_blocks.emplace_back(fence_.begin, static_cast<uint32_t>(next));
        }
      }
      return false;
    }

    uint8_t bq = 0;
    size_t c = strip_blockquotes(ls, le, bq);
    size_t indent = 0;
    while (c < le && (s_[c] == ' ' || s_[c] == '\t')) ++c, ++indent;
    bool blank = c >= le;

    if (bq == 0) alert_ = {};
    line_ctx_ = LineContext{};
    line_ctx_.blockquote_depth = bq;
    heading_line_ = false;

    if (blank) {
      prev_blank_ = true;
      prev_paragraph_ = false;
      in_gfm_table_ = false;
      in_html_block_ = false;
      return false;
    }

    // Lists: pop the levels this line is not inside of.
    auto item_marker = [&](size_t at, size_t& content) -> bool {
      if (at >= le) return false;
      size_t j = at;
      if (s_[j] == '-' || s_[j] == '*' || s_[j] == '+') {
        ++j;
      } else {
        size_t d = 0;
        while (j < le && is_digit(s_[j]) && d < 9) ++j, ++d;
        if (d == 0 || j >= le || (s_[j] != '.' && s_[j] != ')')) return false;
        ++j;
      }
      if (j < le && !is_space(s_[j])) return false;
      size_t k = j;
      while (k < le && is_space(s_[k]) && k - j < 4) ++k;
      content = indent + (k - at);
      if (k >= le) content = indent + (j - at) + 1;
      return true;
    };

    // Fenced code opens here?
    char ch = 0;
    if (size_t n = fence_open_len(c, le, ch); n && (indent <= 3 || !lists_.empty())) {
      while (!lists_.empty() && lists_.back().content_indent > indent) lists_.pop_back();
      fence_ = Fence{true, ch, n, lists_.empty() ? 0 : lists_.back().content_indent,
                     static_cast<uint32_t>(ls)};
      prev_blank_ = false;
      prev_paragraph_ = false;
      return false;
    }

    size_t content_indent = 0;
    bool item = item_marker(c, content_indent);
    if (item) {
      while (!lists_.empty() && lists_.back().content_indent > indent) lists_.pop_back();
      if (lists_.size() < 250) lists_.push_back({indent, content_indent});
    } else if (!(prev_paragraph_ && !prev_blank_)) {
      while (!lists_.empty() && lists_.back().content_indent > indent) lists_.pop_back();
    }

    // Indented code: 4+ spaces after a blank line, outside lists and HTML.
    // A line holding a segment is never code (the pipeline never spans code).
    if (!item && indent >= 4 && prev_blank_ && lists_.empty() && !in_html_block_ &&
        s_.substr(c, le - c).find(kTtuAttr) == std::string_view::npos) {
      a_.code_blocks.emplace_back(static_cast<uint32_t>(ls), static_cast<uint32_t>(next));
      prev_blank_ = false;
      return false;
    }

    // Tables: this line starts one when the next line is a delimiter row.
    if (!in_gfm_table_ && s_.substr(c, le - c).find('|') != std::string_view::npos) {
      size_t nle = line_end_at(next);
      if (next < s_.size() && is_delimiter_row(next, nle)) in_gfm_table_ = true;
    }

    // HTML block.
    if (!in_html_block_ && indent <= 3 && c < le && s_[c] == '<') {
      size_t j = c + 1;
      if (j < le && s_[j] == '/') ++j;
      size_t nb = j;
      while (j < le && (is_alpha(s_[j]) || is_digit(s_[j]))) ++j;
      if (j > nb && is_html_block_tag(s_.substr(nb, j - nb))) in_html_block_ = true;
    }

    // Alerts: > [!NOTE]
    if (bq > 0 && starts_with_at(s_, c, "[!")) {
      size_t j = c + 2;
      while (j < le && (is_alpha(s_[j]) || s_[j] == '-')) ++j;
      alert_ = s_.substr(c + 2, j - c - 2);
    }

    // ATX heading.
    if (indent <= 3 && c < le && s_[c] == '#') {
      size_t j = c;
      while (j < le && s_[j] == '#') ++j;
      size_t level = j - c;
      if (level <= 6 && (j == le || is_space(s_[j]))) {
        line_ctx_.block = BlockKind::Heading;
        line_ctx_.heading_level = static_cast<uint8_t>(level);
        heading_line_ = true;
        heading_segments_begin_ = a_.segments.size();
        heading_content_begin_ = static_cast<uint32_t>(j);
      }
    }

    line_ctx_.list_depth = static_cast<uint8_t>(std::min<size_t>(lists_.size(), 255));
    line_ctx_.gfm_table = in_gfm_table_;
    line_ctx_.alert = alert_;
    if (line_ctx_.block != BlockKind::Heading) {
      if (in_gfm_table_) line_ctx_.block = BlockKind::TableRow;
      else if (item || !lists_.empty()) line_ctx_.block = BlockKind::ListItem;
      else if (in_html_block_) line_ctx_.block = BlockKind::HtmlBlock;
    }

    // Link reference definition: [label]: url
    if (c < le && s_[c] == '[' && !in_gfm_table_) {
      size_t close = find_before("]:", c, le);
      if (close != std::string_view::npos && close < le && s_.substr(c, close - c).find('[', 1) == std::string_view::npos &&
          s_.substr(c, close - c).find(kTtuAttr) == std::string_view::npos) {
        size_t u = close + 2;
        while (u < le && is_space(s_[u])) ++u;
        size_t ue = u;
        if (u < le && s_[u] == '<') {
          ue = find_before('>', u, le);
          if (ue == std::string_view::npos) ue = le;
          add_link(LinkKind::Reference, LinkPlace::Skeleton, u + 1, ue, c + 1, close, -1);
        } else {
          while (ue < le && !is_space(s_[ue])) ++ue;
          if (ue > u) add_link(LinkKind::Reference, LinkPlace::Skeleton, u, ue, c + 1, close, -1);
        }
      }
    }

    // docfx :::image source="..." :::
    if (starts_with_at(s_, c, ":::image")) {
      for (std::string_view attr : {std::string_view("source=\""), std::string_view("lightbox=\"")}) {
        size_t at = s_.substr(c, le - c).find(attr);
        if (at == std::string_view::npos) continue;
        size_t vb = c + at + attr.size();
        size_t ve = find_before('"', vb, le);
        if (ve != std::string_view::npos && ve <= le)
          add_link(LinkKind::DocfxImage, LinkPlace::Skeleton, vb, ve, vb, vb, -1);
      }
    }

    prev_paragraph_ = !heading_line_ && !in_html_block_;
    prev_blank_ = false;
    return true;
  }

  // --------------------------------------------------------------- links
  void add_link(LinkKind kind, LinkPlace place, size_t tb, size_t te, size_t xb, size_t xe, int32_t segment) {
    Link l;
    l.kind = kind;
    l.place = place;
    l.target = s_.substr(tb, te - tb);
    // Trim spaces around the destination (MT sometimes inserts them).
    l.text = s_.substr(xb, xe > xb ? xe - xb : 0);
    l.location = loc(static_cast<uint32_t>(tb));
    l.segment = segment;
    a_.links.push_back(l);
  }

  // Parses `(dest "title")` starting at `p` (the '('). On success records the
  // link and returns the offset after ')'; returns npos otherwise.
  size_t parse_destination(size_t p, size_t end, LinkKind kind, LinkPlace place, size_t text_b, size_t text_e,
                           int32_t segment) {
    size_t i = p + 1;
    while (i < end && is_space(s_[i])) ++i;
    size_t db = i, de;
    if (i < end && s_[i] == '<') {
      size_t close = find_before('>', i, end);
      if (close == std::string_view::npos) return std::string_view::npos;
      db = i + 1;
      de = close;
      i = close + 1;
    } else {
      int depth = 0;
      while (i < end) {
        char c = s_[i];
        if (c == '\\' && i + 1 < end) {
          i += 2;
          continue;
        }
        if (c == '(') ++depth;
        else if (c == ')') {
          if (depth == 0) break;
          --depth;
        } else if (is_space(c) || c == '\n' || c == '\r') break;
        ++i;
      }
      de = i;
    }
    while (i < end && is_space(s_[i])) ++i;
    if (i < end && (s_[i] == '"' || s_[i] == '\'' || s_[i] == '(')) {
      char closer = s_[i] == '(' ? ')' : s_[i];
      size_t t = find_before(closer, i + 1, end);
      if (t == std::string_view::npos) return std::string_view::npos;
      i = t + 1;
      while (i < end && is_space(s_[i])) ++i;
    }
    if (i >= end || s_[i] != ')') return std::string_view::npos;
    add_link(kind, place, db, de, text_b, text_e, segment);
    return i + 1;
  }

  // Finds the ']' that closes the '[' at `p`, skipping code spans, escapes and
  // nested brackets; npos when there is none before `end` (in the skeleton,
  // before the next segment). Depth counting from every '[' would be
  // quadratic (a 50 MB line of '['), so the first question about a range
  // pairs all its brackets in one pass with a stack, and later questions
  // about the same range are answered from that pass.
  size_t matching_bracket(size_t p, size_t end, bool skeleton) {
    BracketPass& pass = bracket_passes_[{end, skeleton}];
    if (pass.begin == std::string_view::npos || p < pass.begin) pair_brackets(pass, p, end, skeleton);
    size_t& k = pass.cursor;
    if (k >= pass.opens.size() || pass.opens[k] > p)
      k = static_cast<size_t>(std::lower_bound(pass.opens.begin(), pass.opens.end(), static_cast<uint32_t>(p)) -
                              pass.opens.begin());
    while (k < pass.opens.size() && pass.opens[k] < p) ++k;
    if (k < pass.opens.size() && pass.opens[k] == p)
      return pass.closes[k] == BracketPass::kNone ? std::string_view::npos : pass.closes[k];
    // `p` was inside a code span or escaped as the pass saw it (the pass
    // does not skip HTML tags the way scan_inline does): count from `p`
    // directly, within a budget linear in the file.
    return matching_bracket_direct(p, end, skeleton);
  }

  void pair_brackets(BracketPass& pass, size_t p, size_t end, bool skeleton) {
    pass.begin = p;
    pass.opens.clear();
    pass.closes.clear();
    pass.cursor = 0;
    // The stack of open '[' is threaded through `closes`: an open entry
    // holds kOpenTag | (1 + index of the open entry below it), 0 for none.
    uint32_t top = 0;  // 1 + index of the innermost open '[', 0 for none
    auto pop = [&]() {
      uint32_t below = pass.closes[top - 1] & ~BracketPass::kOpenTag;
      pass.closes[top - 1] = BracketPass::kNone;
      uint32_t was = top;
      top = below;
      return was - 1;
    };
    CodeCloser code(s_, end);
    for (size_t i = p; i < end; ++i) {
      char c = s_[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '`') {
        size_t n = backtick_run(s_, i);
        size_t close = code.find(i + n, n);
        i = (close != std::string_view::npos ? close + n : i + n) - 1;
        continue;
      }
      if (skeleton && c == '<' && starts_with_at(s_, i, kTtuAttr)) {
        while (top) pop();  // no link text runs into a segment
        continue;
      }
      if (c == '[') {
        pass.opens.push_back(static_cast<uint32_t>(i));
        pass.closes.push_back(BracketPass::kOpenTag | top);
        top = static_cast<uint32_t>(pass.opens.size());
      } else if (c == ']' && top) {
        pass.closes[pop()] = static_cast<uint32_t>(i);
      }
    }
    while (top) pop();
  }

  size_t matching_bracket_direct(size_t p, size_t end, bool skeleton) {
    int depth = 0;
    CodeCloser code(s_, end);
    for (size_t i = p; i < end; ++i) {
      if (bracket_budget_ == 0) return std::string_view::npos;
      --bracket_budget_;
      char c = s_[i];
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '`') {
        size_t n = backtick_run(s_, i);
        size_t close = code.find(i + n, n);
        size_t next = close != std::string_view::npos ? close + n : i + n;
        bracket_budget_ -= std::min(bracket_budget_, next - i);
        i = next - 1;
        continue;
      }
      if (skeleton && c == '<' && starts_with_at(s_, i, kTtuAttr)) return std::string_view::npos;
      if (c == '[') ++depth;
      else if (c == ']' && --depth == 0) return i;
    }
    return std::string_view::npos;
  }

  // Parses the HTML tag at `p` ('<'): records href/src links and name/id
  // anchors, tracks <table> nesting. Returns the offset after '>' or p + 1.
  size_t parse_html_tag(size_t p, size_t end, LinkPlace place, int32_t segment) {
    size_t i = p + 1;
    bool closing = i < end && s_[i] == '/';
    if (closing) ++i;
    size_t nb = i;
    while (i < end && (is_alpha(s_[i]) || is_digit(s_[i]) || s_[i] == '-' || s_[i] == ':')) ++i;
    if (i == nb || !is_alpha(s_[nb])) return p + 1;
    std::string_view name = s_.substr(nb, i - nb);
    bool is_table = name.size() == 5 && (name[0] | 0x20) == 't' && (name[1] | 0x20) == 'a' &&
                    (name[2] | 0x20) == 'b' && (name[3] | 0x20) == 'l' && (name[4] | 0x20) == 'e';
    bool is_a = name.size() == 1 && (name[0] | 0x20) == 'a';
    if (closing) {
      size_t gt = find_before('>', i, end);
      if (gt == std::string_view::npos) return p + 1;
      if (is_table && place == LinkPlace::Skeleton && html_table_depth_ > 0) --html_table_depth_;
      return gt + 1;
    }
    // Attributes. A tag never closed by '>' is text, not a tag.
    bool closed = false;
    while (i < end) {
      while (i < end && (is_space(s_[i]) || s_[i] == '\n' || s_[i] == '\r')) ++i;
      if (i >= end) return p + 1;
      if (s_[i] == '>') {
        ++i;
        closed = true;
        break;
      }
      if (s_[i] == '/' && i + 1 < end && s_[i + 1] == '>') {
        i += 2;
        closed = true;
        break;
      }
      size_t ab = i;
      // A '<' ends the attempt: "<a b<a b<a b..." must not rescan the
      // rest of the line from every '<'.
      while (i < end && !is_space(s_[i]) && s_[i] != '=' && s_[i] != '>' && s_[i] != '/' && s_[i] != '\n' &&
             s_[i] != '<')
        ++i;
      if (i == ab) return p + 1;
      std::string_view attr = s_.substr(ab, i - ab);
      if (i < end && s_[i] == '=') {
        ++i;
        size_t vb, ve;
        if (i < end && (s_[i] == '"' || s_[i] == '\'')) {
          char q = s_[i];
          vb = i + 1;
          ve = find_before(q, vb, end);
          if (ve == std::string_view::npos) return p + 1;
          i = ve + 1;
        } else {
          vb = i;
          while (i < end && !is_space(s_[i]) && s_[i] != '>' && s_[i] != '<') ++i;
          ve = i;
        }
        auto eq = [&](std::string_view x) {
          return attr.size() == x.size() &&
                 std::equal(attr.begin(), attr.end(), x.begin(), [](char a, char b) { return (a | 0x20) == b; });
        };
        if (eq("href")) add_link(LinkKind::HtmlHref, place, vb, ve, vb, vb, segment);
        else if (eq("src")) add_link(LinkKind::HtmlSrc, place, vb, ve, vb, vb, segment);
        // Anchors of the skeleton and of the target text are published;
        // the source text's are not.
        else if (place != LinkPlace::Source && ve > vb && ((is_a && eq("name")) || eq("id")))
          a_.anchors.push_back(Anchor{std::string(s_.substr(vb, ve - vb)),
                                      eq("id") ? AnchorKind::HtmlId : AnchorKind::NamedAnchor,
                                      loc(static_cast<uint32_t>(vb))});
      }
    }
    if (!closed) return p + 1;
    if (is_table && place == LinkPlace::Skeleton) ++html_table_depth_;
    return i;
  }

  // <scheme:...> or <user@host>: records an autolink; returns offset after '>' or npos.
  size_t parse_autolink(size_t p, size_t end, LinkPlace place, int32_t segment) {
    size_t i = p + 1;
    size_t sb = i;
    while (i < end && (is_alpha(s_[i]) || is_digit(s_[i]) || s_[i] == '+' || s_[i] == '.' || s_[i] == '-')) ++i;
    bool scheme = i - sb >= 2 && i - sb <= 32 && is_alpha(s_[sb]) && i < end && s_[i] == ':';
    size_t j = p + 1;
    bool email = false;
    if (!scheme) {
      while (j < end && s_[j] != '>' && s_[j] != '<' && !is_space(s_[j]) && s_[j] != '\n') {
        if (s_[j] == '@') email = true;
        ++j;
      }
      if (!email || j >= end || s_[j] != '>') return std::string_view::npos;
    } else {
      j = i + 1;
      while (j < end && s_[j] != '>' && s_[j] != '<' && !is_space(s_[j]) && s_[j] != '\n' && s_[j] != '\r') ++j;
      if (j >= end || s_[j] != '>') return std::string_view::npos;
    }
    add_link(LinkKind::Autolink, place, p + 1, j, p + 1, j, segment);
    return j + 1;
  }

  // HTML comment at p ("<!--"): records tmlint directives; returns the offset
  // after "-->" (or the end of the text when it is never closed).
  size_t parse_comment(size_t p, size_t limit) {
    size_t close = find_before("-->", p + 4, limit);
    size_t body_end = close == std::string_view::npos ? std::min(limit, s_.size()) : close;
    size_t after = close == std::string_view::npos ? body_end : close + 3;
    std::string_view body = s_.substr(p + 4, body_end - p - 4);
    size_t b = body.find_first_not_of(" \t\r\n");
    if (b != std::string_view::npos && body.substr(b, 6) == "tmlint") parse_directive(body.substr(b), p, body_end);
    return after;
  }

  void parse_directive(std::string_view body, size_t begin, size_t end) {
    static constexpr std::pair<std::string_view, Directive::Kind> kKinds[] = {
        {"tmlint-disable-next-line", Directive::DisableNextLine},
        {"tmlint-disable-line", Directive::DisableLine},
        {"tmlint-disable-file", Directive::DisableFile},
        {"tmlint-disable", Directive::Disable},
        {"tmlint-enable", Directive::Enable},
    };
    for (auto [word, kind] : kKinds) {
      if (body.substr(0, word.size()) != word) continue;
      std::string_view rest = body.substr(word.size());
      if (!rest.empty() && !is_space(rest[0]) && rest[0] != '\n' && rest[0] != '\r' && rest[0] != ',') continue;
      Directive d;
      d.kind = kind;
      d.line = loc(static_cast<uint32_t>(kind == Directive::DisableNextLine ? end : begin)).line;
      size_t i = 0;
      while (i < rest.size()) {
        while (i < rest.size() && (is_space(rest[i]) || rest[i] == ',' || rest[i] == '\n' || rest[i] == '\r')) ++i;
        size_t wb = i;
        while (i < rest.size() && !is_space(rest[i]) && rest[i] != ',' && rest[i] != '\n' && rest[i] != '\r') ++i;
        if (i > wb) d.rules.emplace_back(rest.substr(wb, i - wb));
      }
      a_.directives.push_back(std::move(d));
      return;
    }
  }

  // Reports a `<span data-ttu-id=` that is not a well-formed opening tag
  // (FORMAT.md §5.1: the &quot; corruption swallows whole segments).
  // `p` is where the tag starts, `id_at` where its id value starts.
  void report_corrupt_tag(size_t p) { report_corrupt_tag(p, p + kTtuAttr.size()); }
  void report_corrupt_tag(size_t p, size_t id_at) {
    size_t i = std::min(id_at, s_.size());
    if (starts_with_at(s_, i, "&quot;")) i += 6;
    else if (i < s_.size() && s_[i] == '"') ++i;
    size_t ib = i;
    while (i < s_.size() && i - ib < 16 && (is_alpha(s_[i]) || is_digit(s_[i]) || s_[i] == '-')) ++i;
    std::string_view id = s_.substr(ib, i - ib);
    issue(LoadIssueKind::Parse, static_cast<uint32_t>(p),
          fmt::format("malformed segment tag (corrupted attribute quoting{}): segment {} is not loaded",
                      s_.substr(p, 64).find("&quot;") != std::string_view::npos ? ", '&quot;' instead of '\"'" : "",
                      id.empty() ? "?" : id),
          id);
  }

  // ------------------------------------------------------------- segments
  // Lexes the pair whose opening tag starts at p. Returns the offset where
  // scanning resumes.
  size_t lex_segment(size_t p) {
    size_t ib = p + kOpen.size();
    size_t q = find_before('"', ib, ib + 64);
    std::string_view id = q == std::string_view::npos ? s_.substr(ib, 40) : s_.substr(ib, q - ib);
    if (q == std::string_view::npos || corrupt_id(id) || q + 1 >= s_.size() || s_[q + 1] != '>') {
      report_corrupt_tag(p);
      return p + kTtuAttr.size();
    }
    size_t tb = q + 2;
    size_t next_open = s_.find(kTtuAttr, tb);
    size_t limit = next_open == std::string_view::npos ? s_.size() : next_open;
    size_t mid = find_before(kMid, tb, limit);

    Segment seg;
    seg.id = id;
    seg.location = loc(static_cast<uint32_t>(p));
    seg.context = segment_context();
    size_t resume;
    if (mid == std::string_view::npos || mid > limit) {
      // A ttu span without its sxs-lookup source.
      size_t close = find_before(kCloseSpan, tb, limit);
      if (close == std::string_view::npos || close > limit) {
        issue(LoadIssueKind::Parse, static_cast<uint32_t>(p),
              fmt::format("unclosed segment span: '<span data-ttu-id=\"{}\">' has no '</span>'", id), id);
        return tb;
      }
      issue(LoadIssueKind::MissingSource, static_cast<uint32_t>(p),
            fmt::format("segment {} has no source: its target span is not followed by the sxs-lookup span", id), id);
      set_text(seg.target, tb, close);
      seg.source.location = loc(static_cast<uint32_t>(close));
      seg.source.raw = s_.substr(close, 0);
      seg.has_source = false;
      resume = close + kCloseSpan.size();
    } else {
      set_text(seg.target, tb, mid);
      size_t sib = mid + kMid.size();
      size_t sq = find_before('"', sib, sib + 64);
      std::string_view sid = sq == std::string_view::npos ? std::string_view() : s_.substr(sib, sq - sib);
      if (sq == std::string_view::npos || corrupt_id(sid) || sq + 1 >= s_.size() || s_[sq + 1] != '>') {
        report_corrupt_tag(p);
        return tb;
      }
      if (sid != id)
        issue(LoadIssueKind::IdMismatch, static_cast<uint32_t>(sib),
              fmt::format("source id {} differs from target id {}", sid, id), id);
      size_t sb = sq + 2;
      size_t se = source_end(sb, limit);
      if (se == std::string_view::npos) {
        issue(LoadIssueKind::Parse, static_cast<uint32_t>(sb),
              fmt::format("unclosed source span of segment {}: no '</span></span>' before {}", id,
                          next_open == std::string_view::npos ? "the end of the file" : "the next segment"),
              id);
        set_text(seg.source, sb, limit);
        resume = limit;
      } else {
        set_text(seg.source, sb, se);
        if (starts_with_at(s_, se + kCloseSpan.size(), kCloseSpan)) {
          resume = se + 2 * kCloseSpan.size();
        } else {
          issue(LoadIssueKind::Parse, static_cast<uint32_t>(se),
                fmt::format("source span of segment {} is closed by one '</span>' instead of two", id), id);
          resume = se + kCloseSpan.size();
        }
      }
    }
    seg.end_offset = static_cast<uint32_t>(resume);
    check_id(seg.id, p);
    int32_t index = static_cast<int32_t>(a_.segments.size());
    a_.segments.push_back(std::move(seg));
    const Segment& s = a_.segments.back();
    size_t t0 = s.target.raw.data() - s_.data();
    scan_inline(t0, t0 + s.target.raw.size(), LinkPlace::Target, index);
    if (s.has_source) {
      size_t s0 = s.source.raw.data() - s_.data();
      scan_inline(s0, s0 + s.source.raw.size(), LinkPlace::Source, index);
    }
    return resume;
  }

  // FORMAT.md §8 step 3: the source ends at the first '</span>' at span
  // depth 0, ignoring anything inside inline code.
  size_t source_end(size_t from, size_t limit) {
    int depth = 0;
    size_t i = from;
    CodeCloser code(s_, limit);
    while (i < limit) {
      size_t hit = find_either(i, '<', '`', limit);
      if (hit >= limit) return std::string_view::npos;
      i = hit;
      if (s_[i] == '`') {
        size_t n = backtick_run(s_, i);
        size_t close = code.find(i + n, n);
        i = close == std::string_view::npos ? i + n : close + n;
        continue;
      }
      if (starts_with_at(s_, i, kCloseSpan)) {
        if (depth == 0) return i;
        --depth;
        i += kCloseSpan.size();
        continue;
      }
      if (starts_with_at(s_, i, "<span") && i + 5 < s_.size() && (s_[i + 5] == ' ' || s_[i + 5] == '>')) {
        size_t gt = find_before('>', i, limit);
        if (gt != std::string_view::npos && s_[gt - 1] != '/') ++depth;
      }
      ++i;
    }
    return std::string_view::npos;
  }

  void set_text(SegmentText& t, size_t b, size_t e) {
    t.raw = s_.substr(b, e - b);
    t.location = loc(static_cast<uint32_t>(b));
    if (t.raw.find('&') != std::string_view::npos) t.has_decoded = decode_entities(t.raw, t.decoded_storage);
    if (!t.has_decoded) t.decoded_storage.clear();
  }

  void check_id(std::string_view id, size_t p) {
    if (!ids_.insert(id).second) {
      issue(LoadIssueKind::DuplicateId, static_cast<uint32_t>(p), fmt::format("segment id {} occurs twice in the file", id),
            id);
      return;
    }
    if (!valid_segment_id(id)) {
      issue(LoadIssueKind::Parse, static_cast<uint32_t>(p),
            fmt::format("segment id '{}' does not match the form 'xxxxx-NNN' (5 hex digits, '-', optional 'p', 3-4 digits)",
                        id),
            id);
      return;
    }
    std::string_view prefix = id.substr(0, 5);
    if (prefix_.empty()) prefix_ = prefix;
    else if (prefix != prefix_)
      issue(LoadIssueKind::IdOrder, static_cast<uint32_t>(p),
            fmt::format("segment id prefix {} differs from the file's prefix {}", prefix, prefix_), id);
    bool p_form = id[6] == 'p';
    long number = 0;
    for (size_t i = p_form ? 7 : 6; i < id.size(); ++i) number = number * 10 + (id[i] - '0');
    long& last = p_form ? last_p_ : last_plain_;
    if (number <= last)
      issue(LoadIssueKind::IdOrder, static_cast<uint32_t>(p),
            fmt::format("segment id {} is out of order: it follows {}{}", id, p_form ? "p" : "", last), id);
    last = std::max(last, number);
  }

  SegmentContext segment_context() const {
    SegmentContext c;
    c.block = line_ctx_.block;
    c.heading_level = line_ctx_.heading_level;
    c.list_depth = line_ctx_.list_depth;
    c.blockquote_depth = line_ctx_.blockquote_depth;
    c.in_table = line_ctx_.gfm_table || html_table_depth_ > 0;
    c.alert = line_ctx_.alert;
    return c;
  }

  // --------------------------------------------------------------- inline
  // Scans [p, end) for inline structure. In the skeleton (place ==
  // Skeleton) it also lexes segments and comments, which may run past `end`;
  // it returns where it stopped.
  size_t scan_inline(size_t p, size_t end, LinkPlace place, int32_t segment) {
    if (inline_depth_ == 0) bracket_passes_.clear();  // a new line or text: earlier ranges are done
    ++inline_depth_;
    size_t r = scan_inline_range(p, end, place, segment);
    --inline_depth_;
    return r;
  }

  size_t scan_inline_range(size_t p, size_t end, LinkPlace place, int32_t segment) {
    const bool skeleton = place == LinkPlace::Skeleton;
    CodeCloser code(s_, end);
    size_t i = p;
    while (i < end) {
      // The next byte that starts inline structure, by table (the compare
      // chain per byte was most of this function's own cost).
      const bool* stops = skeleton ? kInlineStops.skeleton : kInlineStops.text;
      size_t hit = find_stop_byte(s_.data(), i, end, stops);
      if (hit >= end) return end;
      i = hit;
      char c = s_[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '`') {
        size_t n = backtick_run(s_, i);
        size_t close = code.find(i + n, n);
        i = close == std::string_view::npos ? i + n : close + n;
        continue;
      }
      if (c == 'd') {
        // A stray ttu attribute not inside a '<span ' tag we lexed (corruption).
        if (starts_with_at(s_, i, "data-ttu-id=") && !(i >= 6 && s_.compare(i - 6, 6, "<span ") == 0))
          report_corrupt_tag_at_attr(i);
        ++i;
        continue;
      }
      if (c == '<') {
        if (skeleton && starts_with_at(s_, i, kTtuAttr)) {
          size_t r = starts_with_at(s_, i, kOpen) ? lex_segment(i) : (report_corrupt_tag(i), i + kTtuAttr.size());
          if (r > end) return r;
          i = r;
          continue;
        }
        if (starts_with_at(s_, i, "<!--")) {
          // In the skeleton a comment may run over lines; inside a
          // segment text it ends with the text.
          size_t r = parse_comment(i, skeleton ? s_.size() : end);
          if (!skeleton) {
            i = std::min(r, end);
            continue;
          }
          if (r > end) return r;
          i = r;
          continue;
        }
        if (skeleton && starts_with_at(s_, i, kLookup)) {
          issue(LoadIssueKind::Parse, static_cast<uint32_t>(i),
                "sxs-lookup source span without a target: no '<span data-ttu-id=...>' before it");
          i += kLookup.size();
          continue;
        }
        size_t r = parse_autolink(i, end, place, segment);
        if (r != std::string_view::npos) {
          i = r;
          continue;
        }
        i = parse_html_tag(i, end, place, segment);
        continue;
      }
      if (c == '!') {
        if (i + 1 < end && s_[i + 1] == '[') {
          size_t close = matching_bracket(i + 1, end, skeleton);
          if (close != std::string_view::npos && close + 1 < end && s_[close + 1] == '(') {
            size_t r = parse_destination(close + 1, end, LinkKind::Image, place, i + 2, close, segment);
            if (r != std::string_view::npos) {
              i = r;
              continue;
            }
          }
        }
        ++i;
        continue;
      }
      // '['
      if (skeleton && starts_with_at(s_, i + 1, kOpen)) {
        // [PAIR](url): a link wrapping exactly one segment (FORMAT.md §2.2).
        size_t index = a_.segments.size();
        size_t r = lex_segment(i + 1);
        if (a_.segments.size() > index && starts_with_at(s_, r, "](")) {
          size_t le = line_end_at(r);
          size_t links_before = a_.links.size();
          size_t after = parse_destination(r + 1, le, LinkKind::Inline, place, i + 1, r, static_cast<int32_t>(index));
          if (after != std::string_view::npos) {
            a_.segments[index].context.wrapping_link = a_.links[links_before].target;
            r = after;
          }
        }
        if (r > end) return r;
        i = r;
        continue;
      }
      size_t close = matching_bracket(i, end, skeleton);
      if (close != std::string_view::npos && close + 1 < end && s_[close + 1] == '(') {
        // Scan the link text first (it may hold code, images, tags), then
        // record the link and continue after its destination.
        size_t links_before = a_.links.size();
        // Link texts nested deeper than any real article are not looked
        // into (no unbounded recursion on 10,000 nested '[').
        if (inline_depth_ < kMaxLinkTextDepth) scan_inline(i + 1, close, place, segment);
        size_t r = parse_destination(close + 1, end, LinkKind::Inline, place, i + 1, close, segment);
        if (r != std::string_view::npos) {
          // Keep document order: the outer link before links in its text.
          std::rotate(a_.links.begin() + static_cast<std::ptrdiff_t>(links_before), a_.links.end() - 1,
                      a_.links.end());
          i = r;
        } else {
          i = close + 1;
        }
        continue;
      }
      ++i;
    }
    return i;
  }

  void report_corrupt_tag_at_attr(size_t attr) {
    // Point at the enclosing '<span' when there is one just before.
    size_t lt = attr;
    for (size_t k = 1; k < 8 && k <= attr; ++k)
      if (s_[attr - k] == '<') {
        lt = attr - k;
        break;
      }
    report_corrupt_tag(lt, attr + 12);  // after "data-ttu-id="
  }

  // -------------------------------------------------------------- headings
  void finish_heading(size_t line_end) {
    if (!heading_line_) return;
    heading_line_ = false;
    // Source view and target view of the heading: segments replaced by
    // their source (resp. target) text.
    std::string source_view, target_view;
    size_t cursor = heading_content_begin_;
    for (size_t k = heading_segments_begin_; k < a_.segments.size(); ++k) {
      const Segment& seg = a_.segments[k];
      std::string_view skel = s_.substr(cursor, seg.location.offset - cursor);
      source_view += skel;
      target_view += skel;
      source_view += seg.source.decoded();
      target_view += seg.target.decoded();
      cursor = seg.end_offset;
    }
    if (cursor < line_end) {
      source_view += s_.substr(cursor, line_end - cursor);
      target_view += s_.substr(cursor, line_end - cursor);
    }
    // Explicit {#id}.
    size_t brace = source_view.rfind("{#");
    if (brace != std::string::npos) {
      size_t close = source_view.find('}', brace);
      if (close != std::string::npos && close > brace + 2)
        a_.anchors.push_back(Anchor{source_view.substr(brace + 2, close - brace - 2), AnchorKind::ExplicitId,
                                    loc(heading_content_begin_)});
    }
    Location where = loc(heading_content_begin_);
    std::string s1 = heading_slug(strip_inline_markup(trim_closing_hashes(source_view)));
    if (!s1.empty()) a_.anchors.push_back(Anchor{s1, AnchorKind::HeadingSlug, where});
    if (a_.segments.size() > heading_segments_begin_) {
      std::string s2 = heading_slug(strip_inline_markup(trim_closing_hashes(target_view)));
      if (!s2.empty() && s2 != s1) a_.anchors.push_back(Anchor{s2, AnchorKind::HeadingSlug, where});
    }
  }

  // "## Title ##" -> "## Title": a closing sequence of '#' preceded by a space.
  static std::string trim_closing_hashes(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    size_t e = s.size();
    while (e > 0 && s[e - 1] == '#') --e;
    if (e < s.size() && e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) s.resize(e);
    return s;
  }

  // ------------------------------------------------------------------ body
  void scan_body(size_t body) {
    size_t pos = body;
    bool at_line_start = true;
    while (pos < s_.size()) {
      size_t le = line_end_at(pos);
      size_t next = next_line_at(le);
      if (at_line_start && !classify_line(pos, le, next)) {
        pos = next;
        continue;
      }
      size_t r = scan_inline(pos, le, LinkPlace::Skeleton, -1);
      if (r > le) {
        // A segment or comment ran onto later lines; the rest of the line
        // where it ended belongs to the same block.
        pos = r;
        at_line_start = false;
        continue;
      }
      finish_heading(le);
      pos = next;
      at_line_start = true;
    }
    finish_heading(s_.size());
    if (fence_.open) {
      a_.code_blocks.emplace_back(fence_.begin, static_cast<uint32_t>(s_.size()));
      issue(LoadIssueKind::Parse, fence_.begin, "code fence is never closed: the rest of the file is code");
    }
  }
};

bool is_yaml_path(std::string_view p) {
  auto ends = [&](std::string_view suffix) {
    return p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".yml") || ends(".yaml");
}

}  // namespace

std::unique_ptr<Article> load_article(std::string path, std::string rel_path, std::string bytes,
                                      const LoadLimits& limits) {
  auto a = std::make_unique<Article>();
  a->path = std::move(path);
  a->rel_path = std::move(rel_path);
  a->bytes = std::move(bytes);
  std::string_view text = a->bytes;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    a->has_bom = true;
    text.remove_prefix(3);
  }
  a->text = text;
  a->lines = LineIndex(text);
  a->has_crlf = text.find("\r\n") != std::string_view::npos;
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    a->issues.push_back(LoadIssue{LoadIssueKind::Parse, a->locate(0),
                                  "file is UTF-16 (byte order mark FF FE or FE FF); tmlint reads UTF-8 only", {}});
    a->unread = true;
    return a;
  }
  if (is_yaml_path(a->rel_path.empty() ? a->path : a->rel_path)) {
    a->yaml_page = true;
    load_yaml_page(*a, limits);
    return a;
  }
  Loader(*a, limits).run();
  return a;
}

}  // namespace tmlint
