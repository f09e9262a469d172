#pragma once
// The docset's redirections (`.openpublishing.redirection.json`): a page
// listed as a source_path is served by its redirect_url on the published
// site, so a link to it is not broken there.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tmlint {

class Redirects {
 public:
  // Parses the JSON text (yaml-cpp reads JSON; the usual file takes a
  // faster path with the same result, `fast` = false to compare). Paths are
  // kept relative to the folder of the redirection file. Returns an empty
  // set on bad input.
  static Redirects parse(std::string_view json, std::string* error = nullptr, bool fast = true);
  // The redirections as (lower-case source path, redirect URL), for tests.
  const std::unordered_map<std::string, std::string>& entries() const { return by_source_; }
  // The redirection file at the root of a batch, parsed; empty when there is
  // none or it cannot be read.
  static Redirects load(const std::string& batch_root);
  std::optional<std::string> target_of(std::string_view rel_path) const;
  size_t size() const { return by_source_.size(); }
  // A hash of every redirection, sorted: equal fingerprints, same answers.
  uint64_t fingerprint() const;

 private:
  std::unordered_map<std::string, std::string> by_source_;  // lower-case source_path -> redirect_url
};

}  // namespace tmlint
