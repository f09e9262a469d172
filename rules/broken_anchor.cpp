// broken-anchor: a #fragment on a relative Markdown link (or a same-page
// #fragment) that matches no anchor of the target article: no <a name> or
// id, no heading slug (of the English or the translated heading), no {#id}.
// A batch rule: the target article's anchors come from the batch.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "engine/rule.h"
#include "segment_facts.h"
#include "sources/link_resolver.h"
#include "sources/tree_index.h"

namespace tmlint {
namespace {

// Facts: the article's anchors (lower case, sorted, each once), then each
// link with a fragment: the fragment, the resolved target (empty: this
// article), where the link is, its segment's id and texts. Links are
// resolved here, where the batch root's index is at hand.
void collect(const ArticleContext& ctx, FactWriter& out) {
  const Article& a = ctx.article;
  std::vector<std::string> anchors;
  for (const Anchor& an : a.anchors) anchors.push_back(ascii_lower(an.name));
  std::sort(anchors.begin(), anchors.end());
  anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
  out.u64(anchors.size());
  for (const std::string& an : anchors) out.str(an);
  for (const Link& link : a.links) {
    if (link.place == LinkPlace::Source) continue;
    std::string_view fragment = link_fragment(link.target);
    if (fragment.empty() || fragment.find('/') != std::string_view::npos) continue;  // #tab/... is docfx tabs
    std::string target;
    if (link.target.front() != '#') {
      std::string_view path = link.target.substr(0, link.target.find_first_of("#?"));
      if (path.size() < 3 || path.substr(path.size() - 3) != ".md") continue;
      LinkResolution r = resolve_link(a, link, ctx.facts);
      if (r.status != LinkStatus::Resolved) continue;  // the other link rules say why
      target = r.path;
      if (target == a.rel_path) target.clear();
    }
    out.str(fragment);
    out.str(target);
    out.loc(link.location);
    out.str(segment_id_of(a, link));
    facts::write_texts(out, a, link.segment);
  }
}

void check_batch(const BatchContext& ctx) {
  std::unordered_map<std::string_view, size_t> by_path;
  for (size_t i = 0; i < ctx.articles.size(); ++i) by_path.emplace(ctx.articles[i]->rel_path, i);
  // Each article's anchors, read when first asked for: sorted views into its facts.
  std::unordered_map<size_t, std::vector<std::string_view>> anchors_of;
  auto anchors = [&](size_t i) -> const std::vector<std::string_view>& {
    auto it = anchors_of.find(i);
    if (it != anchors_of.end()) return it->second;
    std::vector<std::string_view> list;
    FactReader r = ctx.facts(i);
    if (!r.done())
      for (size_t n = r.u64(); n > 0; --n) list.push_back(r.str());
    return anchors_of.emplace(i, std::move(list)).first->second;
  };

  for (size_t i = 0; i < ctx.articles.size(); ++i) {
    if (!ctx.enabled_for(i)) continue;
    FactReader r = ctx.facts(i);
    if (r.done()) continue;
    for (size_t n = r.u64(); n > 0; --n) r.str();  // the anchors
    while (!r.done()) {
      const std::string_view fragment = r.str(), target_path = r.str();
      const Location where = r.loc();
      const std::string_view segment = r.str();
      const SegmentTexts texts = facts::read_texts(r);
      size_t target = i;
      if (!target_path.empty()) {
        auto it = by_path.find(target_path);
        if (it == by_path.end()) continue;  // not in the batch: its anchors are unknown
        target = it->second;
      }
      const std::string wanted = ascii_lower(fragment);
      const auto& list = anchors(target);
      if (std::binary_search(list.begin(), list.end(), std::string_view(wanted))) continue;
      ctx.report(i, where,
                 target == i ? fmt::format("anchor '#{}' does not exist in this article", fragment)
                             : fmt::format("anchor '#{}' does not exist in {}", fragment, ctx.articles[target]->rel_path),
                 segment, texts);
    }
  }
}

TMLINT_RULE({.info = {.id = "broken-anchor",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A #fragment matches no anchor of the target article"},
             .collect_facts = &collect,
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
