// number-mismatch: a number of a segment's source that its target lacks or
// changed, in any of the spellings a translator legitimately uses.
//
// Both sides are read into mentions (number_mismatch_scan.h): values, not
// strings, so "50,000", "50 000", "50，000", "5 万" and "cinquante mille"
// meet; the locale's conventions come from CLDR (number_mismatch_locale.h)
// and its data file. The source's numbers are then matched to the target's
// as multisets, one target number for one source number:
//   1. digits inside names ("FY21", "21Vianet", "COVID-19") only with the
//      same name in the target;
//   2. every other source number with a target number written in digits,
//      then with one spelled out ("deux", "两", "第二") or a month name;
//   3. the target's numbers left over with the source's words ("six-month"
//      is "6 mois", "May 5" is "5 mai") and idioms.
// A source number left unmatched is reported when its value is nowhere in
// the target, or when a left-over target number looks like it changed
// (one digit differs, added, dropped or swapped: "30" and "37", "1042" and
// "1402"): then the finding points at that number. A number the target
// repeats fewer times than the source with no such change in sight ("10/1
// - 10/31" as "du 1er au 31 octobre") is a rewording, not a defect.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "number_mismatch_scan.h"
#include "qa_common.h"

namespace tmlint {
namespace {

constexpr std::string_view kRule = "number-mismatch";

bool shares_value(const Mention& a, const Mention& b) {
  for (const std::string& v : a.values)
    if (std::find(b.values.begin(), b.values.end(), v) != b.values.end()) return true;
  return false;
}

// One digit changed, added, dropped, or two neighbours swapped.
bool looks_changed(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty() || a == b) return false;
  if (a.size() == b.size()) {
    std::vector<size_t> diff;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) diff.push_back(i);
    if (diff.size() == 1) return true;
    return diff.size() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]];
  }
  const std::string& longer = a.size() > b.size() ? a : b;
  const std::string& shorter = a.size() > b.size() ? b : a;
  if (longer.size() != shorter.size() + 1) return false;
  for (size_t i = 0; i < longer.size(); ++i)
    if (longer.substr(0, i) + longer.substr(i + 1) == shorter) return true;
  return false;
}

// Maximum matching of `left` (indices into source) to unused targets that
// share a value and pass `allowed`, by augmenting paths; small sets only
// (a segment has a handful of numbers), with a greedy pass beyond that.
template <typename Allowed>
void match(const std::vector<Mention>& src, const std::vector<size_t>& left, const std::vector<Mention>& tgt,
           std::vector<int>& src_match, std::vector<int>& tgt_match, Allowed allowed) {
  std::vector<std::vector<size_t>> adj(left.size());
  size_t edges = 0;
  for (size_t i = 0; i < left.size(); ++i)
    for (size_t t = 0; t < tgt.size(); ++t)
      if (tgt_match[t] < 0 && allowed(src[left[i]], tgt[t]) && shares_value(src[left[i]], tgt[t])) adj[i].push_back(t), ++edges;
  std::vector<int> owner(tgt.size(), -1);  // index into left
  std::vector<char> seen;
  std::function<bool(size_t)> augment = [&](size_t i) {
    for (size_t t : adj[i]) {
      if (seen[t]) continue;
      seen[t] = 1;
      if (owner[t] < 0 || augment(static_cast<size_t>(owner[t]))) {
        owner[t] = static_cast<int>(i);
        return true;
      }
    }
    return false;
  };
  bool small = edges <= 4096;
  for (size_t i = 0; i < left.size(); ++i) {
    if (small) {
      seen.assign(tgt.size(), 0);
      augment(i);
    } else {
      for (size_t t : adj[i])
        if (owner[t] < 0) {
          owner[t] = static_cast<int>(i);
          break;
        }
    }
  }
  for (size_t t = 0; t < tgt.size(); ++t)
    if (owner[t] >= 0) {
      tgt_match[t] = static_cast<int>(left[static_cast<size_t>(owner[t])]);
      src_match[left[static_cast<size_t>(owner[t])]] = static_cast<int>(t);
    }
}

bool contains_any(std::string_view text, const std::vector<std::string>& words) {
  for (const std::string& w : words)
    if (!w.empty() && text.find(w) != std::string_view::npos) return true;
  return false;
}

std::string quoted_source(const Mention& m) {
  if (m.whole.empty()) return fmt::format("\"{}\"", m.shown);
  return fmt::format("\"{}\" of \"{}\"", m.shown, m.whole);
}

const char* role_name(Mention::Role role) {
  switch (role) {
    case Mention::Role::Month: return "month";
    case Mention::Role::Day: return "day";
    case Mention::Role::Year: return "year";
    default: return "number";
  }
}

struct Matching {
  std::vector<int> src, tgt;  // the index matched on the other side, or -1
  std::vector<int> tier;      // per source mention: 1 matched by digits, 2 by a word
};

// The source's mentions matched to the target's, one to one: names to the
// same names, quantities to digits, then to words, then the source's words,
// idioms and unmatched names to the digits left.
Matching match_all(const std::vector<Mention>& src, const std::vector<Mention>& tgt) {
  Matching m{std::vector<int>(src.size(), -1), std::vector<int>(tgt.size(), -1), std::vector<int>(src.size(), 0)};
  std::vector<int>&src_match = m.src, &tgt_match = m.tgt, &tier = m.tier;
  // Source mentions in order, the words (month names) first or last.
  auto indices = [&](auto pred, bool words_first) {
    std::vector<size_t> out;
    for (int pass = 0; pass < 2; ++pass)
      for (size_t k = 0; k < src.size(); ++k)
        if (src_match[k] < 0 && src[k].word == (words_first == (pass == 0)) && pred(src[k])) out.push_back(k);
    return out;
  };
  auto is = [](Mention::Kind kind) { return [kind](const Mention& m) { return m.kind == kind; }; };
  auto mark = [&](int value) {
    for (size_t k = 0; k < src.size(); ++k)
      if (src_match[k] >= 0 && tier[k] == 0) tier[k] = value;
  };
  // 1. Names with the same name in the target.
  match(src, indices(is(Mention::Kind::Name), false), tgt, src_match, tgt_match,
        [](const Mention& s, const Mention& t) { return t.key == s.key && roles_meet(s.role, t.role); });
  // 2. Quantities: a month name with the target's month name ("May" and
  // "mai"); then digits, the source's digits before its month names, so
  // that "May 5" and "5. Juni" keep the day and lose the month; then words.
  match(src, indices([](const Mention& m) { return m.kind == Mention::Kind::Required && m.word; }, true), tgt, src_match,
        tgt_match, [](const Mention&, const Mention& t) { return t.word && t.role == Mention::Role::Month; });
  mark(2);
  match(src, indices(is(Mention::Kind::Required), false), tgt, src_match, tgt_match,
        [](const Mention& s, const Mention& t) { return !t.word && roles_meet(s.role, t.role); });
  mark(1);
  match(src, indices(is(Mention::Kind::Required), false), tgt, src_match, tgt_match,
        [](const Mention& s, const Mention& t) { return t.word && roles_meet(s.role, t.role); });
  mark(2);
  // 3. What the target has besides: the source's words, idioms and names.
  match(src, indices([](const Mention& m) { return m.kind != Mention::Kind::Required; }, false), tgt, src_match, tgt_match,
        [](const Mention& s, const Mention& t) { return !t.word && roles_meet(s.role, t.role); });

  return m;
}

// True when every number of the source that counts is matched.
bool all_matched(const std::vector<Mention>& src, const Matching& m) {
  for (size_t k = 0; k < src.size(); ++k)
    if (m.src[k] < 0 && !(src[k].kind == Mention::Kind::Optional && src[k].word)) return false;
  return true;
}

void check(const ArticleContext& ctx) {
  const Conventions& english = conventions_of(locale_profile("en"));  // the source's language
  const Conventions& target = conventions_of(ctx.locale);
  const std::vector<std::string>& full_words = target.hundred_percent_words;
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& seg = ctx.article.segments[i];
    if (!seg.has_source || !has_ascii_digit(seg.source.raw)) continue;
    const Prose& src_prose = ctx.text.prose(i, Side::Source);
    const Prose& tgt_prose = ctx.text.prose(i, Side::Target);
    if (digits_kept(src_prose.text, tgt_prose.text, english)) continue;  // most segments end here
    {
      // The cheap pass, digits and dates only.
      std::vector<Mention> src = source_mentions(src_prose.text, english, false);
      bool any = std::any_of(src.begin(), src.end(), [](const Mention& m) { return !m.word; });
      if (!any) continue;
      std::vector<Mention> tgt = target_mentions(tgt_prose.text, target, english, false);
      if (all_matched(src, match_all(src, tgt))) continue;
    }
    std::vector<Mention> src = source_mentions(src_prose.text, english);
    std::vector<Mention> tgt = target_mentions(tgt_prose.text, target, english);
    // "a 100% credit" may be "全額返金" (the target's data file lists the words).
    for (Mention& m : src)
      if (m.percent && m.values.size() == 1 && m.values[0] == "100" && contains_any(tgt_prose.text, full_words))
        m.kind = Mention::Kind::Optional;

    Matching m = match_all(src, tgt);
    std::vector<int>&src_match = m.src, &tgt_match = m.tgt, &tier = m.tier;
    std::vector<size_t> leftover;
    for (size_t t = 0; t < tgt.size(); ++t)
      if (tgt_match[t] < 0 && !tgt[t].alias && (!tgt[t].word || tgt[t].role == Mention::Role::Month))
        leftover.push_back(t);  // a month name ("Juni") may be a changed month too
    // The left-over target number that looks like a change of `s`: one with
    // the same name, or one digit off (the same length first).
    auto take_changed = [&](const Mention& s, bool same_key) -> int {
      int best = -1;
      for (size_t n = 0; n < leftover.size(); ++n) {
        const Mention& t = tgt[leftover[n]];
        if (same_key ? t.key != s.key : !looks_changed(s.digits, t.digits)) continue;
        if (!roles_meet(s.role, t.role)) continue;
        if (t.shown == s.shown) continue;
        if (best < 0 || (t.digits.size() == s.digits.size() && tgt[leftover[static_cast<size_t>(best)]].digits.size() != s.digits.size()))
          best = static_cast<int>(n);
      }
      if (best < 0) return -1;
      int found = static_cast<int>(leftover[static_cast<size_t>(best)]);
      leftover.erase(leftover.begin() + best);
      return found;
    };

    struct Finding {
      size_t source;
      const Mention* changed;  // the target's number, if one looks changed
    };
    std::vector<Finding> findings;
    auto changed = [&](size_t k, bool same_key) {
      int t = take_changed(src[k], same_key);
      if (t >= 0) findings.push_back({k, &tgt[static_cast<size_t>(t)]});
      return t >= 0;
    };
    auto in_target = [&](const Mention& s, bool same_key) {
      return std::any_of(tgt.begin(), tgt.end(), [&](const Mention& t) {
        return (!same_key || t.key == s.key) && roles_meet(s.role, t.role) && shares_value(s, t);
      });
    };
    // Most certain first: a quantity the target lacks, a name it keeps with
    // other digits, an idiom's number changed, a number it spelled out while
    // its digits elsewhere look changed.
    // "Passé ce délai" for "within 30 days" after "vous disposez de 30 jours":
    // a target that refers back (the data file's words) to a number both
    // sides of the segment before say.
    auto said_before = [&](const Mention& s) {
      if (i == 0 || !ctx.article.segments[i - 1].has_source || !contains_any(tgt_prose.text, target.back_references)) return false;
      auto says = [&](const std::vector<Mention>& ms) {
        return std::any_of(ms.begin(), ms.end(), [&](const Mention& m) { return !m.word && shares_value(s, m); });
      };
      return says(target_mentions(ctx.text.prose(i - 1, Side::Target).text, target, english)) &&
             says(source_mentions(ctx.text.prose(i - 1, Side::Source).text, english));
    };
    // The same digits in another part of a date ("July 14th" as "14 年 7 月"): say so.
    auto other_part = [&](const Mention& s) -> const Mention* {
      if (s.role == Mention::Role::Any) return nullptr;
      for (const Mention& t : tgt)
        if (!t.word && t.role != Mention::Role::Any && !roles_meet(s.role, t.role) && shares_value(s, t)) return &t;
      return nullptr;
    };
    for (size_t k = 0; k < src.size(); ++k)
      if (src[k].kind == Mention::Kind::Required && src_match[k] < 0 && !changed(k, false) && !in_target(src[k], false) &&
          !said_before(src[k]))
        findings.push_back({k, other_part(src[k])});
    for (size_t k = 0; k < src.size(); ++k) {
      const Mention& s = src[k];
      if (s.kind != Mention::Kind::Name || src_match[k] >= 0 || in_target(s, true)) continue;
      // The target keeps the name ("NU3036" among "NU3000", "NU3002"): its digits must be there.
      bool family = std::any_of(tgt.begin(), tgt.end(), [&](const Mention& t) { return t.key == s.key; });
      if (!changed(k, true) && family) findings.push_back({k, nullptr});
    }
    for (size_t k = 0; k < src.size(); ++k)
      if (src[k].kind == Mention::Kind::Optional && !src[k].word && src_match[k] < 0) changed(k, false);  // "367 jours"
    for (size_t k = 0; k < src.size(); ++k)
      if (src[k].kind == Mention::Kind::Required && !src[k].word && tier[k] == 2) changed(k, false);
    std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) { return a.source < b.source; });
    // A number the target glued to a changed one ("1." and "2021" as "1.2021")
    // is told by that change, not as missing.
    std::erase_if(findings, [&](const Finding& f) {
      if (f.changed) return false;
      return std::any_of(findings.begin(), findings.end(), [&](const Finding& g) {
        if (!g.changed || g.changed->values.empty()) return false;
        const std::string& shown = g.changed->shown;
        const std::string& part = src[f.source].shown;
        for (size_t at = shown.find(part); at != std::string::npos; at = shown.find(part, at + 1)) {
          bool left = at == 0 || !std::isdigit(static_cast<unsigned char>(shown[at - 1]));
          bool right = at + part.size() == shown.size() || !std::isdigit(static_cast<unsigned char>(shown[at + part.size()]));
          if (left && right) return true;
        }
        return false;
      });
    });
    if (findings.empty()) continue;

    std::vector<std::string> parts;
    std::vector<std::string> said;
    Location where = seg.target.location;
    bool located = false;
    for (const Finding& f : findings) {
      const Mention& source = src[f.source];
      std::string part;
      if (f.changed && f.changed->role != source.role && source.role != Mention::Role::Any && f.changed->role != Mention::Role::Any)
        part = fmt::format("{} of the source, a {}, is \"{}\", a {}, in the target", quoted_source(source), role_name(source.role),
                           f.changed->shown, role_name(f.changed->role));
      else if (f.changed)
        part = fmt::format("{} of the source is \"{}\" in the target", quoted_source(source), f.changed->shown);
      else
        part = fmt::format("{} of the source is not in the target", quoted_source(source));
      if (std::find(said.begin(), said.end(), part) != said.end()) continue;
      said.push_back(part);
      parts.push_back(std::move(part));
      if (f.changed && !located && f.changed->at < tgt_prose.origin.size()) {
        where = ctx.article.locate(seg.target.location.offset + tgt_prose.origin[f.changed->at]);
        located = true;
      }
    }
    std::string message = fmt::format("segment {}: ", seg.id);
    for (size_t p = 0; p < parts.size() && p < 4; ++p) message += (p ? "; " : "") + parts[p];
    if (parts.size() > 4) message += fmt::format("; and {} more", parts.size() - 4);
    ctx.report(where, std::move(message), seg.id);
  }
}

TMLINT_RULE({.info = {.id = "number-mismatch",
                      .category = "qa",
                      .default_severity = Severity::Warning,
                      .summary = "A number of the source is missing or changed in the target, in every legitimate spelling"},
             .check_article = &check});

}  // namespace
}  // namespace tmlint
