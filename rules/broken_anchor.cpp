// broken-anchor: a #fragment on a relative Markdown link (or a same-page
// #fragment) that matches no anchor of the target article: no <a name> or
// id, no heading slug (of the English or the translated heading), no {#id}.
// A batch rule: the target article's anchors come from the batch.
#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

#include "engine/rule.h"
#include "sources/link_resolver.h"
#include "sources/tree_index.h"

namespace tmlint {
namespace {

using AnchorSet = std::unordered_set<std::string>;

AnchorSet anchors_of(const Article& a) {
  AnchorSet set;
  for (const Anchor& an : a.anchors) set.insert(ascii_lower(an.name));
  return set;
}

void check_batch(const BatchContext& ctx) {
  std::unordered_map<std::string_view, const Article*> by_path;
  for (const Article* a : ctx.articles) by_path.emplace(a->rel_path, a);
  std::unordered_map<const Article*, AnchorSet> cache;
  auto anchors = [&](const Article* a) -> const AnchorSet& {
    auto it = cache.find(a);
    if (it == cache.end()) it = cache.emplace(a, anchors_of(*a)).first;
    return it->second;
  };

  for (const Article* a : ctx.articles) {
    if (!ctx.enabled_for(*a)) continue;
    for (const Link& link : a->links) {
      if (link.place == LinkPlace::Source) continue;
      std::string_view fragment = link_fragment(link.target);
      if (fragment.empty() || fragment.find('/') != std::string_view::npos) continue;  // #tab/... is docfx tabs
      const Article* target = nullptr;
      if (link.target.front() == '#') {
        target = a;
      } else {
        std::string_view path = link.target.substr(0, link.target.find_first_of("#?"));
        if (path.size() < 3 || path.substr(path.size() - 3) != ".md") continue;
        LinkResolution r = resolve_link(*a, link, ctx.facts);
        if (r.status != LinkStatus::Resolved) continue;  // the other link rules say why
        auto it = by_path.find(r.path);
        if (it == by_path.end()) continue;  // not in the batch: its anchors are unknown
        target = it->second;
      }
      std::string wanted = ascii_lower(fragment);
      if (anchors(target).count(wanted)) continue;
      std::string_view seg = segment_id_of(*a, link);
      ctx.report(*a, link.location,
                 target == a ? fmt::format("anchor '#{}' does not exist in this article", fragment)
                             : fmt::format("anchor '#{}' does not exist in {}", fragment, target->rel_path),
                 seg);
    }
  }
}

TMLINT_RULE({.info = {.id = "broken-anchor",
                      .category = "links",
                      .default_severity = Severity::Warning,
                      .summary = "A #fragment matches no anchor of the target article"},
             .check_batch = &check_batch});

}  // namespace
}  // namespace tmlint
