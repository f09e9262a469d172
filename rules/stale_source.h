#pragma once
// Shared by the rules that look inside a stale article: the current bytes of
// its source file when the article is stale (--source given, a well-formed
// ms.openlocfilehash, the source exists and hashes to it neither with LF nor
// with CRLF endings); nullopt otherwise.
#include <optional>
#include <string>

#include "base/sha1.h"
#include "engine/rule.h"
#include "sources/source_tree.h"

namespace tmlint {

inline std::optional<std::string> stale_source(const ArticleContext& ctx) {
  if (!ctx.facts.source) return std::nullopt;
  const auto* hash = ctx.article.front("ms.openlocfilehash");
  if (!hash || hash->value.size() != 40) return std::nullopt;
  auto bytes = ctx.facts.source->read(ctx.article.rel_path);
  if (!bytes) return std::nullopt;
  LineEndingHashes now = sha1_both_line_endings(*bytes);
  if (hash->value == now.lf || hash->value == now.crlf) return std::nullopt;
  return bytes;
}

}  // namespace tmlint
