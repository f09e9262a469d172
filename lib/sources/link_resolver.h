#pragma once
// Resolves a relative link of an article against the batch tree, the source
// tree and the redirections, lexically (never opening anything). The link
// rules (broken-link, link-case-mismatch, link-to-redirect) each report one
// of the outcomes.
#include <string>
#include <string_view>

#include "model/article.h"
#include "sources/run_facts.h"

namespace tmlint {

enum class LinkStatus {
  NotChecked,     // external URL, mailto:, absolute site path, same-page #anchor, empty
  Resolved,       // exists in the batch tree or the source tree
  CaseMismatch,   // exists only with another letter case (detail: the real path)
  Redirected,     // listed in the redirections (detail: the redirect URL)
  OutsideRoot,    // climbs out of the batch root
  Broken,         // does not exist (detail: a did-you-mean path, or empty)
};

struct LinkResolution {
  LinkStatus status = LinkStatus::NotChecked;
  std::string path;    // the resolved path relative to the batch root
  std::string detail;
  bool backslash = false;  // the link used '\' separators
};

// The path part of a link target: no #fragment or ?query, %XX decoded.
std::string link_path_part(std::string_view target);
std::string_view link_fragment(std::string_view target);

LinkResolution resolve_link(const Article& article, const Link& link, const RunFacts& facts);

// The id of the segment a link lies in, or empty for a skeleton link.
inline std::string_view segment_id_of(const Article& a, const Link& l) {
  return l.segment >= 0 ? a.segments[static_cast<size_t>(l.segment)].id : std::string_view();
}

// Calls fn(link, resolution) for every link readers of the published page
// follow: the skeleton's and the targets' (the sources' are the English
// article's). The link rules each keep the outcomes they report.
template <typename Fn>
void for_each_published_link(const Article& a, const RunFacts& facts, Fn&& fn) {
  for (const Link& link : a.links)
    if (link.place != LinkPlace::Source) fn(link, resolve_link(a, link, facts));
}

// Levenshtein distance on bytes, giving up (returning limit + 1) beyond limit.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace tmlint
