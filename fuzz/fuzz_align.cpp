// libFuzzer target: the plain Markdown reader and the aligner on arbitrary
// bytes. The input is a target and a source, split at the first "\n\x01\n"
// (or in the middle); then the invariants the article builder relies on:
// every range inside its file, pairs in target order, confidences in (0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "align/aligner.h"
#include "load/markdown_reader.h"

using namespace tmlint;

static void require(bool ok) {
  if (!ok) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  size_t cut = bytes.find("\n\x01\n");
  std::string target = cut == std::string::npos ? bytes.substr(0, size / 2) : bytes.substr(0, cut);
  std::string source = cut == std::string::npos ? bytes.substr(size / 2) : bytes.substr(cut + 3);
  MdDocument t = read_markdown(target), s = read_markdown(source);
  for (const MdDocument* d : {&t, &s})
    for (const MdBlock& b : d->blocks) {
      require(!b.lines.empty());
      for (const MdLine& l : b.lines) require(l.begin <= l.end);
    }
  for (const MdBlock& b : t.blocks) require(b.end() <= target.size());
  for (const MdBlock& b : s.blocks) require(b.end() <= source.size());
  BlockAlignOptions options;
  options.locale = "ja-JP";
  Alignment a = align_documents(target, t, source, s, options);
  uint32_t last = 0;
  for (const AlignedPair& p : a.pairs) {
    require(p.target.begin <= p.target.end && p.target.end <= target.size());
    require(p.source.begin <= p.source.end && p.source.end <= source.size());
    require(p.target.begin >= last);
    last = p.target.begin;
    require(p.confidence > 0 && p.confidence <= 1);
    require(p.target_block < t.blocks.size() && p.source_block < s.blocks.size());
  }
  for (const Unpaired& u : a.missing) require(u.text.end <= source.size() && u.anchor <= target.size());
  for (const Unpaired& u : a.extra) require(u.text.end <= target.size());
  return 0;
}
