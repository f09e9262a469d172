#include "text/normal_forms.h"

#include <array>
#include <cstring>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/bytestream.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "load/entities.h"
#include "text/visible_text.h"

namespace tmlint {
namespace {

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

const icu::Normalizer2* nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

const icu::Normalizer2* nfkc_casefold_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

icu::UnicodeString normalized(const icu::Normalizer2* n, const icu::UnicodeString& u) {
  if (!n) return u;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, status);
  return U_SUCCESS(status) ? out : u;
}

// Code spans (a run of n backticks to the next run of exactly n) in order.
// Calls piece(text, is_code) for the alternating parts.
template <class Fn>
void split_code(std::string_view s, Fn&& piece) {
  size_t start = 0, i = 0;
  while (i < s.size()) {
    if (s[i] != '`') {
      ++i;
      continue;
    }
    size_t n = 0;
    while (i + n < s.size() && s[i + n] == '`') ++n;
    size_t close = std::string_view::npos;
    for (size_t j = i + n; j < s.size();) {
      if (s[j] != '`') {
        ++j;
        continue;
      }
      size_t m = 0;
      while (j + m < s.size() && s[j + m] == '`') ++m;
      if (m == n) {
        close = j + m;
        break;
      }
      j += m;
    }
    if (close == std::string_view::npos) {
      i += n;
      continue;
    }
    piece(s.substr(start, i - start), false);
    piece(s.substr(i, close - i), true);
    start = i = close;
  }
  piece(s.substr(start), false);
}

bool cjk_like(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &status);
  if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL ||
      sc == USCRIPT_THAI || sc == USCRIPT_LAO || sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR)
    return true;
  auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;  // ー, full-width forms
}

}  // namespace

namespace {

// `n` applied to UTF-8 without a round trip through UTF-16, and nothing at
// all when the text is already normalised (ASCII always is for NFC).
std::string normalize_utf8(const icu::Normalizer2* n, std::string_view s, bool quick_check) {
  if (!n) return std::string(s);
  const icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (quick_check && n->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(s);
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(s.size()));
  status = U_ZERO_ERROR;
  n->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : std::string(s);
}

// Copies UTF-8 text code point by code point; `drop(c)` removes one and
// `space(c)` turns a run of them into one ' ' (none at either end).
template <class Drop, class Space>
std::string filter_utf8(std::string_view s, Drop&& drop, Space&& space) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto len = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < len;) {
    if (p[i] < 0x80) {  // ASCII, most of the text: no decoding, one byte appended
      const UChar32 a = p[i++];
      if (space(a)) {
        pending = !out.empty();
      } else if (!drop(a)) {
        if (pending) out.push_back(' ');
        pending = false;
        out.push_back(static_cast<char>(a));
      }
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c >= 0 && space(c)) {
      pending = !out.empty();
      continue;
    }
    if (c >= 0 && drop(c)) continue;
    if (pending) out.push_back(' ');
    pending = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

bool white(UChar32 c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return u_isUWhiteSpace(c);
}

}  // namespace

std::string nfc(std::string_view utf8) { return normalize_utf8(nfc_instance(), utf8, true); }

std::string segment_form(std::string_view markdown) {
  std::string joined;
  split_code(markdown, [&](std::string_view part, bool code) {
    joined += ' ';
    if (!code) {
      joined += visible_text(part);  // decodes entities itself
    } else if (std::string decoded; decode_entities(part, decoded)) {
      joined += decoded;
    } else {
      joined += part;
    }
  });
  return normalize_visible(joined);
}

namespace {

// The length of the white space code point (u_isUWhiteSpace) at s[i], 0 when
// there is none. Only a lead byte C2, E1, E2 or E3 can start a non-ASCII one
// (U+0085 U+00A0; U+1680; U+2000..U+200A U+2028 U+2029 U+202F U+205F;
// U+3000), and a lead byte is never inside another code point, valid or not,
// so a byte scan sees the same white space as decoding does.
// normal_forms_test checks this against ICU for every code point.
size_t white_at(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r') ? 1 : 0;
  auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  switch (c) {
    case 0xC2: return at(1) == 0x85 || at(1) == 0xA0 ? 2 : 0;
    case 0xE1: return at(1) == 0x9A && at(2) == 0x80 ? 3 : 0;
    case 0xE2: {
      const unsigned b1 = at(1), b2 = at(2);
      if (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)) return 3;
      return b1 == 0x81 && b2 == 0x9F ? 3 : 0;
    }
    case 0xE3: return at(1) == 0x80 && at(2) == 0x80 ? 3 : 0;
    default: return 0;
  }
}

// Every run of white space one ' ', none at either end; the text between
// is copied a run at a time.
std::string collapse_white(std::string_view s) {
  // Bytes that may start white space: ASCII white, and the lead bytes of white_at.
  static const auto may_be_white = [] {
    std::array<bool, 256> k{};
    for (int c : {0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE1, 0xE2, 0xE3}) k[c] = true;
    return k;
  }();
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  size_t start = 0;  // of the text not yet copied
  auto flush = [&](size_t end) {
    if (end == start) return;
    if (pending) out.push_back(' ');
    pending = false;
    out.append(s.data() + start, end - start);
  };
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size();) {
    const size_t w = may_be_white[p[i]] ? white_at(s, i) : 0;
    if (w == 0) {
      ++i;
      continue;
    }
    flush(i);
    pending = !out.empty();
    i += w;
    start = i;
  }
  flush(s.size());
  return out;
}


// What normalize_visible has to do with a text, found in one pass.
enum class Work { None, Collapse, Unknown };

// None: NFC leaves the text as it is (every code point is one of those
// detail::surely_nfc names) and it has no white space but single ' '
// between other characters; Collapse: the same but white space to
// collapse; Unknown: a code point NFC might change, or broken UTF-8.
// Byte classes and the three-byte code points work_for knows, built once.
struct WorkTables {
  enum Class : uint8_t { Plain, Space, White, Control, Two, Three, Other };
  std::array<uint8_t, 256> byte_class{};
  std::array<uint64_t, 1024> sure{};  // bit cp: NFC never changes code point cp (U+0800..U+FFFF)

  WorkTables() {
    for (int c = 0; c < 256; ++c)
      byte_class[c] = c < 0x20 ? Control : c < 0x80 ? Plain : c >= 0xC2 && c <= 0xCB ? Two : c >= 0xE1 && c <= 0xEF ? Three : Other;
    byte_class[' '] = Space;
    for (int c = '\t'; c <= '\r'; ++c) byte_class[c] = White;
    auto mark = [&](unsigned from, unsigned to) {
      for (unsigned cp = from; cp <= to; ++cp) sure[cp >> 6] |= uint64_t{1} << (cp & 63);
    };
    mark(0x3000, 0x3029);  // CJK punctuation, kana, ideographs, but the combining marks
    mark(0x3030, 0x3098);
    mark(0x309B, 0x9FFF);
    mark(0xAC00, 0xD7A3);  // Hangul syllables
    mark(0xFF00, 0xFFEF);  // full-width and half-width forms
    mark(0x1680, 0x1680);  // white space (U+2000 and U+2001 are not: NFC changes them)
    mark(0x2002, 0x200A);
    mark(0x2028, 0x2029);
    mark(0x202F, 0x202F);
    mark(0x205F, 0x205F);
  }
  bool is_sure(unsigned cp) const { return (sure[cp >> 6] >> (cp & 63)) & 1; }
};

// None: NFC leaves the text as it is (every code point is one of those
// detail::surely_nfc names) and it has no white space but single ' '
// between other characters; Collapse: the same but white space to
// collapse; Unknown: a code point NFC might change, or broken UTF-8.
Work work_for(std::string_view s) {
  static const WorkTables t;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  bool collapse = false;
  bool after_white = true;  // white space at the start is collapsed
  for (size_t i = 0; i < n;) {
    const unsigned c = p[i];
    switch (t.byte_class[c]) {
      case WorkTables::Plain:
        ++i;
        while (i < n && t.byte_class[p[i]] == WorkTables::Plain) ++i;
        after_white = false;
        break;
      case WorkTables::Space:
        collapse |= after_white;
        after_white = true;
        ++i;
        break;
      case WorkTables::White:
        collapse = after_white = true;
        ++i;
        break;
      case WorkTables::Control:
        after_white = false;
        ++i;
        break;
      case WorkTables::Two: {  // U+0080..U+02FF
        if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return Work::Unknown;
        const bool white = c == 0xC2 && (p[i + 1] == 0x85 || p[i + 1] == 0xA0);
        collapse |= white;
        after_white = white;
        i += 2;
        break;
      }
      case WorkTables::Three:  // a run of them: most of CJK text
        do {
          if (i + 2 >= n || (((p[i + 1] << 8) | p[i + 2]) & 0xC0C0) != 0x8080) return Work::Unknown;
          const unsigned cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
          if (!t.is_sure(cp)) return Work::Unknown;
          // The sure code points from U+1680 to U+205F are white space.
          const bool white = cp == 0x3000 || cp - 0x1680u <= 0x205Fu - 0x1680u;
          collapse |= white;  // it becomes ' '
          after_white = white;
          i += 3;
        } while (i < n && t.byte_class[p[i]] == WorkTables::Three);
        break;
      default: return Work::Unknown;
    }
  }
  collapse |= after_white && n > 0;  // white space at the end
  return collapse ? Work::Collapse : Work::None;
}

}  // namespace

namespace detail {

bool surely_nfc(std::string_view s) { return work_for(s) != Work::Unknown; }

}  // namespace detail

std::string normalize_visible(std::string_view visible) {
  // Most texts need nothing: NFC leaves ASCII, kana, CJK, Hangul and
  // full-width forms as they are, and the visible text has its white space
  // collapsed already, but for non-breaking and ideographic spaces.
  switch (work_for(visible)) {
    case Work::None: return std::string(visible);
    case Work::Collapse: return collapse_white(visible);
    case Work::Unknown: break;
  }
  const icu::Normalizer2* n = nfc_instance();
  const icu::StringPiece piece(visible.data(), static_cast<int32_t>(visible.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (!n || (n->isNormalizedUTF8(piece, status) && U_SUCCESS(status))) return collapse_white(visible);
  return collapse_white(normalize_utf8(n, visible, false));
}

std::string form_of_markdown(std::string_view markdown) {
  return markdown.find('`') == std::string_view::npos ? normalize_visible(visible_text(markdown))
                                                       : segment_form(markdown);
}

bool has_letter_or_digit_visible(std::string_view visible) {
  const auto* p = reinterpret_cast<const uint8_t*>(visible.data());
  const auto len = static_cast<int32_t>(visible.size());
  for (int32_t i = 0; i < len;) {
    if (p[i] < 0x80) {  // ASCII: no decoding
      const char c = static_cast<char>(p[i++]);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

std::string loose_form(std::string_view text) {
  return filter_utf8(
      normalize_utf8(nfkc_casefold_instance(), text, true),
      [](UChar32 c) { return white(c) || u_ispunct(c); }, [](UChar32) { return false; });
}

bool has_letter_or_digit(std::string_view text) {
  bool found = false;
  split_code(text, [&](std::string_view part, bool code) {
    if (code || found) return;
    found = has_letter_or_digit_visible(visible_text(part));
  });
  return found;
}

namespace {

// Simple (one code point to one code point) case folding, so offsets in the
// folded text are offsets in the original.
icu::UnicodeString fold_simple(const icu::UnicodeString& u) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    out.append(U16_LENGTH(f) == U16_LENGTH(c) ? f : c);
  }
  return out;
}

}  // namespace

TermPattern compile_term(std::string_view term, bool case_sensitive) {
  TermPattern p;
  p.case_sensitive = case_sensitive;
  p.text = normalized(nfc_instance(), from_utf8(term));
  if (!case_sensitive) p.text = fold_simple(p.text);
  return p;
}

TermFinder::TermFinder() {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) words_.reset();
}

TermFinder::~TermFinder() = default;

void TermFinder::set_text(std::string_view utf8) {
  text_ = normalized(nfc_instance(), from_utf8(utf8));
  folded_ready_ = false;
  breaks_ready_ = false;
}

bool TermFinder::edge_ok(int32_t offset) {
  if (offset <= 0 || offset >= text_.length()) return true;
  UChar32 before = text_.char32At(offset - 1);
  UChar32 after = text_.char32At(offset);
  if (cjk_like(before) || cjk_like(after)) return true;
  if (after == '\'' || after == 0x2019) return true;  // Microsoft's
  if (!words_) return !u_isalnum(before) || !u_isalnum(after);
  if (!breaks_ready_) {
    words_->setText(text_);
    breaks_ready_ = true;
  }
  return words_->isBoundary(offset);
}

bool TermFinder::contains(const TermPattern& term, bool whole_words) {
  if (term.text.isEmpty()) return false;
  const icu::UnicodeString* hay = &text_;
  if (!term.case_sensitive) {
    if (!folded_ready_) {
      folded_ = fold_simple(text_);
      folded_ready_ = true;
    }
    hay = &folded_;
  }
  for (int32_t at = hay->indexOf(term.text); at >= 0; at = hay->indexOf(term.text, at + 1)) {
    if (!whole_words) return true;
    if (edge_ok(at) && edge_ok(at + term.text.length())) return true;
  }
  return false;
}

}  // namespace tmlint
