#include "reporters.h"

#include "text_escape.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace tmlint {
namespace {

std::string plural(size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

}  // namespace

void write_text(std::ostream& out, const CheckResult& result, const TextStyle& style) {
  std::string buf;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.suppressed) continue;
    std::string_view sev = severity_name(d.severity);
    if (style.color) {
      const char* color = d.severity == Severity::Error ? "\x1b[31m" : d.severity == Severity::Warning ? "\x1b[33m" : "\x1b[36m";
      buf += fmt::format("\x1b[1m{}:{}:{}:\x1b[0m {}{}:\x1b[0m {} \x1b[2m[{}]\x1b[0m\n", d.path, d.location.line,
                         d.location.column, color, sev, d.message, d.rule);
    } else {
      buf += fmt::format("{}:{}:{}: {}: {} [{}]\n", d.path, d.location.line, d.location.column, sev, d.message, d.rule);
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
  }
  out << buf;
}

void write_json(std::ostream& out, const CheckResult& result) {
  const Summary& s = result.summary;
  std::string buf;
  buf.reserve(256 + result.diagnostics.size() * 200);
  buf += fmt::format(
      "{{\"tool\": \"tmlint\", \"version\": \"{}\",\n \"summary\": {{\"files\": {}, \"segments\": {}, \"errors\": {}, "
      "\"warnings\": {}, \"infos\": {}, \"suppressed\": {}, \"baselined\": {}, \"unknown_staleness\": {}, \"yaml_pages\": {}}},\n "
      "\"diagnostics\": [",
      TMLINT_VERSION, s.files, s.segments, s.errors, s.warnings, s.infos, s.suppressed, s.baselined,
      s.unknown_staleness, s.yaml_pages);
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

void write_file_atomically(const std::string& path, const std::string& content) {
  if (path == "/dev/stdout" || path == "-" || path == "/dev/null") {
    FILE* f = path == "/dev/null" ? nullptr : stdout;
    if (f) std::fwrite(content.data(), 1, content.size(), f);
    return;
  }
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  std::string tmpl = dir + "/.tmlint-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  size_t done = 0;
  while (done < content.size()) {
    ssize_t w = ::write(fd, content.data() + done, content.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(name.data());
      throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(e)));
    }
    done += static_cast<size_t>(w);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || ::rename(name.data(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(name.data());
    throw std::runtime_error(fmt::format("cannot write {}: {}", path, std::strerror(e)));
  }
}

}  // namespace tmlint
