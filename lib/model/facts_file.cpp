#include "model/facts_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <stdexcept>


namespace tmlint {
namespace {

// The layout's version: bump it when the order or the meaning of the
// header's fields changes. The records' own layout is tied to tmlint's
// version, checked separately.
constexpr std::string_view kMagic = "tmlint-facts 1\n";
constexpr size_t kChecksum = 16;  // 64 bits, hex

// The checksum: FNV-1a over 64 bits. It catches any one damaged byte (each
// step is a bijection of the state) and a file cut short; it guards against
// accidents, not attacks. (SHA-1 through OpenSSL would cost a shard about
// 2 MB of resident library pages to initialise.)
struct Fnv1a64 {
  uint64_t h = 0xcbf29ce484222325ull;
  void update(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016" PRIx64, h);
    return std::string(out, 16);
  }
};

std::string checksum(std::string_view bytes) {
  Fnv1a64 f;
  f.update(bytes);
  return f.hex();
}

// Writes a facts file in pieces to `out`, hashing as it goes.
// `record(i, bytes)` gives the i-th record's bytes.
template <typename Record, typename Out>
void encode(const FactsFileHeader& h, size_t records, Record record_of, Out out) {
  Fnv1a64 sum;
  std::string buf;
  auto flush = [&] {
    sum.update(buf);
    out(std::string_view(buf));
    buf.clear();
  };
  buf += kMagic;
  FactWriter w(buf);
  w.str(TMLINT_VERSION);
  w.u64(h.shard_index);
  w.u64(h.shard_count);
  w.str(h.root);
  w.u64(static_cast<uint64_t>(h.fail_on));
  w.boolean(h.failing);
  w.u64(h.errors.size());
  for (const std::string& e : h.errors) w.str(e);
  w.u64(h.files);
  w.u64(h.yaml_pages);
  w.u64(h.segments);
  w.u64(records);
  std::string record;
  for (size_t i = 0; i < records; ++i) {
    record.clear();
    record_of(i, record);
    w.str(record);
    if (buf.size() >= (64 << 10)) flush();
  }
  flush();
  out(std::string_view(sum.hex()));
}

}  // namespace

std::string encode_facts_file(const FactsFileHeader& h, const std::vector<ArticleFacts>& articles) {
  std::string out;
  encode(
      h, articles.size(), [&](size_t i, std::string& bytes) { write_article_facts(articles[i], bytes); },
      [&](std::string_view piece) { out += piece; });
  return out;
}

namespace {

template <typename Record>
void write_files(const std::vector<std::string>& paths, const FactsFileHeader& header, size_t records,
                 Record record_of) {
  struct Temp {
    std::string path, temp;
    int fd = -1;
  };
  std::vector<Temp> files;
  auto fail = [&](const std::string& path, int e) {
    for (Temp& t : files) {
      if (t.fd >= 0) ::close(t.fd);
      ::unlink(t.temp.c_str());
    }
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(e));
  };
  for (const std::string& p : paths) {
    std::string tmpl = p + ".tmp-XXXXXX";  // beside it: rename stays in one file system
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) fail(p, errno);
    files.push_back({p, name.data(), fd});
    // Readable as a report is (mkstemp creates 0600): 0666 less the umask.
    const mode_t mask = ::umask(022);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  encode(header, records, record_of, [&](std::string_view piece) {
    for (Temp& t : files)
      for (size_t done = 0; done < piece.size();) {
        const ssize_t n = ::write(t.fd, piece.data() + done, piece.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(t.path, n == 0 ? EIO : errno);
        done += static_cast<size_t>(n);
      }
  });
  for (Temp& t : files) {
    const int fd = t.fd;
    t.fd = -1;
    if (::close(fd) != 0) fail(t.path, errno);
  }
  for (Temp& t : files)
    if (::rename(t.temp.c_str(), t.path.c_str()) != 0) fail(t.path, errno);
}

}  // namespace

void write_facts_files(const std::vector<std::string>& paths, const FactsFileHeader& header,
                       const std::vector<ArticleFacts>& articles) {
  write_files(paths, header, articles.size(),
              [&](size_t i, std::string& bytes) { write_article_facts(articles[i], bytes); });
}

FactsSpool::FactsSpool() : file_(std::tmpfile()) {
  if (!file_) throw std::runtime_error(std::string("cannot create a temporary file: ") + std::strerror(errno));
}

FactsSpool::~FactsSpool() { std::fclose(file_); }

void FactsSpool::add(const ArticleFacts& facts) {
  std::string bytes;
  write_article_facts(facts, bytes);  // outside the lock: the workers serialise in parallel
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failed_ && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = errno ? errno : EIO;
  index_.push_back({facts.path, end_, bytes.size()});
  end_ += bytes.size();
}

void FactsSpool::write(const std::vector<std::string>& paths, const FactsFileHeader& header) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failed_ || std::fflush(file_) != 0)
    throw std::runtime_error(std::string("cannot write a temporary file: ") + std::strerror(failed_ ? failed_ : errno));
  // In path order, as a run that kept them in memory writes them: the same
  // bytes whatever --jobs.
  std::sort(index_.begin(), index_.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  write_files(paths, header, index_.size(), [&](size_t i, std::string& bytes) {
    const Entry& e = index_[i];
    bytes.resize(e.size);
    if (::pread(::fileno(file_), bytes.data(), e.size, static_cast<off_t>(e.offset)) != static_cast<ssize_t>(e.size))
      throw std::runtime_error(std::string("cannot read a temporary file back: ") + std::strerror(errno ? errno : EIO));
  });
}

FactsFile decode_facts_file(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    if (bytes.substr(0, 13) == kMagic.substr(0, 13))
      throw BadFacts("a facts file of another layout (written by another tmlint version)");
    throw BadFacts("not a tmlint facts file");
  }
  if (bytes.size() < kMagic.size() + kChecksum) throw BadFacts("the facts file is cut short");
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksum);
  if (checksum(body) != bytes.substr(body.size()))
    throw BadFacts("the facts file is cut short or damaged (its checksum does not match)");
  FactReader r(body.substr(kMagic.size()));
  FactsFile f;
  FactsFileHeader& h = f.header;
  h.tmlint_version = r.str();
  if (h.tmlint_version != TMLINT_VERSION)
    throw BadFacts("written by tmlint " + h.tmlint_version + ", read by tmlint " TMLINT_VERSION +
                   ": run the shards and the merge with one version");
  auto count = [&] {
    const uint64_t n = r.u64();
    if (n > body.size()) throw BadFacts("the facts file holds a count larger than the file");
    return static_cast<size_t>(n);
  };
  h.shard_index = r.u32();
  h.shard_count = r.u32();
  if (h.shard_count == 0 || h.shard_index >= h.shard_count) throw BadFacts("the facts file names an impossible shard");
  h.root = r.str();
  const uint64_t sev = r.u64();
  if (sev > static_cast<uint64_t>(Severity::Error)) throw BadFacts("the facts file holds an unknown severity");
  h.fail_on = static_cast<Severity>(sev);
  h.failing = r.boolean();
  for (size_t i = 0, n = count(); i < n; ++i) h.errors.emplace_back(r.str());
  h.files = r.u64();
  h.yaml_pages = r.u64();
  h.segments = r.u64();
  const size_t n = count();
  f.articles.reserve(n);
  for (size_t i = 0; i < n; ++i) f.articles.push_back(read_article_facts(r.str()));
  if (!r.done()) throw BadFacts("the facts file has bytes after its last record");
  return f;
}

}  // namespace tmlint
