#pragma once
// Finds the files of a batch from the PATH arguments, and reads a file in one
// read. The engine's stages and the sources they open (sources/) read files
// through these; rules never touch the disk.
#include <string>
#include <vector>

namespace tmlint {

struct BatchFile {
  std::string display_path;  // as reached from the PATH argument
  std::string rel_path;      // relative to `root`, '/'-separated
  std::string root;          // the batch root this file belongs to
  std::string disk_path;     // what to open
  // Loaded only so batch rules see the whole batch (--context); never
  // reported on, never counted.
  bool context_only = false;
};

struct Discovery {
  std::vector<BatchFile> files;        // sorted by display path, no duplicates
  std::vector<std::string> io_errors;  // missing or unreadable paths
  // Symlinks met by a walk and not followed (a folder, a file leading out of
  // the walked folder, a loop or a dangling link): warnings, not errors.
  std::vector<std::string> not_followed;
};

// Directories are walked for *.md and TOC.yml: hidden folders skipped,
// symlinked folders never followed (so no loop and no way out of the tree),
// a symlinked file taken only when it resolves inside the walked folder, a
// folder that cannot be read reported in io_errors while the walk goes on.
// A file named explicitly is taken whatever its extension. A file reached
// twice is kept once, by the first argument that reached it (its real path
// before a symlink). `root_override` replaces the derived root.
Discovery discover_files(const std::vector<std::string>& paths, const std::string& root_override);

// Reads a whole file with one open/fstat/read. Returns false and sets
// `error` when it cannot. Only regular files are read: a FIFO, a device or a
// socket named `x.md` is an error, never a read that blocks or never ends
// (the open itself does not block).
bool read_whole_file(const std::string& path, std::string& out, std::string& error);

// Reads root/rel only when it resolves (through any symlinks) inside root;
// a path climbing out of root is an error and is not opened.
bool read_file_inside(const std::string& root, const std::string& rel, std::string& out, std::string& error);

}  // namespace tmlint
