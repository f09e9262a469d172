#pragma once
// The progress line of long runs: "tmlint: 1200/5000 files, 830 files/s,
// ETA 5 s" on standard error, redrawn at most ten times a second, erased at
// the end. Only when standard error is a terminal: CI logs never see it.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include <fmt/format.h>

#include "engine/run_check.h"

namespace tmlint {

class ProgressLine {
 public:
  // Active only when stderr is a terminal whose TERM is not "dumb".
  static bool wanted() {
    const char* term = std::getenv("TERM");
    return ::isatty(STDERR_FILENO) && !(term && std::string_view(term) == "dumb");
  }

  // Feeds the line from the engine's progress callback, unless `quiet` or
  // stderr is no terminal.
  void attach(CheckOptions& options, bool quiet) {
    if (!quiet && wanted()) options.progress = [this](size_t d, size_t t) { update(d, t); };
  }

  void update(size_t done, size_t total) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double rate = seconds > 0 ? double(done) / seconds : 0;
    std::string eta = rate > 0 && done < total ? fmt::format(", ETA {:.0f} s", double(total - done) / rate) : "";
    std::string text = fmt::format("tmlint: {}/{} files, {:.0f} files/s{}", done, total, rate, eta);
    // Blanks over what the previous line had beyond this one: no terminal
    // escape sequence, so NO_COLOR and dumb terminals see plain text.
    size_t width = text.size();
    if (width < width_) text.append(width_ - width, ' ');
    width_ = width;
    std::string line = "\r" + text;
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }

  // Erases the line so the report starts on a clean line.
  void finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (drawn_) {
      std::string blank = "\r" + std::string(width_, ' ') + "\r";
      std::fwrite(blank.data(), 1, blank.size(), stderr);
    }
    drawn_ = false;
    width_ = 0;
  }

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_;
  bool drawn_ = false;
  size_t width_ = 0;  // of the line drawn last
};

}  // namespace tmlint
