#pragma once
// Read access to the source-language tree (`--source DIR`) for rules. The
// engine opens the implementation (sources/disk_source_tree.h) and does the
// I/O; rules only ask.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmlint {

class SourceTree {
 public:
  virtual ~SourceTree() = default;
  // The bytes of the source file at `rel_path` (relative to the source root),
  // or nullopt when it does not exist or cannot be read.
  virtual std::optional<std::string> read(std::string_view rel_path) const = 0;
  virtual bool exists(std::string_view rel_path) const = 0;
};

}  // namespace tmlint
