#include "engine/facts_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <thread>
#include <tuple>

#include "base/hash64.h"
#include "engine/rule.h"
#include "engine/run_check.h"
#include "load/file_walker.h"
#include "sources/source_history.h"

namespace tmlint {
namespace {

constexpr std::string_view kMagic = "tmlint facts cache\n";

void write_setting(FactWriter& w, const RuleSetting& s) {
  w.u64(s.enabled ? 1 + *s.enabled : 0);
  w.u64(s.severity ? 1 + static_cast<uint64_t>(*s.severity) : 0);
  w.u64(s.options.size());
  for (const auto& [key, values] : s.options) {
    w.str(key);
    w.u64(values.size());
    for (const std::string& v : values) w.str(v);
  }
}

void write_strings(FactWriter& w, const std::vector<std::string>& list) {
  w.u64(list.size());
  for (const std::string& s : list) w.str(s);
}

// Every field of the configuration, so a programmatic Config (tests, align)
// keys as well as a file does. `origin` is left out: the same settings in
// another file give the same facts.
void write_config(FactWriter& w, const Config& c) {
  write_strings(w, c.select);
  write_strings(w, c.ignore);
  w.u64(c.fail_on ? 1 + static_cast<uint64_t>(*c.fail_on) : 0);
  w.str(c.locale);
  write_strings(w, c.exclude);
  w.u64(c.rules.size());
  for (const auto& [id, s] : c.rules) {
    w.str(id);
    write_setting(w, s);
  }
  w.u64(c.overrides.size());
  for (const Override& o : c.overrides) {
    write_strings(w, o.files);
    w.u64(o.rules.size());
    for (const auto& [id, s] : o.rules) {
      w.str(id);
      write_setting(w, s);
    }
  }
  w.u64(c.glossary.terms.size());
  for (const auto& [locale, terms] : c.glossary.terms) {
    w.str(locale);
    w.u64(terms.size());
    for (const GlossaryTerm& t : terms) {
      w.str(t.source);
      write_strings(w, t.targets);
      w.boolean(t.case_sensitive);
    }
  }
  write_strings(w, c.glossary.do_not_translate);
}

// The files of --source with their sizes and mtimes, sorted (a plain
// article is aligned with its source's working file, so its facts depend
// on that file's bytes).
void write_source_tree(FactWriter& w, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  w.str(fs::absolute(dir, ec).lexically_normal().generic_string());
  std::vector<std::tuple<std::string, uint64_t, int64_t>> files;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  while (!ec && it != end) {
    const fs::directory_entry& e = *it;
    std::error_code sec;
    const std::string name = e.path().filename().string();
    if (e.is_directory(sec) && !e.is_symlink(sec)) {
      if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
    } else {
      struct stat st {};
      if (::stat(e.path().c_str(), &st) == 0)
        files.emplace_back(e.path().lexically_relative(dir).generic_string(), static_cast<uint64_t>(st.st_size),
                           static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec);
    }
    it.increment(ec);
  }
  std::sort(files.begin(), files.end());
  w.u64(files.size());
  for (const auto& [rel, size, mtime] : files) {
    w.str(rel);
    w.u64(size);
    w.u64(static_cast<uint64_t>(mtime));
  }
}

}  // namespace

uint64_t facts_run_key(const CheckOptions& options, const std::vector<bool>& wanted, const SourceHistory* history) {
  std::string bytes;
  FactWriter w(bytes);
  w.u64(FactsCache::kFormat);
  // This build: the version, and the executable's size and mtime, so a
  // rebuilt tmlint (a changed collect_facts that forgot its facts_version)
  // never reads another build's facts.
  w.str(TMLINT_VERSION);
  const FileStamp exe = stamp_of("/proc/self/exe");
  w.u64(exe.size);
  w.u64(static_cast<uint64_t>(exe.mtime_ns));
  const std::vector<Rule>& rules = all_rules();
  w.u64(rules.size());
  for (size_t k = 0; k < rules.size(); ++k) {
    if (!rules[k].check_batch) continue;
    w.str(rules[k].info.id);
    w.str(rules[k].group());
    w.u64(rules[k].facts_version);
    w.boolean(k < wanted.size() && wanted[k]);
  }
  write_config(w, options.config);
  write_strings(w, options.select);
  write_strings(w, options.ignore);
  w.str(options.locale);
  w.str(options.tm_path);
  w.boolean(!options.source_dir.empty());
  if (!options.source_dir.empty()) {
    write_source_tree(w, options.source_dir);
    w.str(history ? history->state() : std::string("no history"));
  }
  return hash64(bytes);
}

FileStamp stamp_of(const std::string& path) {
  FileStamp s;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return s;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    s.ok = true;
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  }
  ::close(fd);
  return s;
}

int64_t now_ns() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::string serialize_facts_cache(uint64_t key, uint64_t tree, const std::map<std::string, FactsEntry>& entries) {
  std::string out(kMagic);
  FactWriter w(out);
  w.u64(FactsCache::kFormat);
  w.fixed64(key);
  w.fixed64(tree);
  w.u64(entries.size());
  for (const auto& [rel, e] : entries) {
    w.str(rel);
    w.u64(e.size);
    w.u64(static_cast<uint64_t>(e.mtime_ns));
    w.fixed64(e.content_hash);
    w.boolean(e.racy);
    w.boolean(e.tree_dependent);
    w.str(e.record);
  }
  // The checksum covers everything before it: a truncated or altered file
  // fails it before any record is trusted.
  w.fixed64(hash64(out));
  return out;
}

std::map<std::string, FactsEntry> parse_facts_cache(std::string_view bytes, uint64_t key, uint64_t& tree) {
  if (bytes.size() < kMagic.size() + 8 || bytes.substr(0, kMagic.size()) != kMagic)
    throw BadFacts("not a facts cache file");
  const std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (FactReader(bytes.substr(body.size())).fixed64() != hash64(body)) throw BadFacts("facts cache checksum mismatch");
  FactReader r(body.substr(kMagic.size()));
  if (r.u64() != FactsCache::kFormat) throw BadFacts("facts cache of another format");
  if (r.fixed64() != key) throw BadFacts("facts cache of another run key");
  tree = r.fixed64();
  std::map<std::string, FactsEntry> entries;
  const uint64_t n = r.u64();
  if (n > body.size()) throw BadFacts("facts cache holds a count larger than the file");
  for (uint64_t i = 0; i < n; ++i) {
    std::string rel(r.str());
    FactsEntry e;
    e.size = r.u64();
    e.mtime_ns = static_cast<int64_t>(r.u64());
    e.content_hash = r.fixed64();
    e.racy = r.boolean();
    e.tree_dependent = r.boolean();
    e.record = r.str();
    entries.insert_or_assign(std::move(rel), std::move(e));
  }
  if (!r.done()) throw BadFacts("facts cache has bytes after its last entry");
  return entries;
}

std::string FactsCache::file_for(const std::string& dir, const std::string& root) {
  return (std::filesystem::path(dir) / fmt::format("facts-{:016x}.bin", hash64(root))).string();
}

FactsCache FactsCache::open(const std::string& dir, const std::string& root, uint64_t key, uint64_t tree) {
  FactsCache c;
  c.path_ = file_for(dir, root);
  c.key_ = key;
  c.tree_ = tree;
  // Read into a buffer that is not zeroed first (a string would be):
  // megabytes on a real tree.
  const int fd = ::open(c.path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return c;
  struct stat st {};
  size_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    size = static_cast<size_t>(st.st_size);
    c.bytes_.reset(new char[size ? size : 1]);
    size_t got = 0;
    while (got < size) {
      const ssize_t n = ::read(fd, c.bytes_.get() + got, size - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    size = got;  // shorter than fstat said: a truncated file, refused below
  }
  ::close(fd);
  try {
    c.entries_ = parse_facts_cache(std::string_view(c.bytes_.get(), size), key, c.file_tree_);
    c.loaded_ = true;
  } catch (const BadFacts&) {
    c.entries_.clear();
    c.dirty_ = true;  // rewritten whole at the end of the run
    return c;
  }
  if (c.file_tree_ != tree) {
    // The tree changed (a file added, deleted, renamed, a redirection):
    // facts that asked it are not trusted any more.
    std::erase_if(c.entries_, [](const auto& kv) { return kv.second.tree_dependent; });
    c.dirty_ = true;
  }
  return c;
}

const FactsEntry* FactsCache::find(const std::string& rel_path, const FileStamp& stamp, bool& needs_hash) const {
  needs_hash = false;
  auto it = entries_.find(rel_path);
  if (it == entries_.end() || !stamp.ok) return nullptr;
  const FactsEntry& e = it->second;
  if (e.size == stamp.size && e.mtime_ns == stamp.mtime_ns && !e.racy) return &e;
  needs_hash = true;
  return &e;
}

void FactsCache::put(const std::string& rel_path, FactsEntry entry, std::string record) {
  if (!record.empty()) entry.record = record;  // compared before it is kept
  auto keep = [&] {
    if (!record.empty()) entry.record = records_.emplace_back(std::move(record));
  };
  auto it = entries_.find(rel_path);
  if (it != entries_.end()) {
    const FactsEntry& e = it->second;
    // The named file of a pre-commit run, unchanged: nothing to write.
    if (e.size == entry.size && e.mtime_ns == entry.mtime_ns && e.content_hash == entry.content_hash &&
        e.racy == entry.racy && e.tree_dependent == entry.tree_dependent && e.record == entry.record)
      return;
    keep();
    it->second = entry;
  } else {
    keep();
    entries_.emplace(rel_path, entry);
  }
  dirty_ = true;
}

void FactsCache::keep_only(const std::vector<std::string>& keep) {
  const std::set<std::string_view> wanted(keep.begin(), keep.end());
  const size_t before = entries_.size();
  std::erase_if(entries_, [&](const auto& kv) { return !wanted.count(kv.first); });
  dirty_ |= entries_.size() != before;
}

void FactsCache::save() {
  if (!dirty_ || path_.empty()) return;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path_).parent_path(), ec);
  // A name no other writer uses (process, thread, counter): concurrent runs
  // each write their own temporary file and rename it over the cache.
  static std::atomic<unsigned> counter{0};
  const std::string tmp = fmt::format("{}.tmp-{}-{:x}-{}", path_, ::getpid(),
                                      std::hash<std::thread::id>{}(std::this_thread::get_id()), counter++);
  const std::string bytes = serialize_facts_cache(key_, tree_, entries_);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !written || std::rename(tmp.c_str(), path_.c_str()) != 0) {
    std::remove(tmp.c_str());
    return;
  }
  dirty_ = false;
}

}  // namespace tmlint
