#pragma once
// Brackets and quotation marks as pairs a text opens and closes, for
// bracket-balance (is every pair closed?) and markup-mismatch (does bold
// cross a pair, did bold become a pair?).
//
// The pairs are generic brackets (ASCII and full-width forms close each
// other), the CJK brackets, and the quotation marks of the locale from CLDR
// (LocaleProfile::quotes(): German „ “, French « », Russian « » and „ “), of
// the source language (English “ ” ‘ ’, which MT keeps), and the data file's
// `bracket-balance: pairs:`. One mark may close a pair and open another
// (German “ closes „ and opens the English “ ”): it closes when the pair on
// top of the stack is its own, else it opens. A mark whose two sides are the
// same (ASCII ") toggles the same way. The apostrophe (’, also the English
// closing single quote; ‘ and ' by mistake) is no mark between two letters
// (l’utilisateur, dell’account, don’t), and a ’ that closes nothing is an
// apostrophe too (the partners’ accounts).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "locale/locale_profile.h"

namespace tmlint::qa {

inline std::string utf8_of(UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  (void)error;
  return std::string(buf, static_cast<size_t>(len));
}

// The first code point of a UTF-8 string (0 when empty or invalid).
inline UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0 : c;
}

// An opening and a closing mark as code points.
struct QuoteCode {
  UChar32 open = 0, close = 0;
};

class MarkTable {
 public:
  struct Mark {
    UChar32 c = 0;
    int opens = 0;         // family this mark opens (1-based), 0 if none
    uint64_t closes = 0;   // bit (family - 1) for each family it closes
    bool apostrophe = false;
  };

  // `locale`'s pairs, plus `also` (the source language's) when given.
  explicit MarkTable(const LocaleProfile& locale, const LocaleProfile* also = nullptr) {
    static const char* const kBrackets[] = {"( )", "（ ）", "[ ]", "［ ］", "{ }", "｛ ｝", "「 」", "『 』",
                                            "【 】", "《 》", "〈 〉", "〔 〕"};
    for (const char* b : kBrackets) {
      std::string_view p(b);
      size_t sp = p.find(' ');
      add(first_code_point(p.substr(0, sp)), first_code_point(p.substr(sp + 1)));
    }
    // The full-width forms close the ASCII ones and the other way round.
    merge('(', 0xFF08);
    merge('[', 0xFF3B);
    merge('{', 0xFF5B);
    for (const LocaleProfile* l : {&locale, also}) {
      if (!l) continue;
      for (const QuotePair& q : l->quotes()) add(first_code_point(q.open), first_code_point(q.close));
      for (const std::string& pair : l->list("bracket-balance", "pairs")) {
        size_t sp = pair.find(' ');
        if (sp == std::string::npos) continue;
        add(first_code_point(std::string_view(pair).substr(0, sp)), first_code_point(std::string_view(pair).substr(sp + 1)));
      }
    }
    for (UChar32 a : {0x2019, 0x2018, 0x27})
      if (Mark* m = find_mut(a)) m->apostrophe = true;
    for (const Mark& m : marks_) {
      if (m.c < 128) ascii_[m.c] = true;
      else low_byte_[m.c & 0xFF] = true;
      std::string bytes = utf8_of(m.c);
      lead_[static_cast<unsigned char>(bytes[0])] = true;
      if (bytes.size() > 1) second_[static_cast<unsigned char>(bytes[0])] |= uint64_t{1} << (bytes[1] & 0x3F);
    }
  }

  // Calls f(mark, code point, byte offset, previous code point, next code
  // point) for each mark of `text`, in order. Bytes that cannot begin a mark
  // are skipped without decoding (most of a CJK text).
  template <class F>
  void for_each_mark(std::string_view text, F&& f) const {
    const int32_t n = static_cast<int32_t>(text.size());
    const char* d = text.data();
    for (int32_t i = 0; i < n; ++i) {
      const auto lead = static_cast<unsigned char>(d[i]);
      if (!lead_[lead]) continue;
      if (lead >= 0x80) {
        // The second byte too (a kana's E3 81..83 shares the lead of 「」 but
        // no mark's second byte): a byte that is no continuation byte makes
        // no mark either (U8_NEXT would fail).
        if (i + 1 >= n) continue;
        const auto second = static_cast<unsigned char>(d[i + 1]);
        if ((second & 0xC0) != 0x80 || !(second_[lead] >> (second & 0x3F) & 1)) continue;
      }
      int32_t j = i;
      UChar32 c;
      U8_NEXT(d, j, n, c);
      const Mark* m = find(c);
      if (!m) continue;
      UChar32 prev = 0, next = 0;
      if (m->apostrophe) {
        if (i > 0) {
          int32_t k = i;
          U8_BACK_1(reinterpret_cast<const uint8_t*>(d), 0, k);
          int32_t e = k;
          U8_NEXT(d, e, n, prev);
        }
        if (int32_t k = j; k < n) U8_NEXT(d, k, n, next);
      }
      if (!f(*m, c, static_cast<size_t>(i), prev < 0 ? 0 : prev, next < 0 ? 0 : next)) return;
      i = j - 1;
    }
  }

  const Mark* find(UChar32 c) const {
    // Most code points are no mark: two table lookups say so.
    if (c < 0) return nullptr;
    if (c < 128 ? !ascii_[c] : !low_byte_[c & 0xFF]) return nullptr;
    for (const Mark& m : marks_)
      if (m.c == c) return &m;
    return nullptr;
  }
  // The opening mark of a family (for messages).
  UChar32 opener(int family) const { return family > 0 && family <= static_cast<int>(openers_.size()) ? openers_[family - 1] : 0; }

 private:
  Mark* find_mut(UChar32 c) {
    for (Mark& m : marks_)
      if (m.c == c) return &m;
    return nullptr;
  }
  Mark& at(UChar32 c) {
    if (Mark* m = find_mut(c)) return *m;
    marks_.push_back({c});
    return marks_.back();
  }
  void add(UChar32 open, UChar32 close) {
    if (open <= 0 || close <= 0 || openers_.size() >= 64) return;
    // The same pair twice (CLDR's primary and the English one) is one family.
    for (size_t f = 0; f < openers_.size(); ++f)
      if (openers_[f] == open && (at(close).closes >> f & 1)) return;
    Mark& o = at(open);
    if (o.opens) {
      // One opener, two closers (« » and « « ?): the opener keeps its family,
      // which the new closer also closes.
      at(close).closes |= uint64_t{1} << (o.opens - 1);
      return;
    }
    openers_.push_back(open);
    int family = static_cast<int>(openers_.size());
    o.opens = family;
    at(close).closes |= uint64_t{1} << (family - 1);
  }
  // `b`'s family becomes `a`'s: either opener opens it, either closer closes it.
  void merge(UChar32 a, UChar32 b) {
    Mark* ma = find_mut(a);
    Mark* mb = find_mut(b);
    if (!ma || !mb || !ma->opens || !mb->opens) return;
    uint64_t bit_b = uint64_t{1} << (mb->opens - 1), bit_a = uint64_t{1} << (ma->opens - 1);
    for (Mark& m : marks_)
      if (m.closes & bit_b) m.closes |= bit_a;
    mb->opens = ma->opens;
  }

  std::vector<Mark> marks_;
  std::vector<UChar32> openers_;
  bool ascii_[128] = {};
  bool low_byte_[256] = {};  // low bytes of the marks beyond ASCII
  bool lead_[256] = {};      // first UTF-8 bytes of the marks
  uint64_t second_[256] = {};  // per first byte: the second bytes (low 6 bits) of the marks that start with it
};

// Walks a text's marks with a stack. feed() says what a mark did.
class PairStack {
 public:
  enum class Event { None, Open, Close, Mismatch, Stray };
  struct Open {
    int family;
    UChar32 c;
    size_t at;  // byte offset of the mark in the scanned text
  };

  explicit PairStack(const MarkTable& table) : table_(table) {}

  // `prev` and `next` are the code points around `c` (0 at the edges), for
  // the apostrophe. On Mismatch and Stray the stack is left as it was.
  Event feed(UChar32 c, size_t at, UChar32 prev, UChar32 next) {
    const MarkTable::Mark* m = table_.find(c);
    if (!m) return Event::None;
    if (m->apostrophe && u_isalpha(prev) && u_isalpha(next)) return Event::None;
    if (!stack_.empty() && (m->closes >> (stack_.back().family - 1) & 1)) {
      stack_.pop_back();
      return Event::Close;
    }
    if (m->opens) {
      stack_.push_back({m->opens, c, at});
      return Event::Open;
    }
    if (m->apostrophe) return Event::None;
    return stack_.empty() ? Event::Stray : Event::Mismatch;
  }

  size_t depth() const { return stack_.size(); }
  bool empty() const { return stack_.empty(); }
  const Open& top() const { return stack_.back(); }
  const std::vector<Open>& open_marks() const { return stack_; }
  void clear() { stack_.clear(); }

 private:
  const MarkTable& table_;
  std::vector<Open> stack_;
};

// Up to `before` and `after` code points of `raw` around byte `at`, verbatim
// (so a localizer can search for it), cut at a line break.
inline std::string verbatim_excerpt(std::string_view raw, size_t at, size_t before = 12, size_t after = 12) {
  if (at > raw.size()) at = raw.size();
  size_t begin = at;
  for (size_t n = 0; n < before && begin > 0;) {
    --begin;
    if (raw[begin] == '\n') {
      ++begin;
      break;
    }
    if ((static_cast<unsigned char>(raw[begin]) & 0xC0) != 0x80) ++n;
  }
  while (begin < at && (static_cast<unsigned char>(raw[begin]) & 0xC0) == 0x80) ++begin;
  size_t end = at;
  for (size_t n = 0; end < raw.size() && raw[end] != '\n';) {
    if ((static_cast<unsigned char>(raw[end]) & 0xC0) != 0x80) {
      if (n == after + 1) break;
      ++n;
    }
    ++end;
  }
  return std::string(raw.substr(begin, end - begin));
}

// A verbatim excerpt quoted for a message: in backquotes, or in double
// quotes when it holds a backquote itself.
inline std::string quoted(std::string_view s) {
  char q = s.find('`') == std::string_view::npos ? '`' : '"';
  std::string out(1, q);
  out += s;
  out += q;
  return out;
}

}  // namespace tmlint::qa
