#pragma once
// Turns the bytes of one sxs Markdown file into an Article. Never throws on
// bad input: whatever is malformed becomes a LoadIssue at its location and
// loading goes on with the rest of the file.
#include <memory>
#include <string>

#include "model/article.h"

namespace tmlint {

struct LoadLimits {
  size_t max_front_matter_bytes = 64 * 1024;
  int max_front_matter_depth = 32;
  // Read flat `key: value` front matter directly; off: always yaml-cpp.
  bool yaml_fast_path = true;
};

// `path` is kept as the display path, `rel_path` as the path relative to the
// batch root; `bytes` becomes Article::bytes.
std::unique_ptr<Article> load_article(std::string path, std::string rel_path, std::string bytes,
                                      const LoadLimits& limits = {});

}  // namespace tmlint
