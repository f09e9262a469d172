#include "tm/tm_writers.h"

#include <fmt/format.h>

#include <unordered_map>

#include "base/text_escape.h"
#include "tm/inline_tags.h"

namespace tmlint {
namespace {

void append_xml(std::string& out, std::string_view s, TmWriteStats& stats) {
  append_xml_escaped(out, s, &stats.replaced_characters);
}

std::string_view front_value(const Article& a, std::string_view key) {
  const auto* e = a.front(key);
  return e ? std::string_view(e->value) : std::string_view();
}

std::string_view lang_or_und(std::string_view lang) { return lang.empty() ? "und" : lang; }

// One side of a TMX pair: plain text, or text with its inline codes.
void append_tmx_seg(std::string& out, const std::vector<InlinePiece>& pieces, TmWriteStats& stats) {
  for (const InlinePiece& p : pieces) {
    switch (p.kind) {
      case InlinePiece::Text: append_xml(out, p.text, stats); break;
      case InlinePiece::Placeholder:
        out += fmt::format("<ph x=\"{}\" type=\"{}\">", p.x, p.type);
        append_xml(out, p.text, stats);
        out += "</ph>";
        break;
      case InlinePiece::Begin:
        out += fmt::format("<bpt i=\"{}\" x=\"{}\" type=\"{}\">", p.i, p.x, p.type);
        append_xml(out, p.text, stats);
        out += "</bpt>";
        break;
      case InlinePiece::End:
        out += fmt::format("<ept i=\"{}\">", p.i);
        append_xml(out, p.text, stats);
        out += "</ept>";
        break;
      case InlinePiece::IsolatedBegin:
      case InlinePiece::IsolatedEnd:
        out += fmt::format("<it pos=\"{}\" x=\"{}\" type=\"{}\">", p.kind == InlinePiece::IsolatedBegin ? "begin" : "end",
                           p.x, p.type);
        append_xml(out, p.text, stats);
        out += "</it>";
        break;
    }
  }
}

void append_prop(std::string& out, std::string_view type, std::string_view value, TmWriteStats& stats) {
  if (value.empty()) return;
  out += fmt::format("      <prop type=\"{}\">", type);
  append_xml(out, value, stats);
  out += "</prop>\n";
}

void write_tmx(const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out,
               TmWriteStats& stats) {
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"tmlint\" "
         "creationtoolversion=\"" TMLINT_VERSION "\" segtype=\"sentence\" o-tmf=\"sxs-markdown\" adminlang=\"en-US\" "
         "srclang=\"";
  append_xml(out, options.source_lang, stats);
  out += "\" datatype=\"markdown\"/>\n  <body>\n";
  for (const TmPair& p : pairs) {
    const Article& a = *p.article;
    out += "    <tu tuid=\"";
    append_xml(out, p.segment->id, stats);
    out += '"';
    if (std::string date = tmx_date(front_value(a, "ms.lasthandoff")); !date.empty())
      out += fmt::format(" creationdate=\"{}\"", date);
    if (p.count > 1) out += fmt::format(" usagecount=\"{}\"", p.count);
    out += ">\n";
    append_prop(out, "x-path", a.rel_path, stats);
    append_prop(out, "x-line", std::to_string(p.segment->location.line), stats);
    append_prop(out, "x-locfileid", front_value(a, "ms.locfileid"), stats);
    append_prop(out, "x-sourcegitcommit", front_value(a, "ms.sourcegitcommit"), stats);
    append_prop(out, "x-translationtype", front_value(a, "ms.translationtype"), stats);
    if (p.untranslated) append_prop(out, "x-state", "untranslated", stats);
    if (p.stale) append_prop(out, "x-stale", "true", stats);
    if (a.plain) append_prop(out, "x-confidence", fmt::format("{:.2f}", p.segment->confidence), stats);
    InlineSides sides = options.inline_tags ? protect_inline_pair(p.source(), p.target())
                                            : InlineSides{{{InlinePiece::Text, p.source(), 0, 0, {}}},
                                                          {{InlinePiece::Text, p.target(), 0, 0, {}}}};
    out += "      <tuv xml:lang=\"";
    append_xml(out, options.source_lang, stats);
    out += "\"><seg>";
    append_tmx_seg(out, sides.source, stats);
    out += "</seg></tuv>\n      <tuv xml:lang=\"";
    append_xml(out, lang_or_und(p.target_lang), stats);
    out += "\"><seg>";
    append_tmx_seg(out, sides.target, stats);
    out += "</seg></tuv>\n    </tu>\n";
  }
  out += "  </body>\n</tmx>\n";
}

// XLIFF ids are NMTOKENs: keep ASCII letters, digits, '.', '-', '_'.
std::string nmtoken(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
              c == '_';
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? "u" : out;
}

// XLIFF 2's inline `type`s are few (fmt, ui, quote, link, image, other):
// tmlint's TMX types mapped onto them.
std::string_view xliff_type(std::string_view tmx_type) {
  if (tmx_type == "link" || tmx_type == "image") return tmx_type;
  if (tmx_type == "bold" || tmx_type == "italic" || tmx_type == "x-strike" || tmx_type == "x-emphasis") return "fmt";
  return "other";
}

// The inline codes of one unit, XLIFF 2 style: every code's original text
// once in the unit's <originalData>, referenced by dataRef from <ph/>,
// <sc/> and <ec/> in the source and target. A code's id is its `x`, so the
// same code has the same id on both sides (XLIFF's correspondence rule);
// an <ec> names its <sc> by startRef, and a code whose partner is missing
// is an isolated <sc>/<ec>.
class XliffCodes {
 public:
  void append(std::string& out, const std::vector<InlinePiece>& pieces, TmWriteStats& stats) {
    std::unordered_map<int, int> x_of_begin;  // i -> x, within this side
    for (const InlinePiece& p : pieces) {
      switch (p.kind) {
        case InlinePiece::Text: append_xml(out, p.text, stats); break;
        case InlinePiece::Placeholder:
          out += fmt::format("<ph id=\"{}\" type=\"{}\" dataRef=\"{}\"/>", p.x, xliff_type(p.type), data_ref(p.text));
          break;
        case InlinePiece::Begin:
          x_of_begin[p.i] = p.x;
          out += fmt::format("<sc id=\"{}\" type=\"{}\" dataRef=\"{}\"/>", p.x, xliff_type(p.type), data_ref(p.text));
          break;
        case InlinePiece::End:
          out += fmt::format("<ec startRef=\"{}\" dataRef=\"{}\"/>", x_of_begin[p.i], data_ref(p.text));
          break;
        case InlinePiece::IsolatedBegin:
        case InlinePiece::IsolatedEnd:
          out += fmt::format("<{} id=\"{}\" isolated=\"yes\" type=\"{}\" dataRef=\"{}\"/>",
                             p.kind == InlinePiece::IsolatedBegin ? "sc" : "ec", p.x, xliff_type(p.type),
                             data_ref(p.text));
          break;
      }
    }
  }

  // <originalData> for the codes appended so far (empty without codes).
  std::string original_data(TmWriteStats& stats) const {
    if (data_.empty()) return {};
    std::string out = "      <originalData>\n";
    for (size_t k = 0; k < data_.size(); ++k) {
      out += fmt::format("        <data id=\"d{}\">", k + 1);
      append_xml(out, data_[k], stats);
      out += "</data>\n";
    }
    return out + "      </originalData>\n";
  }

 private:
  std::string data_ref(std::string_view text) {
    auto [it, added] = index_.try_emplace(text, data_.size());
    if (added) data_.push_back(text);
    return fmt::format("d{}", it->second + 1);
  }
  std::vector<std::string_view> data_;
  std::unordered_map<std::string_view, size_t> index_;
};

void append_note(std::string& out, std::string_view category, std::string_view value, TmWriteStats& stats) {
  if (value.empty()) return;
  out += fmt::format("      <note category=\"{}\">", category);
  append_xml(out, value, stats);
  out += "</note>\n";
}

bool write_xliff(const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out,
                 TmWriteStats& stats, std::string& error) {
  std::string_view target_lang = pairs.empty() ? std::string_view() : pairs.front().target_lang;
  for (const TmPair& p : pairs)
    if (p.target_lang != target_lang) {
      error = fmt::format(
          "an XLIFF 2 document has one target language, and this batch has {} and {} ({}): export each language "
          "with its own run, or use --format tmx",
          lang_or_und(target_lang), lang_or_und(p.target_lang), p.article->path);
      return false;
    }
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
         "version=\"2.1\" srcLang=\"";
  append_xml(out, options.source_lang, stats);
  out += "\" trgLang=\"";
  append_xml(out, lang_or_und(target_lang), stats);
  out += "\">\n";
  size_t file_no = 0;
  for (size_t i = 0; i < pairs.size();) {
    const Article& a = *pairs[i].article;
    out += fmt::format("  <file id=\"f{}\" original=\"", ++file_no);
    append_xml(out, a.rel_path, stats);
    out += "\" xml:space=\"preserve\">\n";
    std::string notes;
    append_note(notes, "ms.locfileid", front_value(a, "ms.locfileid"), stats);
    append_note(notes, "ms.sourcegitcommit", front_value(a, "ms.sourcegitcommit"), stats);
    append_note(notes, "ms.translationtype", front_value(a, "ms.translationtype"), stats);
    append_note(notes, "ms.lasthandoff", front_value(a, "ms.lasthandoff"), stats);
    if (!notes.empty()) out += "    <notes>\n" + notes + "    </notes>\n";
    // Unit ids are unique within a file even when segment ids repeat.
    std::unordered_map<std::string, size_t> used;
    for (; i < pairs.size() && pairs[i].article == &a; ++i) {
      const TmPair& p = pairs[i];
      std::string id = nmtoken(p.segment->id);
      if (size_t n = ++used[id]; n > 1) id += fmt::format("_{}", n);
      out += "    <unit id=\"" + id + "\">\n";
      if (p.stale || p.count > 1 || a.plain) {
        out += "      <notes>\n";
        if (p.stale) out += "        <note category=\"x-stale\">the source sentence is no longer in the source file</note>\n";
        if (a.plain)
          out += fmt::format("        <note category=\"x-confidence\">{:.2f}</note>\n", p.segment->confidence);
        if (p.count > 1) out += fmt::format("        <note category=\"x-count\">{}</note>\n", p.count);
        out += "      </notes>\n";
      }
      std::string source, target;
      if (options.inline_tags) {
        InlineSides sides = protect_inline_pair(p.source(), p.target());
        XliffCodes codes;
        codes.append(source, sides.source, stats);
        codes.append(target, sides.target, stats);
        out += codes.original_data(stats);  // before the segment, as the schema orders a unit
      } else {
        append_xml(source, p.source(), stats);
        append_xml(target, p.target(), stats);
      }
      out += fmt::format("      <segment state=\"{}\">\n        <source>", p.untranslated ? "initial" : "translated");
      out += source;
      out += "</source>\n        <target>";
      out += target;
      out += "</target>\n      </segment>\n    </unit>\n";
    }
    out += "  </file>\n";
  }
  out += "</xliff>\n";
  return true;
}

void write_jsonl(const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out) {
  auto field = [&out](std::string_view name, std::string_view value) {
    out += ",\"";
    out += name;
    out += "\":\"";
    json_escape(out, value);
    out += '"';
  };
  for (const TmPair& p : pairs) {
    const Article& a = *p.article;
    out += "{\"path\":\"";
    json_escape(out, a.rel_path);
    out += fmt::format("\",\"line\":{}", p.segment->location.line);
    field("id", p.segment->id);
    field("source_lang", options.source_lang);
    field("target_lang", p.target_lang);
    field("source", p.source());
    field("target", p.target());
    field("state", p.untranslated ? "untranslated" : "translated");
    out += fmt::format(",\"stale\":{},\"count\":{}", p.stale ? "true" : "false", p.count);
    // Pairs of a plain article are the aligner's: how sure it is.
    if (a.plain) out += fmt::format(",\"confidence\":{:.2f}", p.segment->confidence);
    field("locfileid", front_value(a, "ms.locfileid"));
    field("sourcegitcommit", front_value(a, "ms.sourcegitcommit"));
    field("translationtype", front_value(a, "ms.translationtype"));
    field("lasthandoff", front_value(a, "ms.lasthandoff"));
    out += "}\n";
  }
}

// A TSV cell: tabs, line breaks and backslashes as backslash escapes, so a
// row is one line and the text comes back exactly.
void append_tsv(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out.push_back(c);
    }
  }
}

void write_tsv(const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out) {
  out += "path\tline\tid\tsource_lang\ttarget_lang\tsource\ttarget\tstate\tstale\tcount\n";
  for (const TmPair& p : pairs) {
    append_tsv(out, p.article->rel_path);
    out += fmt::format("\t{}\t", p.segment->location.line);
    append_tsv(out, p.segment->id);
    out += '\t';
    append_tsv(out, options.source_lang);
    out += '\t';
    append_tsv(out, p.target_lang);
    out += '\t';
    append_tsv(out, p.source());
    out += '\t';
    append_tsv(out, p.target());
    out += fmt::format("\t{}\t{}\t{}\n", p.untranslated ? "untranslated" : "translated", p.stale ? "stale" : "",
                       p.count);
  }
}

}  // namespace

bool parse_tm_format(std::string_view name, TmFormat& out) {
  if (name == "tmx") out = TmFormat::Tmx;
  else if (name == "xliff" || name == "xlf") out = TmFormat::Xliff;
  else if (name == "jsonl") out = TmFormat::Jsonl;
  else if (name == "tsv") out = TmFormat::Tsv;
  else return false;
  return true;
}

bool tm_format_from_path(std::string_view path, TmFormat& out) {
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return false;
  std::string_view ext = path.substr(dot + 1);
  if (ext == "xliff" || ext == "xlf") {
    out = TmFormat::Xliff;
    return true;
  }
  return parse_tm_format(ext, out);
}

std::string tmx_date(std::string_view d) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (d.size() != 10 || d[2] != '/' || d[5] != '/' || !digits(0, 2) || !digits(3, 2) || !digits(6, 4)) return {};
  int month = (d[0] - '0') * 10 + (d[1] - '0'), day = (d[3] - '0') * 10 + (d[4] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  return fmt::format("{}{}{}T000000Z", d.substr(6, 4), d.substr(0, 2), d.substr(3, 2));
}

bool write_tm(TmFormat format, const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out,
              TmWriteStats& stats, std::string& error) {
  switch (format) {
    case TmFormat::Tmx: write_tmx(pairs, options, out, stats); return true;
    case TmFormat::Xliff: return write_xliff(pairs, options, out, stats, error);
    case TmFormat::Jsonl: write_jsonl(pairs, options, out); return true;
    case TmFormat::Tsv: write_tsv(pairs, options, out); return true;
  }
  return false;
}

}  // namespace tmlint
