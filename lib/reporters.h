#pragma once
// Reporters turn a CheckResult into bytes. They never decide what is wrong.
#include <ostream>
#include <string>

#include "engine.h"

namespace tmlint {

struct TextStyle {
  bool color = false;
  bool quiet = false;  // no summary line
};

void write_text(std::ostream& out, const CheckResult& result, const TextStyle& style);
void write_json(std::ostream& out, const CheckResult& result);

// Writes `content` to `path` atomically (temporary file in the same folder,
// then rename). Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace tmlint
