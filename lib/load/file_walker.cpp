#include "load/file_walker.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>
#include <tuple>
#include <unordered_set>
#include <utility>

namespace tmlint {
namespace fs = std::filesystem;

namespace {

bool has_marker(const fs::path& dir) {
  std::error_code ec;
  for (const char* m : {".git", ".tmlint.yaml", ".openpublishing.publish.config.json"})
    if (fs::exists(dir / m, ec)) return true;
  return false;
}

// An absolute, lexically normal path without a trailing '/' (but "/").
fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec).lexically_normal();
  if (!abs.has_filename() && abs != abs.root_path()) abs = abs.parent_path();
  return abs;
}

// The batch root of a file named on the command line: the nearest folder up
// with a repository marker, else the current directory when the file is
// under it, else the file's own folder.
fs::path root_for_file(const fs::path& file) {
  fs::path abs = absolute_normal(file);
  for (fs::path dir = abs.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (has_marker(dir)) return dir;
    if (dir == dir.root_path()) break;
  }
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  auto rel = abs.lexically_relative(cwd);
  if (!ec && !rel.empty() && *rel.begin() != "..") return cwd;
  return abs.parent_path();
}

// `rel` (relative to the walked folder) as reached from the argument `arg`:
// "docs" + "a/b.md" -> "docs/a/b.md", "." + "a/b.md" -> "a/b.md".
std::string join_display(const std::string& arg, const std::string& rel) {
  if (arg == "." || arg == "./") return rel;
  if (!arg.empty() && arg.back() == '/') return arg + rel;
  return arg + "/" + rel;
}

std::string join_rel(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Tables of contents are checked for their links, whatever the case of the name.
bool is_toc_name(std::string_view name) {
  if (name.size() != 7) return false;
  static constexpr std::string_view toc = "toc.yml";
  for (size_t i = 0; i < 7; ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != toc[i]) return false;
  }
  return true;
}

// What a directory walk takes: Markdown files (not a bare ".md") and TOC.yml.
bool wanted(std::string_view name) { return (name.size() > 3 && ends_with(name, ".md")) || is_toc_name(name); }

// True when canonical `path` is `root` or below it.
bool inside(const std::string& root, const std::string& path) {
  if (path.compare(0, root.size(), root) != 0) return false;
  if (path.size() == root.size()) return true;
  return root.back() == '/' || path[root.size()] == '/';
}

std::string errno_message(int e) { return std::generic_category().message(e); }

// A file found, before duplicates are removed: `key` identifies the file on
// disk (its canonical path), `arg` is the index of the argument that reached
// it and `via_link` tells a symlinked file from a real one.
struct Candidate {
  BatchFile file;
  std::string key;
  size_t arg = 0;
  bool via_link = false;
};

struct WalkContext {
  const std::string& arg;
  size_t arg_index;
  std::string walk_canon;   // canonical path of the walked folder
  std::string rel_prefix;   // the walked folder relative to --root ("" when it is the root)
  std::string root;         // batch root recorded with every file
  std::vector<Candidate>& out;
  std::vector<std::string>& errors;
  std::vector<std::string>& not_followed;
};

void add_walked(WalkContext& w, const fs::path& disk, const std::string& rel, std::string key, bool via_link) {
  Candidate c;
  c.file.display_path = join_display(w.arg, rel);
  c.file.rel_path = join_rel(w.rel_prefix, rel);
  c.file.root = w.root;
  c.file.disk_path = disk.string();
  c.key = std::move(key);
  c.arg = w.arg_index;
  c.via_link = via_link;
  w.out.push_back(std::move(c));
}

// Walks the folder of the argument. Hidden folders are skipped and symlinked
// folders never followed (so no loop and no way out of the tree); a
// symlinked file is taken when it resolves inside the walked folder. A
// folder that cannot be read is reported and the walk goes on.
void walk(WalkContext& w) {
  std::vector<std::pair<fs::path, std::string>> pending;  // (disk path, path relative to the walk)
  pending.emplace_back(fs::path(w.arg), std::string());
  while (!pending.empty()) {
    auto [dir, rel_dir] = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      w.errors.push_back((rel_dir.empty() ? w.arg : join_display(w.arg, rel_dir)) + ": " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      std::error_code sec;
      // The type comes from the directory entry itself (d_type), not a stat.
      fs::file_type type = e.symlink_status(sec).type();
      if (sec) {
        w.errors.push_back(join_display(w.arg, join_rel(rel_dir, name)) + ": " + sec.message());
        continue;
      }
      if (type == fs::file_type::directory) {
        if (name[0] != '.') pending.emplace_back(e.path(), join_rel(rel_dir, name));
      } else if (type == fs::file_type::regular) {
        if (!wanted(name)) continue;
        std::string rel = join_rel(rel_dir, name);
        add_walked(w, e.path(), rel, join_rel(w.walk_canon, rel), false);
      } else if (type == fs::file_type::symlink) {
        const std::string shown = join_display(w.arg, join_rel(rel_dir, name));
        fs::file_status target_status = fs::status(e.path(), sec);  // a stat, never an open
        if (!sec && fs::is_directory(target_status)) {
          if (name[0] != '.') w.not_followed.push_back(shown + ": symlinked folder, not followed");
          continue;
        }
        if (!wanted(name)) continue;
        if (sec) {
          w.not_followed.push_back(shown + ": symlink cannot be resolved (" + sec.message() + "), not followed");
          continue;
        }
        fs::path target = fs::weakly_canonical(e.path(), sec);
        if (sec) {
          w.not_followed.push_back(shown + ": symlink cannot be resolved (" + sec.message() + "), not followed");
        } else if (!inside(w.walk_canon, target.string())) {
          w.not_followed.push_back(shown + ": symlink leads outside " + w.arg + ", not followed");
        } else if (!fs::is_regular_file(target_status)) {
          w.not_followed.push_back(shown + ": symlink to something that is not a file, not followed");
        } else {
          add_walked(w, e.path(), join_rel(rel_dir, name), target.string(), true);
        }
      }
    }
    if (ec) w.errors.push_back((rel_dir.empty() ? w.arg : join_display(w.arg, rel_dir)) + ": " + ec.message());
  }
}

}  // namespace

bool read_whole_file(const std::string& path, std::string& out, std::string& error) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer. It has no effect
  // on reading regular files, the only kind read.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    error = errno_message(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    error = errno_message(errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    ::close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = "not a regular file (a FIFO, device or socket)";
    ::close(fd);
    return false;
  }
  // A regular file is read in one read of the size fstat gives; the loop is
  // for short reads, pipes and files that report no size (/proc).
  const size_t expected = S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) : 0;
  out.clear();
  out.resize(expected ? expected : 65536);
  size_t used = 0;
  for (;;) {
    if (used == out.size()) {
      if (expected && used == expected) break;
      out.resize(out.size() * 2);
    }
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_message(errno);
      ::close(fd);
      out.clear();
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  out.resize(used);
  ::close(fd);
  return true;
}

bool read_file_inside(const std::string& root, const std::string& rel, std::string& out, std::string& error) {
  std::error_code ec;
  fs::path root_canon = fs::weakly_canonical(root, ec);
  if (ec) {
    error = ec.message();
    return false;
  }
  fs::path path = fs::weakly_canonical(fs::path(root) / rel, ec);
  if (ec) {
    error = ec.message();
    return false;
  }
  std::string r = root_canon.string();
  if (r.size() > 1 && r.back() == '/') r.pop_back();
  if (!inside(r, path.string())) {
    error = "leads outside " + root + ", not read";
    return false;
  }
  return read_whole_file(path.string(), out, error);
}

Discovery discover_files(const std::vector<std::string>& paths, const std::string& root_override) {
  Discovery d;
  std::vector<Candidate> found;
  const fs::path root_abs = root_override.empty() ? fs::path() : absolute_normal(root_override);

  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& arg = paths[i];
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (st.type() == fs::file_type::not_found || (ec && !fs::exists(st))) {
      d.io_errors.push_back(arg + ": " + (st.type() == fs::file_type::not_found || !ec
                                              ? std::string("no such file or directory")
                                              : ec.message()));
      continue;
    }
    if (fs::is_directory(st)) {
      WalkContext w{arg, i, {}, {}, {}, found, d.io_errors, d.not_followed};
      fs::path canon = fs::weakly_canonical(arg, ec);
      w.walk_canon = ec ? absolute_normal(arg).string() : canon.string();
      if (w.walk_canon.size() > 1 && w.walk_canon.back() == '/') w.walk_canon.pop_back();
      if (root_override.empty()) {
        w.root = arg;
      } else {
        w.root = root_override;
        std::string prefix = absolute_normal(arg).lexically_relative(root_abs).generic_string();
        if (prefix != "." && !prefix.empty()) w.rel_prefix = prefix;
      }
      walk(w);
    } else {
      Candidate c;
      c.file.display_path = arg;
      c.file.disk_path = arg;
      fs::path root = root_override.empty() ? root_for_file(arg) : root_abs;
      c.file.root = root.string();
      c.file.rel_path = absolute_normal(arg).lexically_relative(root).generic_string();
      fs::path canon = fs::weakly_canonical(arg, ec);
      c.key = ec ? absolute_normal(arg).string() : canon.string();
      c.arg = i;
      found.push_back(std::move(c));
    }
  }

  // A file reached twice is checked once, under the name the first argument
  // reached it by (a real path before a symlink to it).
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.arg, a.via_link, a.file.display_path) < std::tie(b.arg, b.via_link, b.file.display_path);
  });
  std::unordered_set<std::string> seen;
  seen.reserve(found.size());
  d.files.reserve(found.size());
  for (Candidate& c : found)
    if (seen.insert(std::move(c.key)).second) d.files.push_back(std::move(c.file));
  std::sort(d.files.begin(), d.files.end(),
            [](const BatchFile& a, const BatchFile& b) { return a.display_path < b.display_path; });
  return d;
}

}  // namespace tmlint
