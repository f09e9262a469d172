#pragma once
// Writers of the aligned pairs: TMX 1.4b, XLIFF 2.1, JSON Lines and TSV.
// Each returns the whole document; the CLI writes it atomically. XML is
// well-formed whatever the input: characters XML 1.0 forbids (C0 controls,
// U+FFFE/U+FFFF, invalid UTF-8) become U+FFFD and are counted.
#include <string>
#include <string_view>
#include <vector>

#include "tm/alignment.h"

namespace tmlint {

enum class TmFormat { Tmx, Xliff, Jsonl, Tsv };

// "tmx", "xliff" (or "xlf"), "jsonl", "tsv"; false when unknown.
bool parse_tm_format(std::string_view name, TmFormat& out);
// The format a file name implies by its extension (.tmx, .xlf/.xliff,
// .jsonl, .tsv), or false.
bool tm_format_from_path(std::string_view path, TmFormat& out);

struct TmWriteOptions {
  std::string source_lang = "en-US";
  // Protect inline Markdown/HTML (code spans, link syntax and targets, HTML
  // tags, emphasis): TMX <ph>/<bpt>/<ept>/<it> with `x` matching the same
  // code on both sides; XLIFF <ph/>/<sc/>/<ec/> with ids doing the same and
  // the codes' text in the unit's <originalData>. Off: plain text.
  bool inline_tags = false;
};

struct TmWriteStats {
  size_t replaced_characters = 0;  // forbidden in XML, written as U+FFFD
};

// Fails (returns false, sets `error`) only for XLIFF when the pairs have
// more than one target language: an XLIFF 2 document has one trgLang.
bool write_tm(TmFormat format, const std::vector<TmPair>& pairs, const TmWriteOptions& options, std::string& out,
              TmWriteStats& stats, std::string& error);

// "MM/DD/YYYY" (ms.lasthandoff) as a TMX date "YYYYMMDDT000000Z"; empty when
// the value is not such a date.
std::string tmx_date(std::string_view mm_dd_yyyy);

}  // namespace tmlint
