#include "align/aligner.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "align/sentences.h"
#include "align/units.h"

namespace tmlint {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct Side {
  std::string_view file;
  const MdDocument* doc = nullptr;
  std::vector<BlockText> texts;
  std::vector<std::vector<TextRange>> pieces;
  std::vector<std::vector<FragmentProfile>> profiles;  // of each piece
  std::vector<BlockFeatures> features;

  void prepare(std::string_view f, const MdDocument& d) {
    file = f;
    doc = &d;
    texts.resize(d.blocks.size());
    pieces.resize(d.blocks.size());
    profiles.resize(d.blocks.size());
    features.resize(d.blocks.size());
    for (size_t i = 0; i < d.blocks.size(); ++i) {
      make_block_text(f, d.blocks[i], texts[i]);
      pieces[i] = block_pieces(texts[i]);
      bool text = false;
      for (const TextRange& r : pieces[i]) {
        profiles[i].push_back(profile_fragment(texts[i].text.substr(r.begin, r.end - r.begin)));
        text = text || profiles[i].back().letters.back() > 0;
      }
      if (!text) pieces[i].clear(), profiles[i].clear();  // nothing to translate in the block
      features[i] = block_features(texts[i], pieces[i], profiles[i]);
    }
  }
  size_t size() const { return texts.size(); }
  // The piece of block i that holds [b, e), or -1.
  int piece_of(size_t i, uint32_t b) const {
    const std::vector<TextRange>& ps = pieces[i];
    for (size_t k = 0; k < ps.size(); ++k)
      if (ps[k].begin <= b && b < ps[k].end) return static_cast<int>(k);
    return -1;
  }
  const MdBlock& block(size_t i) const { return doc->blocks[i]; }
};

// Shared invariants of two sorted multisets.
size_t shared_count(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++n, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return n;
}

float length_cost(uint32_t target, uint32_t source, float ratio, float smoothing) {
  return std::fabs(std::log((target + smoothing) / (ratio * source + smoothing)));
}

class Aligner {
 public:
  Aligner(Side& t, Side& s, const BlockAlignOptions& o) : t_(t), s_(s), options_(o) {
    uint64_t tl = 0, sl = 0;
    for (size_t i = 0; i < t.size(); ++i)
      if (t.features[i].text) tl += t.features[i].length;
    for (size_t j = 0; j < s.size(); ++j)
      if (s.features[j].text) sl += s.features[j].length;
    ratio_ = sl ? static_cast<float>(tl) / static_cast<float>(sl) : 1.0f;
    ratio_ = std::clamp(ratio_, 0.2f, 5.0f);
  }

  Alignment run() {
    Alignment out;
    for (size_t i = 0; i < t_.size(); ++i) out.target_text_blocks += t_.features[i].text;
    for (size_t j = 0; j < s_.size(); ++j) out.source_text_blocks += s_.features[j].text;
    std::vector<Step> path = align_blocks();
    // The length ratio again, from the blocks that paired (text the other
    // side lacks must not skew it), and the blocks once more with it.
    {
      uint64_t tl = 0, sl = 0;
      for (const Step& st : path)
        if (st.t >= 0 && st.s >= 0 && t_.features[st.t].text && s_.features[st.s].text)
          tl += t_.features[st.t].length, sl += s_.features[st.s].length;
      if (sl && tl) {
        float r = std::clamp(static_cast<float>(tl) / static_cast<float>(sl), 0.2f, 5.0f);
        if (std::fabs(std::log(r / ratio_)) > 0.15f) {
          ratio_ = r;
          path = align_blocks();
        }
      }
    }
    // Sentences of matched blocks; unmatched blocks whole. The missing
    // source text is collected in source order.
    anchor_ = t_.size() ? t_.block(0).begin() : 0;
    for (const Step& st : path) {
      if (st.t >= 0 && st.s >= 0) {
        anchor_ = t_.block(st.t).begin();
        if (t_.features[st.t].text && s_.features[st.s].text) {
          ++out.matched_text_blocks;
          out.mean_match_cost += st.cost;
        }
        align_sentences(static_cast<size_t>(st.t), static_cast<size_t>(st.s), st.cost, out);
        anchor_ = t_.block(st.t).end();
      } else if (st.t >= 0) {
        for (const TextRange& r : t_.pieces[st.t]) add_extra(out, st.t, r, true);
        anchor_ = t_.block(st.t).end();
      } else {
        for (const TextRange& r : source_units(static_cast<size_t>(st.s)))
          out.missing.push_back(unpaired(s_, st.s, r, true));
      }
    }
    if (out.matched_text_blocks) out.mean_match_cost /= static_cast<float>(out.matched_text_blocks);
    std::stable_sort(out.missing.begin(), out.missing.end(),
                     [](const Unpaired& a, const Unpaired& b) { return a.text.begin < b.text.begin; });
    return out;
  }

 private:
  Side& t_;
  Side& s_;
  const BlockAlignOptions& options_;
  float ratio_ = 1;
  uint32_t anchor_ = 0;  // the target offset after the last pair or extra text

  struct Step {
    int t = -1, s = -1;  // -1: none on that side
    float cost = 0;
  };

  float skip_cost(const Side& side, size_t i) const {
    if (side.block(i).kind == MdBlockKind::CodeBlock) return 1.5f;
    return side.features[i].text ? 3.0f : 0.8f;
  }

  float match_cost(size_t ti, size_t si) const {
    const MdBlock& a = t_.block(ti);
    const MdBlock& b = s_.block(si);
    const BlockFeatures& fa = t_.features[ti];
    const BlockFeatures& fb = s_.features[si];
    const bool ca = a.kind == MdBlockKind::CodeBlock, cb = b.kind == MdBlockKind::CodeBlock;
    if (ca != cb) return 50.0f;
    if (ca) return fa.hash == fb.hash ? 0.0f : 1.0f + 1.5f * std::min(1.0f, length_cost(fa.length, fb.length, 1, 20));
    float c = 0;
    if (a.kind != b.kind) c += 2.5f;
    if (a.kind == MdBlockKind::Heading && b.kind == MdBlockKind::Heading)
      c += 1.5f * std::min(2, std::abs(a.heading_level - b.heading_level));
    c += 1.0f * std::min(2, std::abs(a.list_depth - b.list_depth));
    c += 1.0f * std::min(2, std::abs(a.quote_depth - b.quote_depth));
    if (a.alert.empty() != b.alert.empty()) c += 1.0f;
    if (a.kind == MdBlockKind::TableCell && b.kind == MdBlockKind::TableCell) {
      if (a.column != b.column) c += 1.5f;
      if (a.row != b.row) c += 0.5f;
    }
    if (fa.text != fb.text) {
      // A cell translated into a symbol still holds its place in the table.
      bool same_cell = a.kind == MdBlockKind::TableCell && b.kind == MdBlockKind::TableCell && a.row == b.row &&
                       a.column == b.column;
      return c + (same_cell ? 1.0f : 3.0f);
    }
    if (!fa.text) return c;
    size_t na = fa.invariants.size(), nb = fb.invariants.size();
    if (size_t tot = std::max(na, nb)) {
      size_t sh = shared_count(fa.invariants, fb.invariants);
      c += 2.5f * (1.0f - static_cast<float>(sh) / static_cast<float>(tot));
      if (sh == tot && tot >= 2) c -= 0.5f;
    }
    c += 1.2f * length_cost(fa.length, fb.length, ratio_, 8);
    if (fa.hash == fb.hash) c -= 2.0f;  // the same text: an untranslated block
    return std::max(c, 0.0f);
  }

  // The block path: a banded dynamic programme around the diagonal.
  std::vector<Step> align_blocks() {
    const size_t n = t_.size(), m = s_.size();
    const size_t diff = n > m ? n - m : m - n;
    const size_t band = std::min<size_t>(1024, 48 + diff);
    std::vector<size_t> lo(n + 1), hi(n + 1), base(n + 1);
    size_t cells = 0;
    for (size_t i = 0; i <= n; ++i) {
      size_t center = n ? (i * m + n / 2) / n : 0;
      lo[i] = center > band ? center - band : 0;
      hi[i] = std::min(m, center + band);
      base[i] = cells;
      cells += hi[i] - lo[i] + 1;
    }
    std::vector<float> cost(cells, kInf);
    std::vector<uint8_t> back(cells, 0);  // 1 match, 2 target skipped, 3 source skipped
    std::vector<float> step_cost(cells, 0);
    auto at = [&](size_t i, size_t j) -> size_t {
      if (j < lo[i] || j > hi[i]) return std::string_view::npos;
      return base[i] + (j - lo[i]);
    };
    cost[at(0, 0)] = 0;
    for (size_t i = 0; i <= n; ++i) {
      for (size_t j = lo[i]; j <= hi[i]; ++j) {
        size_t here = at(i, j);
        if (i == 0 && j == 0) continue;
        float best = kInf, sc = 0;
        uint8_t how = 0;
        if (i > 0 && j > 0) {
          size_t p = at(i - 1, j - 1);
          if (p != std::string_view::npos && cost[p] < kInf) {
            float mc = match_cost(i - 1, j - 1);
            if (cost[p] + mc < best) best = cost[p] + mc, how = 1, sc = mc;
          }
        }
        if (i > 0) {
          size_t p = at(i - 1, j);
          if (p != std::string_view::npos && cost[p] < kInf) {
            float k = skip_cost(t_, i - 1);
            if (cost[p] + k < best) best = cost[p] + k, how = 2, sc = k;
          }
        }
        if (j > 0) {
          size_t p = at(i, j - 1);
          if (p != std::string_view::npos && cost[p] < kInf) {
            float k = skip_cost(s_, j - 1);
            if (cost[p] + k < best) best = cost[p] + k, how = 3, sc = k;
          }
        }
        cost[here] = best;
        back[here] = how;
        step_cost[here] = sc;
      }
    }
    std::vector<Step> path;
    size_t i = n, j = m;
    if (at(i, j) == std::string_view::npos) return path;  // cannot happen: the band holds (n, m)
    while (i > 0 || j > 0) {
      size_t here = at(i, j);
      uint8_t how = back[here];
      Step st;
      st.cost = step_cost[here];
      if (how == 1) st.t = static_cast<int>(--i), st.s = static_cast<int>(--j);
      else if (how == 2) st.t = static_cast<int>(--i);
      else if (how == 3) st.s = static_cast<int>(--j);
      else break;  // unreachable cell: leave the rest unmatched
      path.push_back(st);
    }
    while (i > 0) path.push_back(Step{static_cast<int>(--i), -1, 0});
    while (j > 0) path.push_back(Step{-1, static_cast<int>(--j), 0});
    std::reverse(path.begin(), path.end());
    return path;
  }

  // The source block's sentences: each piece cut by the English rules.
  std::vector<TextRange> source_units(size_t si, std::vector<size_t>* piece_of = nullptr) const {
    std::vector<TextRange> out;
    const BlockText& bt = s_.texts[si];
    for (size_t p = 0; p < s_.pieces[si].size(); ++p) {
      TextRange piece = s_.pieces[si][p];
      std::string_view text = bt.text.substr(piece.begin, piece.end - piece.begin);
      std::vector<uint32_t> cuts = english_sentence_cuts(text);
      uint32_t b = 0;
      cuts.push_back(static_cast<uint32_t>(text.size()));
      for (uint32_t c : cuts) {
        TextRange r = trim_unit(bt.text, TextRange{piece.begin + b, piece.begin + c});
        if (r.begin < r.end && s_.profiles[si][p].text_in(r.begin - piece.begin, r.end - piece.begin)) {
          out.push_back(r);
          if (piece_of) piece_of->push_back(p);
        }
        b = c;
      }
    }
    return out;
  }

  AlignedText aligned_text(const Side& side, size_t block, TextRange r) const {
    const BlockText& bt = side.texts[block];
    AlignedText a;
    a.begin = bt.to_file(r.begin);
    a.end = r.end > r.begin ? bt.to_file(r.end - 1) + 1 : a.begin;
    if (!bt.one_line(r)) {
      a.has_owned = true;
      a.owned = std::string(bt.text.substr(r.begin, r.end - r.begin));
    }
    return a;
  }

  // Target text with no source, when there is text in it (a symbol or an
  // empty cell is not worth a finding).
  void add_extra(Alignment& out, size_t block, TextRange r, bool whole) const {
    if (r.begin >= r.end || !translatable(t_.texts[block].text.substr(r.begin, r.end - r.begin))) return;
    out.extra.push_back(unpaired(t_, block, r, whole));
  }

  Unpaired unpaired(const Side& side, size_t block, TextRange r, bool whole) const {
    Unpaired u;
    u.text = aligned_text(side, block, r);
    u.block = static_cast<uint32_t>(block);
    u.whole_block = whole;
    u.anchor = &side == &t_ ? u.text.begin : anchor_;
    return u;
  }

  // One position of the target for the sentence programme: where a span
  // may begin (`at`) and where the previous one ends (`end`), and the cost
  // of cutting there.
  struct Cut {
    uint32_t at, end;
    float cost;
  };

  void align_sentences(size_t ti, size_t si, float block_cost, Alignment& out) {
    std::vector<size_t> piece_of;
    std::vector<TextRange> units = source_units(si, &piece_of);
    const BlockText& tb = t_.texts[ti];
    std::vector<TextRange> tpieces = t_.pieces[ti];
    if (tpieces.empty() && tb.block->kind == MdBlockKind::TableCell) {
      // A cell the translation made a symbol of ("In" -> "/").
      TextRange whole = trim_unit(tb.text, TextRange{0, static_cast<uint32_t>(tb.text.size())});
      if (whole.begin < whole.end) tpieces.push_back(whole);
    }
    if (tpieces.empty()) {
      for (const TextRange& r : units) out.missing.push_back(unpaired(s_, si, r, false));
      return;
    }
    if (units.empty()) {
      for (const TextRange& r : tpieces) add_extra(out, ti, r, false);
      return;
    }
    size_t source_pieces = piece_of.empty() ? 0 : piece_of.back() + 1;
    // The same number of pieces on both sides (cells split by <br>, HTML
    // runs): each pair of pieces on its own.
    if (source_pieces == tpieces.size()) {
      size_t u = 0;
      for (size_t p = 0; p < tpieces.size(); ++p) {
        size_t e = u;
        while (e < units.size() && piece_of[e] == p) ++e;
        std::vector<TextRange> part(units.begin() + u, units.begin() + e);
        align_spans(ti, si, {tpieces[p]}, part, block_cost, out);
        u = e;
      }
      return;
    }
    align_spans(ti, si, tpieces, units, block_cost, out);
  }

  // The sentence programme over target pieces `tp` (cut anywhere among
  // their candidates, and always between two pieces) and source units.
  void align_spans(size_t ti, size_t si, const std::vector<TextRange>& tp, const std::vector<TextRange>& units,
                   float block_cost, Alignment& out) {
    const BlockText& tb = t_.texts[ti];
    const BlockText& sb = s_.texts[si];
    if (units.empty()) {
      for (const TextRange& r : tp) add_extra(out, ti, r, false);
      return;
    }
    // Positions 0..C+1: the start, the cuts, the end.
    std::vector<Cut> cuts;
    cuts.push_back(Cut{tp.front().begin, tp.front().begin, 0});
    for (size_t p = 0; p < tp.size(); ++p) {
      if (p > 0) cuts.push_back(Cut{tp[p].begin, tp[p - 1].end, 0.0f});
      std::string_view text = tb.text.substr(tp[p].begin, tp[p].end - tp[p].begin);
      for (const CutCandidate& c : target_cut_candidates(text, options_.locale))
        cuts.push_back(Cut{tp[p].begin + c.at, tp[p].begin + c.end, c.cost});
    }
    cuts.push_back(Cut{tp.back().end, tp.back().end, 0});
    if (cuts.size() > 2000) {
      // A huge paragraph: only the cuts that look like sentence ends.
      std::vector<Cut> kept;
      for (size_t c = 0; c < cuts.size(); ++c)
        if (c == 0 || c + 1 == cuts.size() || cuts[c].cost < 5.0f) kept.push_back(cuts[c]);
      cuts.swap(kept);
    }
    if (cuts.size() > 4096) {
      // Still too many to weigh: the block as one pair, with a low confidence.
      AlignedPair p;
      p.target = aligned_text(t_, ti, TextRange{tp.front().begin, tp.back().end});
      p.source = aligned_text(s_, si, TextRange{units.front().begin, units.back().end});
      p.target_block = static_cast<uint32_t>(ti);
      p.source_block = static_cast<uint32_t>(si);
      p.confidence = 0.05f;
      anchor_ = p.target.end;
      out.pairs.push_back(std::move(p));
      return;
    }
    const size_t npos = cuts.size();  // positions
    const size_t k = units.size();

    std::vector<uint32_t> ulen(k);
    std::vector<std::vector<uint32_t>> uinv(k);
    for (size_t u = 0; u < k; ++u) {
      std::string_view s = sb.text.substr(units[u].begin, units[u].end - units[u].begin);
      int p = s_.piece_of(si, units[u].begin);
      if (p >= 0) {
        const FragmentProfile& prof = s_.profiles[si][p];
        uint32_t base = s_.pieces[si][p].begin;
        uint32_t e = std::min(units[u].end, s_.pieces[si][p].end);
        ulen[u] = prof.length_in(units[u].begin - base, e - base);
        uinv[u] = prof.invariants_in(units[u].begin - base, e - base);
      } else {
        FragmentProfile prof = profile_fragment(s);
        ulen[u] = prof.length.back();
        uinv[u] = prof.invariants_in(0, static_cast<uint32_t>(s.size()));
      }
    }
    // What every target span holds, from one profile of each piece.
    std::vector<uint32_t> tlen(tb.text.size() + 1, 0), tlet(tb.text.size() + 1, 0);
    std::vector<std::pair<uint32_t, uint32_t>> tinv;  // (offset, hash), by offset
    {
      std::vector<uint32_t> dl(tb.text.size() + 1, 0), dt(tb.text.size() + 1, 0);
      for (const TextRange& p : tp) {
        int known = t_.piece_of(ti, p.begin);
        FragmentProfile computed;
        if (known < 0 || t_.pieces[ti][known].end != p.end)
          computed = profile_fragment(tb.text.substr(p.begin, p.end - p.begin));
        const FragmentProfile& prof = known >= 0 && t_.pieces[ti][known].end == p.end ? t_.profiles[ti][known] : computed;
        for (uint32_t i = 0; i + p.begin < p.end; ++i) {
          dl[p.begin + i + 1] = prof.length[i + 1] - prof.length[i];
          dt[p.begin + i + 1] = prof.letters[i + 1] - prof.letters[i];
        }
        for (auto [off, h] : prof.invariants) tinv.emplace_back(p.begin + off, h);
      }
      for (size_t i = 1; i < dl.size(); ++i) tlen[i] = tlen[i - 1] + dl[i], tlet[i] = tlet[i - 1] + dt[i];
    }
    struct SpanInfo {
      uint32_t len = 0;
      std::vector<uint32_t> inv;
      bool text = false;
    };
    const size_t kMaxSpan = 64;  // cut positions one target sentence may cover
    SpanInfo scratch;
    auto span = [&](size_t a, size_t b) -> const SpanInfo& {
      uint32_t sb2 = cuts[a].at, se = std::max(cuts[a].at, cuts[b].end);
      scratch.len = tlen[se] - tlen[sb2];
      scratch.text = tlet[se] > tlet[sb2];
      scratch.inv.clear();
      auto lo = std::lower_bound(tinv.begin(), tinv.end(), std::make_pair(sb2, 0u));
      for (auto it = lo; it != tinv.end() && it->first < se; ++it) scratch.inv.push_back(it->second);
      std::sort(scratch.inv.begin(), scratch.inv.end());
      return scratch;
    };
    auto pair_cost = [&](const SpanInfo& sp, uint32_t len, const std::vector<uint32_t>& a,
                         const std::vector<uint32_t>* b2) {
      float c = 2.0f * length_cost(sp.len, len, ratio_, 6);
      size_t sh = shared_count(sp.inv, a);
      size_t total = a.size();
      if (b2) sh += shared_count(sp.inv, *b2), total += b2->size();
      size_t mismatch = (sp.inv.size() + total) - 2 * std::min(sh, std::min(sp.inv.size(), total));
      c += std::min(3.0f, 0.5f * static_cast<float>(mismatch));
      if (!sp.text) c += 2.0f;
      return c;
    };
    // A source sentence that starts with punctuation ("- [#3312](...)",
    // "(4.0+)") wants a target span that starts with the same.
    auto start_cost = [&](size_t a, size_t i) -> float {
      char sc = sb.text[units[i].begin];
      if (!std::ispunct(static_cast<unsigned char>(sc)) || sc == '*' || sc == '_' || sc == '`') return 0.0f;
      uint32_t at = cuts[a].at;
      while (at < tb.text.size() && (tb.text[at] == ' ' || tb.text[at] == '\t')) ++at;
      return at < tb.text.size() && tb.text[at] == sc ? -0.5f : 0.5f;
    };
    const float kSkip = 4.5f, kMerge = 4.5f;
    struct Move {
      uint8_t move;  // 1: 1-1, 2: 2-1, 3: 1-0, 4: 0-1
      size_t i, a, b;
      float c;
    };
    std::vector<Move> moves;
    // The common case needs no programme: exactly one sure cut (。 and a
    // space, or a piece boundary) between each two source sentences, no
    // other likely one, and every pair of a plausible length.
    {
      std::vector<size_t> sure;
      bool other_likely = false;
      for (size_t c = 1; c + 1 < npos; ++c) {
        if (cuts[c].cost == 0.0f) sure.push_back(c);
        else if (cuts[c].cost < 2.0f) other_likely = true;
      }
      if (!other_likely && sure.size() + 1 == k) {
        sure.insert(sure.begin(), 0);
        sure.push_back(npos - 1);
        bool plausible = true;
        for (size_t u = 0; u < k && plausible; ++u) {
          float c = pair_cost(span(sure[u], sure[u + 1]), ulen[u], uinv[u], nullptr);
          plausible = c < 2.5f;
          moves.push_back(Move{1, u, sure[u], sure[u + 1], c});
        }
        if (!plausible) moves.clear();
      }
    }
    if (moves.empty()) {
      // Band: row i may only use positions near its share of the target.
      const size_t W = 96;
      auto lo_of = [&](size_t i) -> size_t {
        size_t e = k ? (i * (npos - 1)) / k : 0;
        return e > W + (npos > k ? 0 : 0) ? e - std::min(e, W) : 0;
      };
      auto hi_of = [&](size_t i) -> size_t {
        size_t e = k ? (i * (npos - 1)) / k : 0;
        return std::min(npos - 1, e + W);
      };
      const bool banded = npos > 2 * W + 2;
      std::vector<float> cost((k + 1) * npos, kInf);
      struct Back {
        uint8_t move = 0;  // 1: 1-1, 2: 2-1, 3: 1-0, 4: 0-1
        uint32_t from = 0;
        float c = 0;
      };
      std::vector<Back> back((k + 1) * npos);
      auto idx = [&](size_t i, size_t a) { return i * npos + a; };
      cost[idx(0, 0)] = 0;
      auto relax = [&](size_t i, size_t a, size_t i2, size_t b, float c, uint8_t move) {
        float v = cost[idx(i, a)] + c;
        if (v < cost[idx(i2, b)]) {
          cost[idx(i2, b)] = v;
          back[idx(i2, b)] = Back{move, static_cast<uint32_t>(a), c};
        }
      };
      for (size_t i = 0; i <= k; ++i) {
        size_t alo = banded ? lo_of(i) : 0, ahi = banded ? hi_of(i) : npos - 1;
        for (size_t a = alo; a <= ahi; ++a) {
          if (cost[idx(i, a)] == kInf) continue;
          // Spans far longer than the next units can be are not tried (the
          // cost only grows with them): linear in the paragraph.
          const float longest = ratio_ * static_cast<float>(i < k ? ulen[i] + (i + 1 < k ? ulen[i + 1] : 0) : 0) * 4 + 64;
          for (size_t b = a + 1; b < npos && b - a <= kMaxSpan; ++b) {
            if (b > a + 1 && static_cast<float>(tlen[cuts[b].end] - tlen[cuts[a].at]) > longest) break;
            const SpanInfo& sp = span(a, b);
            float cut = b + 1 < npos ? 0.6f * cuts[b].cost : 0.0f;
            if (i < k) relax(i, a, i + 1, b, cut + start_cost(a, i) + pair_cost(sp, ulen[i], uinv[i], nullptr), 1);
            if (i + 1 < k)
              relax(i, a, i + 2, b, cut + kMerge + pair_cost(sp, ulen[i] + ulen[i + 1], uinv[i], &uinv[i + 1]), 2);
            relax(i, a, i, b, cut + (sp.text ? kSkip : 0.3f), 4);
          }
          if (i < k) relax(i, a, i + 1, a, kSkip, 3);
        }
      }
      size_t i = k, b = npos - 1;
      if (cost[idx(i, b)] == kInf) {
        // Unreachable (a band too narrow for a pathological piece): every
        // unit missing and the target extra, rather than a guess.
        for (const TextRange& r : units) out.missing.push_back(unpaired(s_, si, r, false));
        for (const TextRange& r : tp) add_extra(out, ti, r, false);
        return;
      }
      while (i > 0 || b > 0) {
        const Back& bk = back[idx(i, b)];
        size_t a = bk.from;
        size_t pi = i;
        if (bk.move == 1) pi = i - 1;
        else if (bk.move == 2) pi = i - 2;
        else if (bk.move == 3) pi = i - 1;
        else if (bk.move == 4) pi = i;
        else break;
        moves.push_back(Move{bk.move, pi, a, b, bk.c});
        i = pi;
        b = a;
      }
      std::reverse(moves.begin(), moves.end());
    }
    for (const Move& mv : moves) {
      TextRange tr{cuts[mv.a].at, cuts[mv.b].end};
      tr = trim_unit(tb.text, tr);
      if (mv.move == 3) {
        out.missing.push_back(unpaired(s_, si, units[mv.i], false));
        continue;
      }
      if (mv.move == 4) {
        add_extra(out, ti, tr, false);
        continue;
      }
      TextRange sr = units[mv.i];
      if (mv.move == 2) sr.end = units[mv.i + 1].end;
      if (tr.begin >= tr.end) {
        out.missing.push_back(unpaired(s_, si, sr, false));
        continue;
      }
      // A link that wraps the whole pair on both sides holds it (as the
      // pipeline wraps pairs); on one side only it is part of the text.
      std::string_view turl, surl;
      TextRange tu = unwrap_link(tb.text, tr, &turl);
      TextRange su = unwrap_link(sb.text, sr, &surl);
      if (turl.empty() != surl.empty() || (tu.begin == tr.begin) != (su.begin == sr.begin)) {
        tu = tr, su = sr;
        turl = surl = {};
      }
      AlignedPair p;
      p.target = aligned_text(t_, ti, tu);
      p.source = aligned_text(s_, si, su);
      p.target_block = static_cast<uint32_t>(ti);
      p.source_block = static_cast<uint32_t>(si);
      p.link = std::string(!turl.empty() ? turl : surl);
      p.confidence = 1.0f / (1.0f + 0.35f * std::max(0.0f, block_cost + mv.c));
      anchor_ = p.target.end;
      out.pairs.push_back(std::move(p));
    }
  }
};

}  // namespace

Alignment align_documents(std::string_view target_file, const MdDocument& target, std::string_view source_file,
                          const MdDocument& source, const BlockAlignOptions& options) {
  Side t, s;
  t.prepare(target_file, target);
  s.prepare(source_file, source);
  return Aligner(t, s, options).run();
}

}  // namespace tmlint
