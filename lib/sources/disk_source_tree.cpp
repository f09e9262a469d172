#include "sources/disk_source_tree.h"

#include <filesystem>

#include "load/file_walker.h"

namespace tmlint {
namespace {

class DiskSourceTree : public SourceTree {
 public:
  explicit DiskSourceTree(std::string root) : root_(std::move(root)) {}
  std::optional<std::string> read(std::string_view rel) const override {
    if (!safe(rel)) return std::nullopt;
    // Lexically inside is not enough: a symlink in the source tree may lead
    // anywhere. Only what resolves inside the root is read.
    std::string bytes, error;
    if (!read_file_inside(root_, std::string(rel), bytes, error)) return std::nullopt;
    return bytes;
  }
  bool exists(std::string_view rel) const override {
    if (!safe(rel)) return false;
    std::error_code ec;
    return std::filesystem::is_regular_file(root_ + "/" + std::string(rel), ec);
  }

 private:
  // Lexically inside the root: not absolute, no "..".
  static bool safe(std::string_view rel) {
    if (rel.empty() || rel.front() == '/') return false;
    size_t i = 0;
    while (i <= rel.size()) {
      size_t j = rel.find('/', i);
      if (j == std::string_view::npos) j = rel.size();
      if (rel.substr(i, j - i) == "..") return false;
      i = j + 1;
    }
    return true;
  }
  std::string root_;
};

}  // namespace

std::unique_ptr<SourceTree> open_disk_source_tree(std::string root) {
  return std::make_unique<DiskSourceTree>(std::move(root));
}

}  // namespace tmlint
