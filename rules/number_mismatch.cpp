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

void check(const ArticleContext& ctx) {
  const LocaleProfile& source_locale = locale_profile("en");
  const std::vector<std::string>& full_words = ctx.locale.list(kRule, "hundred-percent-words");
  for (size_t i = 0; i < ctx.article.segments.size(); ++i) {
    const Segment& seg = ctx.article.segments[i];
    if (!seg.has_source || !has_ascii_digit(seg.source.raw)) continue;
    const Prose& src_prose = ctx.text.prose(i, Side::Source);
    std::vector<Mention> src = source_mentions(src_prose.text, source_locale);
    bool any = std::any_of(src.begin(), src.end(), [](const Mention& m) { return !m.word; });
    if (!any) continue;
    const Prose& tgt_prose = ctx.text.prose(i, Side::Target);
    std::vector<Mention> tgt = target_mentions(tgt_prose.text, ctx.locale);
    // "a 100% credit" may be "全額返金" (the target's data file lists the words).
    for (Mention& m : src)
      if (m.percent && m.values.size() == 1 && m.values[0] == "100" && contains_any(tgt_prose.text, full_words))
        m.kind = Mention::Kind::Optional;

    std::vector<int> src_match(src.size(), -1), tgt_match(tgt.size(), -1);
    std::vector<int> tier(src.size(), 0);
    auto indices = [&](auto pred) {
      std::vector<size_t> out;
      for (size_t k = 0; k < src.size(); ++k)
        if (src_match[k] < 0 && pred(src[k])) out.push_back(k);
      return out;
    };
    auto is = [](Mention::Kind kind) { return [kind](const Mention& m) { return m.kind == kind; }; };
    // 1. Names with the same name in the target.
    match(src, indices(is(Mention::Kind::Name)), tgt, src_match, tgt_match,
          [](const Mention& s, const Mention& t) { return t.key == s.key; });
    // 2. Quantities: digits, then words.
    match(src, indices(is(Mention::Kind::Required)), tgt, src_match, tgt_match,
          [](const Mention&, const Mention& t) { return !t.word; });
    for (size_t k = 0; k < src.size(); ++k)
      if (src_match[k] >= 0 && tier[k] == 0) tier[k] = 1;
    match(src, indices(is(Mention::Kind::Required)), tgt, src_match, tgt_match,
          [](const Mention&, const Mention& t) { return t.word; });
    for (size_t k = 0; k < src.size(); ++k)
      if (src_match[k] >= 0 && tier[k] == 0) tier[k] = 2;
    // 3. What the target has besides: the source's words, idioms and names.
    match(src, indices([](const Mention& m) { return m.kind != Mention::Kind::Required; }), tgt, src_match, tgt_match,
          [](const Mention&, const Mention& t) { return !t.word; });

    std::vector<size_t> leftover;
    for (size_t t = 0; t < tgt.size(); ++t)
      if (tgt_match[t] < 0 && !tgt[t].word) leftover.push_back(t);
    auto take_changed = [&](const Mention& s, bool same_key) -> int {
      for (size_t n = 0; n < leftover.size(); ++n) {
        const Mention& t = tgt[leftover[n]];
        if (same_key ? t.key != s.key : !looks_changed(s.digits, t.digits)) continue;
        if (t.shown == s.shown) continue;
        int found = static_cast<int>(leftover[n]);
        leftover.erase(leftover.begin() + static_cast<long>(n));
        return found;
      }
      return -1;
    };

    struct Finding {
      const Mention* source;
      const Mention* changed;  // the target's number, if one looks changed
    };
    std::vector<Finding> findings;
    for (size_t k = 0; k < src.size(); ++k) {
      const Mention& s = src[k];
      if (s.kind == Mention::Kind::Name && src_match[k] < 0) {
        bool kept = std::any_of(tgt.begin(), tgt.end(), [&](const Mention& t) { return t.key == s.key && shares_value(s, t); });
        if (kept) continue;
        // The target keeps the name ("NU3036" among "NU3000", "NU3002"): its digits must be there.
        bool family = std::any_of(tgt.begin(), tgt.end(), [&](const Mention& t) { return t.key == s.key; });
        if (int t = take_changed(s, true); t >= 0) findings.push_back({&s, &tgt[static_cast<size_t>(t)]});
        else if (family) findings.push_back({&s, nullptr});
        continue;
      }
      if (s.kind == Mention::Kind::Optional) {
        // An idiom's number kept in the target but changed ("24 heures par jour, 367 jours").
        if (src_match[k] < 0 && !s.word)
          if (int t = take_changed(s, false); t >= 0) findings.push_back({&s, &tgt[static_cast<size_t>(t)]});
        continue;
      }
      if (src_match[k] < 0) {
        bool present = std::any_of(tgt.begin(), tgt.end(), [&](const Mention& t) { return shares_value(s, t); });
        int t = take_changed(s, false);
        if (t >= 0) findings.push_back({&s, &tgt[static_cast<size_t>(t)]});
        else if (!present) findings.push_back({&s, nullptr});
      } else if (tier[k] == 2) {
        // Matched by a word, but the digits the target has instead look changed.
        if (int t = take_changed(s, false); t >= 0) findings.push_back({&s, &tgt[static_cast<size_t>(t)]});
      }
    }
    if (findings.empty()) continue;

    std::vector<std::string> parts;
    std::vector<std::string> said;
    Location where = seg.target.location;
    bool located = false;
    for (const Finding& f : findings) {
      std::string part = f.changed ? fmt::format("{} of the source is \"{}\" in the target", quoted_source(*f.source), f.changed->shown)
                                   : fmt::format("{} of the source is not in the target", quoted_source(*f.source));
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
