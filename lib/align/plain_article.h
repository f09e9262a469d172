#pragma once
// A plain translated article (no sxs spans) becomes an article like any
// other: its segments are the pairs the aligner found between it and its
// source, with stable ids, target locations and source locations, so every
// rule, reporter and export works on it unchanged. What the aligner could
// not pair is kept in Article::plain (missing and extra text).
#include <string>
#include <string_view>

#include "model/article.h"

namespace tmlint {

// True for an article the sxs loader found no segment in and that has no
// sxs markup at all: what issue 15's reader and aligner are for.
bool is_plain_article(const Article& a);

// Why a source cannot be aligned with: empty when it can. `source` is the
// file's bytes.
std::string unusable_source(std::string_view source);

struct PlainAlignOptions {
  std::string locale;        // the target's, when ms.contentlocale is absent
  std::string source_path;   // for messages: "DIR/X" or "X at <commit>"
  bool from_commit = false;
};

// Aligns `a` (as load_article left it) with `source` and fills its
// segments and Article::plain. A source that is unusable, or that does not
// look like the article's own (too few blocks align), becomes one parse
// issue of the article and no segment.
void align_plain_article(Article& a, std::string source, const PlainAlignOptions& options);

}  // namespace tmlint
