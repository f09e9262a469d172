#include "file_walker.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

namespace tmlint {
namespace fs = std::filesystem;

namespace {

bool has_marker(const fs::path& dir) {
  std::error_code ec;
  for (const char* m : {".git", ".tmlint.yaml", ".openpublishing.publish.config.json"})
    if (fs::exists(dir / m, ec)) return true;
  return false;
}

// The batch root of a file named on the command line: the nearest folder up
// with a repository marker, else the current directory when the file is
// under it, else the file's own folder.
fs::path root_for_file(const fs::path& file) {
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec).lexically_normal();
  for (fs::path dir = abs.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (has_marker(dir)) return dir;
    if (dir == dir.root_path()) break;
  }
  fs::path cwd = fs::current_path(ec);
  auto rel = abs.lexically_relative(cwd);
  if (!rel.empty() && *rel.begin() != "..") return cwd;
  return abs.parent_path();
}

std::string join_display(const std::string& arg, const std::string& rel) {
  if (arg == "." || arg == "./") return rel;
  if (!arg.empty() && arg.back() == '/') return arg + rel;
  return arg + "/" + rel;
}

std::string errno_text(int e) { return std::strerror(e); }

// Tables of contents are checked for their links, whatever the case of the name.
bool is_toc_name(const std::string& name) {
  if (name.size() != 7) return false;
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "toc.yml";
}

}  // namespace

bool read_whole_file(const std::string& path, std::string& out, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno_text(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    error = errno_text(errno);
    ::close(fd);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a directory";
    ::close(fd);
    return false;
  }
  out.clear();
  // One read for a regular file; a loop covers pipes and short reads.
  size_t capacity = S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<size_t>(st.st_size) : 65536;
  out.resize(capacity);
  size_t used = 0;
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2);
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno_text(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    if (S_ISREG(st.st_mode) && used == capacity) {
      // Probe for growth since fstat; usually 0 at once.
      char probe;
      ssize_t m = ::read(fd, &probe, 1);
      if (m <= 0) break;
      out.resize(out.size() * 2);
      out[used++] = probe;
    }
  }
  out.resize(used);
  ::close(fd);
  return true;
}

Discovery discover_files(const std::vector<std::string>& paths, const std::string& root_override) {
  Discovery d;
  std::set<std::string> seen;  // canonical paths
  auto add = [&](BatchFile f) {
    std::error_code ec;
    std::string canon = fs::weakly_canonical(f.disk_path, ec).string();
    if (ec) canon = f.disk_path;
    if (seen.insert(canon).second) d.files.push_back(std::move(f));
  };

  for (const std::string& arg : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      d.io_errors.push_back(arg + ": no such file or directory");
      continue;
    }
    if (fs::is_directory(st)) {
      fs::path root = root_override.empty() ? fs::path(arg) : fs::path(root_override);
      fs::path walk_canon = fs::weakly_canonical(arg, ec);
      fs::recursive_directory_iterator it(arg, fs::directory_options::none, ec), end;
      if (ec) {
        d.io_errors.push_back(arg + ": " + ec.message());
        continue;
      }
      while (it != end) {
        const fs::directory_entry& e = *it;
        std::string name = e.path().filename().string();
        std::error_code sec;
        bool is_link = e.is_symlink(sec);
        if (e.is_directory(sec)) {
          if (!name.empty() && name[0] == '.' && name != "." && name != "..") it.disable_recursion_pending();
          // Never follow a symlinked folder (out of the tree, or a loop).
          else if (is_link) it.disable_recursion_pending();
        } else if (e.path().extension() == ".md" || is_toc_name(name)) {
          if (is_link) {
            // A symlinked file is taken only when it stays inside the tree.
            fs::path target = fs::weakly_canonical(e.path(), sec);
            auto rel = target.lexically_relative(walk_canon);
            if (sec || rel.empty() || *rel.begin() == "..") {
              it.increment(sec);
              if (sec) d.io_errors.push_back(arg + ": " + sec.message());
              continue;
            }
          }
          if (e.is_regular_file(sec)) {
            std::string rel_walk = e.path().lexically_relative(arg).generic_string();
            BatchFile f;
            f.display_path = join_display(arg, rel_walk);
            f.disk_path = e.path().string();
            f.root = root.string();
            f.rel_path = root_override.empty()
                             ? rel_walk
                             : fs::absolute(e.path()).lexically_normal().lexically_relative(
                                   fs::absolute(root_override).lexically_normal()).generic_string();
            add(std::move(f));
          }
        }
        it.increment(sec);
        if (sec) {
          d.io_errors.push_back(e.path().string() + ": " + sec.message());
          break;
        }
      }
    } else {
      BatchFile f;
      f.display_path = arg;
      f.disk_path = arg;
      fs::path root = root_override.empty() ? root_for_file(arg) : fs::absolute(root_override).lexically_normal();
      f.root = root.string();
      f.rel_path = fs::absolute(arg).lexically_normal().lexically_relative(root).generic_string();
      add(std::move(f));
    }
  }
  std::sort(d.files.begin(), d.files.end(),
            [](const BatchFile& a, const BatchFile& b) { return a.display_path < b.display_path; });
  return d;
}

}  // namespace tmlint
