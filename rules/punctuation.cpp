// punctuation: end punctuation and spacing of a segment's target against the
// conventions of its locale, which its data file names (under
// `punctuation:`), so that a new locale is a new file, not code:
//   full-stop             ja, zh "。": a source sentence ends with '.', the
//                         target's last character is an ASCII '.' right
//                         after a CJK character;
//   no-space-before       ja "。" "、", zh also "，" "：" ...: a space before
//                         full-width punctuation (MT leaves one after bold or
//                         inline code);
//   full-width-after-cjk  zh "?" "!" "," ":" ";": the ASCII mark right after
//                         a Chinese character (GB/T 15834); not inside a
//                         function call or formula ("ROUND(单价 * 数量, 2)");
//   space-before          fr ":" ";" "!" "?": the mark right after a word,
//                         with no space (a space, a no-break space U+00A0 or
//                         U+202F, or &nbsp;, all fine).
// For every locale: two spaces in a row between two words, which the source
// does not have. HTML shows them as one, so that is for the TM's sake: it is
// not reported where the target lost emphasis markers (the spaces are what
// MT left of them, and markup-mismatch speaks for that segment), nor next to
// markup or punctuation. Options: `conventions: false` turns the locale's
// checks off, `double-space: false` the spacing check.
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "paired_marks.h"
#include "qa_common.h"

namespace tmlint {
namespace {

bool is_cjk(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA;
}

// The code point that ends at byte `end` of s, and where it starts (0 when none).
UChar32 before(std::string_view s, size_t end, size_t* start = nullptr) {
  if (end == 0) return 0;
  int32_t i = static_cast<int32_t>(end);
  UChar32 c;
  U8_BACK_1(reinterpret_cast<const uint8_t*>(s.data()), 0, i);
  if (start) *start = static_cast<size_t>(i);
  int32_t j = i;
  U8_NEXT(s.data(), j, static_cast<int32_t>(end), c);
  return c;
}

UChar32 after(std::string_view s, size_t at) {
  if (at >= s.size()) return 0;
  int32_t i = static_cast<int32_t>(at);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool is_word(UChar32 c) { return c > 0 && (u_isalnum(c) != 0); }

std::string_view trim_end(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t' || s.back() == '\x1F'))
    s.remove_suffix(1);
  return s;
}

struct Conventions {
  std::string full_stop;
  std::vector<std::string> no_space_before;
  std::string full_width_after_cjk;  // ASCII marks
  std::string space_before;          // ASCII marks
};

Conventions conventions_of(const LocaleProfile& locale) {
  Conventions c;
  c.full_stop = locale.text("punctuation", "full-stop").value_or("");
  c.no_space_before = locale.list("punctuation", "no-space-before");
  for (const std::string& m : locale.list("punctuation", "full-width-after-cjk"))
    if (m.size() == 1) c.full_width_after_cjk += m;
  for (const std::string& m : locale.list("punctuation", "space-before"))
    if (m.size() == 1) c.space_before += m;
  return c;
}

// Bytes of the prose inside a function call's parentheses ("ROUND(a, 2)":
// an opening parenthesis right after an ASCII letter or digit), where
// punctuation is the formula's, not the sentence's.
std::vector<bool> in_call(std::string_view t) {
  std::vector<bool> out(t.size(), false);
  std::vector<bool> stack;  // per open '(': is it a call?
  int calls = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '(') {
      bool call = i > 0 && static_cast<unsigned char>(t[i - 1]) < 0x80 &&
                  (std::isalnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '_');
      stack.push_back(call);
      calls += call;
    } else if (c == ')' && !stack.empty()) {
      calls -= stack.back();
      stack.pop_back();
    }
    out[i] = calls > 0;
  }
  return out;
}

// A space of French typography before the mark at raw offset `r`: a
// space, U+00A0, U+202F, U+2009 or a space entity ("&nbsp;"). Markup in
// between (the "**" or "</b>" closing bold) is looked through; anything
// else before the mark is a word.
bool spaced(std::string_view raw, size_t r) {
  auto ends_with = [&](std::string_view e) { return r >= e.size() && raw.substr(r - e.size(), e.size()) == e; };
  while (r > 0) {
    char c = raw[r - 1];
    if (c == ' ' || c == '\t' || c == '\n') return true;
    for (std::string_view sp : {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x80\x89"})
      if (ends_with(sp)) return true;
    if (c == ';') {
      size_t amp = raw.rfind('&', r - 1);
      if (amp == std::string_view::npos || r - amp > 10) return false;
      std::string e(raw.substr(amp, r - amp));
      for (char& ch : e) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return e == "&nbsp;" || e == "&#160;" || e == "&#xa0;" || e == "&#8239;" || e == "&#x202f;" ||
             e == "&thinsp;" || e == "&#8201;" || e == "&ensp;" || e == "&emsp;";
    }
    if (c == '*' || c == '_') {
      --r;
      continue;
    }
    if (c == '>') {
      size_t lt = raw.rfind('<', r - 1);
      if (lt == std::string_view::npos || lt + 1 >= r || raw[lt + 1] != '/') return false;  // only closing tags
      r = lt;
      continue;
    }
    return false;
  }
  return true;  // the start of the text
}

// True when the words around the mark at `i` ("Minecraft: Education",
// "Yahoo!", "\"operationType\": \"dap_") are in the source as they are: a
// name or code the target keeps, not French prose.
bool copied_from(std::string_view t, size_t i, std::string_view source) {
  size_t begin = i, end = i + 1;
  while (begin > 0 && t[begin - 1] != ' ' && t[begin - 1] != '\n') --begin;
  if (end < t.size() && t[end] == ' ') ++end;
  // The next word, up to a space of any kind (MT turns some into U+00A0).
  while (end < t.size() && t[end] != ' ' && t[end] != '\n' && t[end] != '\x1F' && t[end] != '\xC2' && t[end] != '\xE2')
    ++end;
  if (i - begin < 2) return false;
  return source.find(t.substr(begin, end - begin)) != std::string_view::npos;
}

// The first i >= from with t[i] and t[i + 1] both spaces, or npos. Every
// pair of bytes has one byte at an odd offset: only those are tested first
// (a compare per byte was 17% of this rule; find("  ") calls memchr at
// every single space).
size_t next_two_spaces(std::string_view t, size_t from) {
  const size_t n = t.size();
  for (size_t j = from | 1; j < n; j += 2) {
    if (t[j] != ' ') continue;
    if (j > from && t[j - 1] == ' ') return j - 1;
    if (j + 1 < n && t[j + 1] == ' ') return j;
  }
  return std::string_view::npos;
}

// Offset of the first run of two spaces between two words, or npos.
size_t double_space(std::string_view t) {
  for (size_t i = 0; (i = next_two_spaces(t, i)) != std::string_view::npos; ++i) {
    size_t e = i;
    while (e < t.size() && t[e] == ' ') ++e;
    if (is_word(before(t, i)) && is_word(after(t, e))) return i;
    i = e;
  }
  return std::string_view::npos;
}

int emphasis_runs(const std::vector<InlineToken>& tokens) {
  int n = 0;
  for (const InlineToken& t : tokens) n += t.kind == InlineKind::Emphasis;
  return n;
}

struct Problem {
  std::string what;
  size_t at;  // byte of the prose
};

void check(const ArticleContext& ctx) {
  Conventions conv;
  if (ctx.options.get_bool("conventions", true)) conv = conventions_of(ctx.locale);
  bool double_space_check = ctx.options.get_bool("double-space", true);
  for (size_t seg = 0; seg < ctx.article.segments.size(); ++seg) {
    const Segment& s = ctx.article.segments[seg];
    if (!s.has_source) continue;
    const Prose& target = ctx.text.prose(seg, Side::Target);
    std::string_view t = target.text, raw = s.target.raw;
    std::vector<Problem> problems;
    auto excerpt_at = [&](size_t at) {
      uint32_t r = at < target.origin.size() ? target.origin[at] : 0;
      return qa::quoted(qa::verbatim_excerpt(raw, r, 10, 6));
    };
    if (!conv.full_stop.empty()) {
      const Prose& source = ctx.text.prose(seg, Side::Source);
      std::string_view st = trim_end(source.text), tt = trim_end(t);
      if (!st.empty() && st.back() == '.' && !tt.empty() && tt.back() == '.' && is_cjk(before(tt, tt.size() - 1)))
        problems.push_back({fmt::format("ends with '.' instead of '{}': {}", conv.full_stop, excerpt_at(tt.size() - 1)),
                            tt.size() - 1});
    }
    for (const std::string& mark : conv.no_space_before) {
      size_t at = t.find(mark);
      while (at != std::string_view::npos && !(at > 0 && t[at - 1] == ' ')) at = t.find(mark, at + 1);
      if (at == std::string_view::npos) continue;
      size_t space = at;
      while (space > 0 && t[space - 1] == ' ') --space;
      if (space == 0 || t[space - 1] == '\n') continue;  // a line's indentation
      problems.push_back({fmt::format("a space before '{}': {}", mark, excerpt_at(space)), space});
      break;
    }
    if (!conv.full_width_after_cjk.empty() && qa::contains_any_of(t, conv.full_width_after_cjk)) {
      std::vector<bool> code = in_call(t);
      for (size_t i = 1; i < t.size(); ++i) {
        if (conv.full_width_after_cjk.find(t[i]) == std::string::npos || code[i]) continue;
        if (i + 1 < t.size() && t[i + 1] != ' ' && t[i + 1] != '\n' && t[i + 1] != '\x1F' &&
            static_cast<unsigned char>(t[i + 1]) < 0x80)
          continue;  // part of a token ("a?b", "x!=y")
        if (!is_cjk(before(t, i))) continue;
        problems.push_back({fmt::format("ASCII '{}' after a {} character (full-width expected): {}", t[i],
                                        ctx.locale.language(), excerpt_at(i)),
                            i});
        break;
      }
    }
    if (!conv.space_before.empty() && qa::contains_any_of(t, conv.space_before)) {
      std::vector<bool> code = in_call(t);
      for (size_t i = 1; i < t.size(); ++i) {
        if (conv.space_before.find(t[i]) == std::string::npos || code[i]) continue;
        UChar32 next = after(t, i + 1);
        // Only a mark that ends a phrase: "10:30", "hh:mm:ss", "?code=", "::" are not.
        if (!(next == 0 || next == ' ' || next == '\n' || next == 0x1F || next == 0xA0 || next == 0x202F)) continue;
        if (t[i] == t[i - 1] || conv.space_before.find(t[i - 1]) != std::string::npos) continue;  // "?!", "::"
        if (spaced(raw, target.origin[i])) continue;
        if (copied_from(t, i, ctx.text.prose(seg, Side::Source).text)) continue;
        problems.push_back({fmt::format("no space before '{}': {}", t[i], excerpt_at(i)), i});
        break;
      }
    }
    if (double_space_check) {
      size_t at = double_space(t);
      if (at != std::string_view::npos &&
          ctx.text.prose(seg, Side::Source).text.find("  ") == std::string_view::npos &&
          emphasis_runs(ctx.text.tokens(seg, Side::Target)) >= emphasis_runs(ctx.text.tokens(seg, Side::Source)))
        problems.push_back({fmt::format("two spaces in a row: {}", excerpt_at(at)), at});
    }
    if (problems.empty()) continue;
    std::string message = fmt::format("segment {}: punctuation: ", s.id);
    for (size_t i = 0; i < problems.size(); ++i) {
      if (i) message += "; ";
      message += problems[i].what;
    }
    size_t first = problems.front().at;
    for (const Problem& p : problems) first = std::min(first, p.at);
    uint32_t raw_at = first < target.origin.size() ? target.origin[first] : 0;
    ctx.report(ctx.article.locate(s.target.location.offset + raw_at), std::move(message), s.id);
  }
}

TMLINT_RULE({.info = {.id = "punctuation",
                      .category = "qa",
                      .default_severity = Severity::Info,
                      .summary = "End punctuation and spacing of the target against its locale's conventions"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
