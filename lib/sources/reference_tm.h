#pragma once
// A reference translation memory (`--tm FILE.tmx`): for each source text, the
// target texts it has per language. The engine reads the file; rules look
// texts up. Inline codes (<ph>, <bpt>, <ept>, <it>, <hi>) are flattened back
// to the text they protect, so a TMX exported by `tmlint align`, with or
// without --inline tags, matches the segments it came from.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tmlint {

class ReferenceTm {
 public:
  struct Variant {
    std::string lang;    // as written in the TMX (xml:lang)
    std::string target;
  };

  // Parses TMX 1.4 bytes. Returns nullopt and sets `error` (with a line
  // when the XML is malformed) when it is not a TMX document.
  static std::optional<ReferenceTm> parse(std::string_view bytes, std::string& error);

  // The targets the memory holds for `source` in `target_lang`. Languages
  // match case-insensitively, and a bare language ("ja") matches its
  // regional forms ("ja-JP") both ways. Empty when nothing matches.
  std::vector<std::string_view> targets(std::string_view source, std::string_view target_lang) const;

  size_t units() const { return units_; }
  size_t sources() const { return by_source_.size(); }
  std::string_view source_lang() const { return source_lang_; }

  // For tests and tools that build a memory in code.
  void add(std::string source, std::string lang, std::string target);

 private:
  // Heterogeneous lookup: a segment's string_view finds its entry without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::string source_lang_;
  size_t units_ = 0;
  std::unordered_map<std::string, std::vector<Variant>, Hash, std::equal_to<>> by_source_;
};

// True when two language tags name the same language in the sense above.
bool same_language(std::string_view a, std::string_view b);

}  // namespace tmlint
