#pragma once
// A facts file: the batch facts of many articles (model/article_facts.h) in
// one file, for another run to read back: what a `--shard K/N` run without
// --context writes beside its reports, so `tmlint merge` can run the batch
// rules over every shard's articles (docs/ci.md). The one place that knows
// the file's layout, so a persistent cache can store its records the same way.
//
// Layout: a magic line naming the layout's version, then (written with
// FactWriter) tmlint's version, the header's fields and the records, each
// record write_article_facts' bytes behind its length; last a 64-bit
// checksum (FNV-1a) of everything before it in 16 hex digits. A file that was cut short, damaged
// or written by another tmlint version is refused whole (BadFacts), never
// read in part: a merge over part of a shard would be silently wrong.
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "model/article_facts.h"
#include "model/diagnostic.h"

namespace tmlint {

// What a shard says about its run besides the facts: which shard it was,
// and what `tmlint merge` needs to give the exit code the unsharded run
// would have given.
struct FactsFileHeader {
  std::string tmlint_version;        // set by encode_facts_file; checked on reading
  uint32_t shard_index = 0;          // 0-based
  uint32_t shard_count = 1;
  std::string root;                  // the batch root, absolute (for messages)
  Severity fail_on = Severity::Error;  // the failing severity the shard ran with
  bool failing = false;              // its own findings reached fail_on (exit 1)
  std::vector<std::string> errors;   // its read and internal errors (exit 2)
  // Its report's counts, so a report and a facts file of different runs are told apart.
  uint64_t files = 0, yaml_pages = 0, segments = 0;
};

struct FactsFile {
  FactsFileHeader header;
  std::vector<ArticleFacts> articles;  // in the order written
};

// The bytes of a facts file; header.tmlint_version is written as this
// build's version whatever it holds.
std::string encode_facts_file(const FactsFileHeader& header, const std::vector<ArticleFacts>& articles);

// The same bytes written to each of `paths`, record by record (the file is
// never whole in memory: a shard's peak stays its facts), each through a
// temporary file beside it renamed into place once complete, so a reader
// never sees half a file. Throws std::runtime_error naming the path.
void write_facts_files(const std::vector<std::string>& paths, const FactsFileHeader& header,
                       const std::vector<ArticleFacts>& articles);

// Facts handed over one article at a time, in any order and from any
// thread, kept in an unnamed temporary file instead of memory (a shard's
// peak is then its articles in flight, not its facts), and written out
// sorted by path: the bytes write_facts_files writes for the same facts.
class FactsSpool {
 public:
  FactsSpool();  // throws std::runtime_error when no temporary file can be made
  ~FactsSpool();
  FactsSpool(const FactsSpool&) = delete;
  FactsSpool& operator=(const FactsSpool&) = delete;
  void add(const ArticleFacts& facts);  // thread-safe
  size_t size() const { return index_.size(); }
  // Throws std::runtime_error naming the path.
  void write(const std::vector<std::string>& paths, const FactsFileHeader& header);

 private:
  struct Entry {
    std::string path;
    uint64_t offset = 0, size = 0;
  };
  std::FILE* file_;
  std::mutex mutex_;
  std::vector<Entry> index_;
  uint64_t end_ = 0;
  int failed_ = 0;  // errno of a failed write
};

// Reads a facts file; throws BadFacts with a message fit for the user (what
// is wrong, not where in the bytes) when it is not one, was cut short or
// damaged, or was written by another tmlint version.
FactsFile decode_facts_file(std::string_view bytes);

}  // namespace tmlint
