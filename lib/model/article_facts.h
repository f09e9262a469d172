#pragma once
// What the batch rules need from one article, extracted while the article
// is loaded (the article phase) and kept after the article itself is freed:
// the batch phase runs over these facts only, so its memory is the facts of
// the batch plus the articles in flight, not the batch (docs/architecture.md).
//
// Facts are plain bytes per facts group (usually one rule; the two
// consistency rules share one), written with FactWriter and read back with
// FactReader, so the same record is what the persistent cache
// (engine/facts_cache) and a shard's facts file (--shard, tmlint merge)
// store. A reader never trusts its bytes: a short or malformed record
// throws BadFacts, which the engine turns into a diagnostic or a cache miss.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/article.h"
#include "model/diagnostic.h"

namespace tmlint {

struct BadFacts : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends varints, strings and locations to a byte string.
class FactWriter {
 public:
  explicit FactWriter(std::string& out) : out_(out) {}
  void u64(uint64_t v) {
    char bytes[10];  // built here and appended once: cheaper than a push_back a byte
    size_t n = 0;
    while (v >= 0x80) {
      bytes[n++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    bytes[n++] = static_cast<char>(v);
    out_.append(bytes, n);
  }
  void boolean(bool b) { out_.push_back(b ? 1 : 0); }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  void loc(const Location& l) {
    u64(l.offset);
    u64(l.line);
    u64(l.column);
  }
  void fixed64(uint64_t v) {  // hashes: varints would not be shorter
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>(v >> (8 * i)));
  }

 private:
  std::string& out_;
};

// Reads what a FactWriter wrote, in the same order; throws BadFacts past the
// end or on a malformed varint. Strings are views into the read bytes.
class FactReader {
 public:
  FactReader() = default;
  explicit FactReader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return at_ >= bytes_.size(); }
  size_t remaining() const { return bytes_.size() - at_; }
  uint64_t u64() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ >= bytes_.size()) throw BadFacts("facts end inside a number");
      const auto b = static_cast<unsigned char>(bytes_[at_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    throw BadFacts("facts hold a malformed number");
  }
  uint32_t u32() {
    const uint64_t v = u64();
    if (v > UINT32_MAX) throw BadFacts("facts hold a number out of range");
    return static_cast<uint32_t>(v);
  }
  bool boolean() { return u64() != 0; }
  std::string_view str() {
    const uint64_t n = u64();
    if (n > bytes_.size() - at_) throw BadFacts("facts end inside a string");
    std::string_view s = bytes_.substr(at_, n);
    at_ += n;
    return s;
  }
  Location loc() {
    Location l;
    l.offset = u32();
    l.line = u32();
    l.column = u32();
    return l;
  }
  uint64_t fixed64() {
    if (bytes_.size() - at_ < 8) throw BadFacts("facts end inside a hash");
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
    at_ += 8;
    return v;
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

// How a batch rule is configured for one article: what the engine decided
// in the article phase, so the batch phase (and `tmlint merge`, which has
// no configuration of its own) need not resolve the configuration again.
struct BatchRuleSetting {
  std::string rule;  // the rule id
  bool enabled = false;  // runs in this article (configuration, locale defaults)
  Severity severity = Severity::Error;
  std::map<std::string, std::vector<std::string>> options;  // RuleOptions' values
};

struct ArticleFacts {
  std::string path;      // as reached from the command line
  std::string rel_path;  // relative to the batch root
  std::string locale;    // the article's locale tag (ms.contentlocale, else --locale)
  // Only context (--context): seen by the batch rules, never reported.
  bool context_only = false;
  std::vector<Directive> directives;  // inline suppressions, for batch findings
  std::vector<BatchRuleSetting> rules;  // the batch rules, sorted by id
  std::map<std::string, std::string> groups;  // facts group -> bytes

  const BatchRuleSetting* setting(std::string_view rule) const;
  std::string_view group(std::string_view name) const;
};

// One record's bytes and back (the cache's and the shard files' unit).
// read_article_facts throws BadFacts on anything malformed.
void write_article_facts(const ArticleFacts& facts, std::string& out);
ArticleFacts read_article_facts(std::string_view bytes);

}  // namespace tmlint
