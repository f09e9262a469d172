// The HTML report: one self-contained page for localizers. The C++ side only
// gathers the data (summary, files, findings with their pairs split around
// the marked part) into one JSON blob; the page's script renders it with
// textContent only, so no byte of a file can become markup.
#include <openssl/evp.h>

#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "base/text_escape.h"
#include "engine/rule.h"
#include "report/html_report_page.h"
#include "report/reporters.h"

namespace tmlint {
namespace {

// Texts longer than this are cut around the mark: a report stays readable
// (and small) whatever a hostile file holds.
constexpr size_t kMaxText = 4000;
constexpr size_t kMaxLine = 400;

// A JSON string that may sit inside a <script> element: besides JSON's own
// escapes, '<', '>' and '&' are written as \u escapes, so neither
// "</script>" nor "<!--" can appear in the blob.
void add_string(std::string& out, std::string_view s) {
  std::string tmp;
  json_escape(tmp, s);
  out += '"';
  for (char c : tmp) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out.push_back(c);
  }
  out += '"';
}

void add_key(std::string& out, std::string_view key, std::string_view value) {
  out += '"';
  out += key;
  out += "\":";
  add_string(out, value);
}

// Byte offset in `line` of the 1-based code-point `column`, counting code
// points as count_code_points does (each byte of an invalid sequence is one).
size_t byte_of_column(std::string_view line, uint32_t column) {
  uint32_t n = 1;
  int expect = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    bool starts = true;
    if (c < 0x80) {
      expect = 0;
    } else if ((c & 0xC0) == 0x80) {
      if (expect > 0) {
        --expect;
        starts = false;
      }
    } else {
      expect = c >= 0xF8 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    }
    if (starts) {
      if (n == column) return i;
      ++n;
    }
  }
  return line.size();
}

// Where in the article's text a finding points: its offset when it agrees
// with its line and column, else the offset of that line and column.
std::optional<uint32_t> text_offset(const Article& a, const Location& loc) {
  if (a.lines.line_count() == 0) return std::nullopt;
  if (a.locate(loc.offset) == loc) return loc.offset;
  if (loc.line < 1 || loc.line > a.lines.line_count()) return std::nullopt;
  std::string_view line = a.lines.line_text(loc.line);
  return a.lines.line_start(loc.line) + static_cast<uint32_t>(byte_of_column(line, loc.column));
}

size_t utf8_forward(std::string_view s, size_t i) {
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

// End of the marked part that starts at `begin` in `t`: the whole URL when a
// link starts there, else the rest of the word (up to white space or markup).
size_t mark_end(const Article& a, uint32_t at, std::string_view t, size_t begin) {
  for (const Link& l : a.links)
    if (!l.target.empty() && l.target.data() == a.text.data() + at) return std::min(t.size(), begin + l.target.size());
  size_t e = begin;
  while (e < t.size()) {
    char c = t[e];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
    if (e > begin && std::string_view("<>()[]\"'`").find(c) != std::string_view::npos) break;
    ++e;
  }
  if (e == begin && e < t.size()) e = utf8_forward(t, e + 1);
  return utf8_forward(t, e);
}

// `t` as a JSON string, or as [before, marked, after] when [begin, end) is
// marked; cut to about `limit` bytes around the mark, with an ellipsis.
void add_text(std::string& out, std::string_view t, std::optional<std::pair<size_t, size_t>> mark, size_t limit) {
  size_t from = 0, to = t.size();
  if (t.size() > limit) {
    size_t centre = mark ? mark->first : 0;
    from = centre > limit / 3 ? centre - limit / 3 : 0;
    to = std::min(t.size(), from + limit);
    from = utf8_forward(t, from);
    to = utf8_forward(t, to);
  }
  std::string head = from ? "\xE2\x80\xA6" : "", tail = to < t.size() ? "\xE2\x80\xA6" : "";
  if (!mark) {
    add_string(out, head + std::string(t.substr(from, to - from)) + tail);
    return;
  }
  size_t b = std::clamp(mark->first, from, to), e = std::clamp(mark->second, b, to);
  out += '[';
  add_string(out, head + std::string(t.substr(from, b - from)));
  out += ',';
  add_string(out, t.substr(b, e - b));
  out += ',';
  add_string(out, std::string(t.substr(e, to - e)) + tail);
  out += ']';
}

// The mark of a finding at `at` inside the text `t` (a view into the article).
std::optional<std::pair<size_t, size_t>> mark_in(const Article& a, std::optional<uint32_t> at, std::string_view t) {
  if (!at) return std::nullopt;
  size_t start = static_cast<size_t>(t.data() - a.text.data());
  if (*at < start || *at >= start + t.size()) return std::nullopt;
  size_t begin = *at - start;
  return std::pair{begin, mark_end(a, *at, t, begin)};
}

// The line of the file a finding is on, cut around its marked part.
void add_line(std::string& out, const Article& a, const Diagnostic& d, uint32_t at) {
  std::string_view line = a.lines.line_text(d.location.line);
  size_t start = a.lines.line_start(d.location.line);
  std::optional<std::pair<size_t, size_t>> mark;
  if (at >= start && at < start + line.size()) {
    size_t begin = at - start;
    mark = std::pair{begin, mark_end(a, at, line, begin)};
  }
  out += ",\"ctx\":";
  add_text(out, line, mark, kMaxLine);
}

void add_finding(std::string& out, const Diagnostic& d, size_t article, const Article* a) {
  out += fmt::format("{{\"a\":{},\"line\":{},\"col\":{},", article, d.location.line, d.location.column);
  add_key(out, "rule", d.rule);
  out += ',';
  add_key(out, "sev", severity_name(d.severity));
  out += ',';
  add_key(out, "seg", d.segment);
  out += ',';
  add_key(out, "msg", d.message);
  std::optional<uint32_t> at = a ? text_offset(*a, d.location) : std::nullopt;
  const Segment* seg = nullptr;
  if (a && !d.segment.empty()) {
    // The pair the location falls in, else the first of that id.
    for (const Segment& s : a->segments) {
      if (s.id != d.segment) continue;
      if (at && *at >= s.location.offset && *at < s.end_offset) {
        seg = &s;
        break;
      }
      if (!seg) seg = &s;
    }
  }
  if (seg) {
    auto src_mark = seg->has_source ? mark_in(*a, at, seg->source.raw) : std::nullopt;
    auto tgt_mark = mark_in(*a, at, seg->target.raw);
    // Outside the pair (the URL of a link around it): the pair, and the line
    // with that part marked.
    bool outside = at && (*at < seg->location.offset || *at >= seg->end_offset) && d.location.line <= a->lines.line_count();
    std::string_view where = src_mark ? "source" : tgt_mark ? "target" : outside ? "line" : "pair";
    out += ",\"src\":";
    if (seg->has_source) add_text(out, seg->source.raw, src_mark, kMaxText);
    else out += "null";
    out += ",\"tgt\":";
    add_text(out, seg->target.raw, tgt_mark, kMaxText);
    if (outside) add_line(out, *a, d, *at);
    out += ',';
    add_key(out, "at", where);
  } else if (!d.segment.empty() && (!d.source_text.empty() || !d.target_text.empty())) {
    out += ",\"src\":";
    add_text(out, d.source_text, std::nullopt, kMaxText);
    out += ",\"tgt\":";
    add_text(out, d.target_text, std::nullopt, kMaxText);
    out += ",\"at\":\"pair\"";
  } else if (a && at && d.location.line >= 1 && d.location.line <= a->lines.line_count()) {
    // No pair: the line of the file the finding is on.
    add_line(out, *a, d, *at);
    out += ",\"at\":\"line\"";
  }
  out += '}';
}

std::string sha256_base64(std::string_view s) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), digest, &len, EVP_sha256(), nullptr);
  unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  int n = EVP_EncodeBlock(b64, digest, static_cast<int>(len));
  return std::string(reinterpret_cast<const char*>(b64), static_cast<size_t>(n));
}

}  // namespace

void write_html(std::ostream& out, const CheckResult& result, const BatchStats& stats, const HtmlOptions& options) {
  std::map<std::string_view, const ArticleStats*> stats_of;
  for (const ArticleStats& s : stats.articles) stats_of[s.path] = &s;
  std::map<std::string_view, const Article*> article_of;
  for (const auto& a : result.articles) article_of[a->path] = a.get();

  // The rows: every checked file (articles and TOC.yml pages), in path order,
  // then any path a finding names that no checked file has.
  std::vector<std::pair<std::string, std::string>> rows;  // path, rel_path
  std::map<std::string, size_t, std::less<>> row_of;
  auto add_row = [&](const std::string& path, const std::string& rel) {
    if (row_of.emplace(path, rows.size()).second) rows.emplace_back(path, rel);
  };
  for (const CheckedFile& f : result.files) add_row(f.path, f.rel_path);
  for (const Diagnostic& d : result.diagnostics)
    if (!d.suppressed) add_row(d.path, d.rel_path.empty() ? d.path : d.rel_path);

  const Summary& s = result.summary;
  std::string data;
  data.reserve(4096 + result.diagnostics.size() * 600 + rows.size() * 200);
  data += "{";
  add_key(data, "tool", "tmlint");
  data += ',';
  add_key(data, "version", TMLINT_VERSION);
  data += ',';
  add_key(data, "root", result.root);
  data += ',';
  add_key(data, "ruleDocs", options.rule_docs);
  data += fmt::format(",\"withSource\":{},\"summary\":{{", options.with_source ? "true" : "false");
  const ArticleStats& t = stats.total;
  data += fmt::format(
      "\"files\":{},\"yamlPages\":{},\"segments\":{},\"sourceWords\":{},\"targetCharacters\":{},\"untranslated\":{},"
      "\"errors\":{},\"warnings\":{},\"infos\":{},\"suppressed\":{},\"baselined\":{},\"mt\":{},\"ht\":{},"
      "\"stale\":{},\"fresh\":{},\"unknownStaleness\":{}}}",
      s.files, s.yaml_pages, s.segments, t.source_words, t.target_characters, t.untranslated, s.errors, s.warnings,
      s.infos, s.suppressed, s.baselined, stats.mt_articles, stats.ht_articles, stats.stale_articles,
      stats.fresh_articles, stats.unknown_staleness);
  data += ",\"notes\":[";
  for (size_t i = 0; i < s.notes.size(); ++i) {
    data += i ? ",{" : "{";
    add_key(data, "rule", s.notes[i].rule);
    data += ',';
    add_key(data, "message", s.notes[i].message);
    data += '}';
  }
  data += "],\"rules\":[";
  bool first = true;
  for (const Rule& r : all_rules()) {
    data += first ? "{" : ",{";
    first = false;
    add_key(data, "id", r.info.id);
    data += ',';
    add_key(data, "category", r.info.category);
    data += ',';
    add_key(data, "severity", severity_name(r.info.default_severity));
    data += ',';
    add_key(data, "summary", r.info.summary);
    data += '}';
  }
  data += "],\"files\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [path, rel] = rows[i];
    data += i ? ",{" : "{";
    add_key(data, "path", path);
    data += ',';
    add_key(data, "rel", rel);
    auto st = stats_of.find(path);
    if (st != stats_of.end()) {
      const ArticleStats& a = *st->second;
      data += ',';
      add_key(data, "locale", a.locale);
      data += ',';
      add_key(data, "type", a.translation_type);
      data += ',';
      add_key(data, "handoff", a.handoff);
      data += ',';
      add_key(data, "stale", staleness_name(a.staleness));
      data += fmt::format(",\"segments\":{},\"words\":{},\"chars\":{},\"untranslated\":{}", a.segments, a.source_words,
                          a.target_characters, a.untranslated);
    } else {
      auto art = article_of.find(path);
      data += fmt::format(",\"toc\":{}", art != article_of.end() && art->second->yaml_page ? "true" : "false");
    }
    data += '}';
  }
  data += "],\"findings\":[";
  first = true;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    if (!first) data += ",\n";
    first = false;
    auto art = article_of.find(d.path);
    add_finding(data, d, row_of.find(d.path)->second, art == article_of.end() ? nullptr : art->second);
  }
  data += "]}";

  std::string_view script = html_page::kScript, style = html_page::kStyle;
  std::string page;
  page.reserve(data.size() + script.size() + style.size() + 2048);
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing is fetched, and only the page's own script and style run, even
  // if something in the data ever became markup.
  page += fmt::format(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-{}'; "
      "style-src 'sha256-{}'; img-src data:\">\n",
      sha256_base64(script), sha256_base64(style));
  page += "<meta name=\"generator\" content=\"tmlint " TMLINT_VERSION "\">\n<title>tmlint report: ";
  append_xml_escaped(page, result.root.empty() ? std::string_view("(no files)") : std::string_view(result.root));
  page += "</title>\n<style>";
  page += style;
  page += "</style>\n</head>\n<body id=\"tmlint-body\">\n";
  page += html_page::kBody;
  page += "<script type=\"application/json\" id=\"tmlint-data\">";
  page += data;
  page += "</script>\n<script>";
  page += script;
  page += "</script>\n</body>\n</html>\n";
  out << page;
}

}  // namespace tmlint
