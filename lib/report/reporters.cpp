#include "report/reporters.h"

#include "base/text_escape.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace tmlint {
namespace {

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Paths and messages quote file contents: their control characters are shown
// as \xNN, so a finding stays one line and cannot drive the terminal.
void append_printable(std::string& out, std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) out += fmt::format("\\x{:02x}", u);
    else out.push_back(c);
  }
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_printable(out, s);
  return out;
}

}  // namespace

void write_text(std::ostream& out, const CheckResult& result, const TextStyle& style) {
  std::string buf;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    std::string_view sev = severity_name(d.severity);
    if (style.color) {
      const char* color = d.severity == Severity::Error ? "\x1b[31m" : d.severity == Severity::Warning ? "\x1b[33m" : "\x1b[36m";
      buf += fmt::format("\x1b[1m{}:{}:{}:\x1b[0m {}{}:\x1b[0m {} \x1b[2m[{}]\x1b[0m\n", printable(d.path),
                         d.location.line, d.location.column, color, sev, printable(d.message), d.rule);
    } else {
      buf += fmt::format("{}:{}:{}: {}: {} [{}]\n", printable(d.path), d.location.line, d.location.column, sev,
                         printable(d.message), d.rule);
    }
  }
  if (!style.quiet) {
    const Summary& s = result.summary;
    std::string pages = s.yaml_pages ? fmt::format(" (+ {})", plural(s.yaml_pages, "TOC page")) : std::string();
    buf += fmt::format("tmlint: {}{}, {}: {}, {}, {}", plural(s.files, "file"), pages, plural(s.segments, "segment"),
                       plural(s.errors, "error"), plural(s.warnings, "warning"), plural(s.infos, "info"));
    if (s.suppressed && s.baselined) buf += fmt::format(" ({} suppressed, {} in the baseline)", s.suppressed, s.baselined);
    else if (s.suppressed) buf += fmt::format(" ({} suppressed)", s.suppressed);
    else if (s.baselined) buf += fmt::format(" ({} in the baseline)", s.baselined);
    buf += "\n";
    if (s.unknown_staleness)
      buf += fmt::format("tmlint: {} without ms.openlocfilehash (include files, READMEs): staleness unknown\n",
                         plural(s.unknown_staleness, "file"));
    for (const RunNote& n : s.notes) buf += fmt::format("tmlint: note: {} [{}]\n", printable(n.message), n.rule);
  }
  out << buf;
}

void write_json(std::ostream& out, const CheckResult& result) {
  const Summary& s = result.summary;
  std::string buf;
  buf.reserve(256 + result.diagnostics.size() * 200);
  buf += fmt::format(
      "{{\"tool\": \"tmlint\", \"version\": \"{}\",\n \"summary\": {{\"files\": {}, \"segments\": {}, \"errors\": {}, "
      "\"warnings\": {}, \"infos\": {}, \"suppressed\": {}, \"baselined\": {}, \"unknown_staleness\": {}, \"yaml_pages\": {}",
      TMLINT_VERSION, s.files, s.segments, s.errors, s.warnings, s.infos, s.suppressed, s.baselined,
      s.unknown_staleness, s.yaml_pages);
  // Only when there are some, so the reports of ordinary runs keep their bytes.
  if (!s.notes.empty()) {
    buf += ", \"notes\": [";
    for (size_t i = 0; i < s.notes.size(); ++i) {
      buf += i ? ", {\"rule\": \"" : "{\"rule\": \"";
      json_escape(buf, s.notes[i].rule);
      buf += "\", \"message\": \"";
      json_escape(buf, s.notes[i].message);
      buf += "\"}";
    }
    buf += "]";
  }
  buf += "},\n \"diagnostics\": [";
  bool first = true;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    buf += first ? "\n  " : ",\n  ";
    first = false;
    buf += "{\"path\": \"";
    json_escape(buf, d.path);
    buf += fmt::format("\", \"line\": {}, \"column\": {}, \"rule\": \"{}\", \"severity\": \"{}\", \"segment\": ",
                       d.location.line, d.location.column, d.rule, severity_name(d.severity));
    if (d.segment.empty()) {
      buf += "null";
    } else {
      buf += '"';
      json_escape(buf, d.segment);
      buf += '"';
    }
    buf += ", \"message\": \"";
    json_escape(buf, d.message);
    buf += "\"}";
  }
  buf += first ? "]}\n" : "\n ]}\n";
  out << buf;
}

namespace {

[[noreturn]] void write_failed(const std::string& path, int e) {
  throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(e)));
}

bool write_all(int fd, const std::string& content) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      return false;
    }
    done += static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content) {
  if (path == "-" || path == "/dev/stdout") {
    std::fflush(stdout);
    if (!write_all(STDOUT_FILENO, content)) write_failed(path, errno);
    return;
  }
  struct stat st;
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) write_failed(path, EISDIR);
  if (exists && !S_ISREG(st.st_mode)) {
    // A device or a pipe (/dev/null, /dev/stderr, a FIFO): nothing to
    // replace, written in place.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) write_failed(path, errno);
    bool ok = write_all(fd, content);
    int e = errno;
    ::close(fd);
    if (!ok) write_failed(path, e);
    return;
  }
  // Through a symlink, the file it points to is replaced, not the link.
  std::string target = path;
  if (exists) {
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      target = real;
      std::free(real);
    }
  }
  // The new file keeps the mode of the one it replaces, else gets the
  // usual 0666 less the umask (mkstemp creates 0600).
  mode_t mode = exists ? (st.st_mode & 07777) : 0;
  if (!exists) {
    mode_t mask = ::umask(022);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  size_t slash = target.rfind('/');
  std::string dir = slash == std::string::npos ? "." : target.substr(0, slash == 0 ? 1 : slash);
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string tmpl = dir + "/." + base + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) write_failed(path, errno);
  bool ok = write_all(fd, content) && ::fchmod(fd, mode) == 0;
  int e = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (ok && ::rename(name.data(), target.c_str()) != 0) {
    ok = false;
    e = errno;
  }
  if (!ok) {
    ::unlink(name.data());
    write_failed(path, e);
  }
}

void write_statistics(std::ostream& out, const CheckResult& result) {
  std::map<std::string_view, std::pair<size_t, Severity>> counts;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    auto& c = counts[d.rule];
    ++c.first;
    c.second = std::max(c.second, d.severity);
  }
  std::vector<std::pair<std::string_view, std::pair<size_t, Severity>>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::string buf;
  for (const auto& [rule, c] : rows) buf += fmt::format("{:>6}  {:<24} {}\n", c.first, rule, severity_name(c.second));
  out << buf;
}

}  // namespace tmlint
