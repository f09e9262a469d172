#include "sources/link_resolver.h"

#include <algorithm>
#include <vector>

#include "sources/redirects.h"
#include "sources/tree_index.h"

namespace tmlint {
namespace {

bool has_scheme(std::string_view t) {
  size_t i = 0;
  while (i < t.size() && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z') ||
                          (i > 0 && ((t[i] >= '0' && t[i] <= '9') || t[i] == '+' || t[i] == '.' || t[i] == '-'))))
    ++i;
  return i >= 2 && i < t.size() && t[i] == ':';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Joins `base_dir` and `rel` lexically. Returns false when it climbs out.
bool join_lexically(std::string_view base_dir, std::string_view rel, std::string& out) {
  std::vector<std::string_view> parts;
  auto push_all = [&](std::string_view s) -> bool {
    size_t i = 0;
    while (i <= s.size()) {
      size_t j = s.find('/', i);
      if (j == std::string_view::npos) j = s.size();
      std::string_view part = s.substr(i, j - i);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      i = j + 1;
    }
    return true;
  };
  if (!push_all(base_dir) || !push_all(rel)) return false;
  out.clear();
  for (auto p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return true;
}

std::string dir_of(std::string_view rel) {
  size_t s = rel.rfind('/');
  return s == std::string_view::npos ? std::string() : std::string(rel.substr(0, s));
}

// The docset root for "~/": the nearest folder up from the article with a
// docfx.json, else the batch root.
std::string docset_root(std::string_view article_rel, const TreeIndex* files) {
  std::string dir = dir_of(article_rel);
  while (files) {
    if (files->exists(dir.empty() ? "docfx.json" : dir + "/docfx.json")) return dir;
    if (dir.empty()) break;
    dir = dir_of(dir);
  }
  return {};
}

std::string suggest(const std::string& path, const RunFacts& facts) {
  std::string dir = dir_of(path);
  std::string_view name = std::string_view(path).substr(dir.empty() ? 0 : dir.size() + 1);
  std::string best;
  size_t best_distance = std::max<size_t>(2, name.size() / 4) + 1;
  std::string_view stem = name.substr(0, name.rfind('.'));
  for (const TreeIndex* index : {facts.batch_files, facts.source_files}) {
    if (!index) continue;
    for (const std::string& candidate : index->names_in(dir)) {
      std::string_view cstem = std::string_view(candidate).substr(0, candidate.rfind('.'));
      std::string_view cname = candidate;
      // The same page with another extension (an .md link to a .yml page),
      // or the name with a prefix ("China-" + name), count as close.
      bool prefixed = cname.size() > name.size() + 1 && cname.substr(cname.size() - name.size()) == name &&
                      (cname[cname.size() - name.size() - 1] == '-' || cname[cname.size() - name.size() - 1] == '_');
      size_t d = cstem == stem ? 1 : prefixed ? 2 : edit_distance(name, candidate, best_distance);
      if (d < best_distance || (d == best_distance && candidate < best)) {
        best_distance = d;
        best = candidate;
      }
    }
  }
  if (best.empty()) return {};
  return dir.empty() ? best : dir + "/" + best;
}

// Anything but a page: images, code samples, data files. Localized
// repositories carry none of them.
bool is_asset_path(std::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return false;
  std::string ext = ascii_lower(path.substr(dot + 1));
  return ext != "md" && ext != "yml" && ext != "yaml";
}

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string_view link_fragment(std::string_view target) {
  size_t hash = target.find('#');
  return hash == std::string_view::npos ? std::string_view() : target.substr(hash + 1);
}

std::string link_path_part(std::string_view target) {
  size_t cut = target.find_first_of("#?");
  std::string_view p = target.substr(0, cut);
  std::string out;
  out.reserve(p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '%' && i + 2 < p.size() && hex_value(p[i + 1]) >= 0 && hex_value(p[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(p[i + 1]) * 16 + hex_value(p[i + 2])));
      i += 2;
    } else {
      out.push_back(p[i]);
    }
  }
  return out;
}

LinkResolution resolve_link(const Article& article, const Link& link, const RunFacts& facts) {
  LinkResolution r;
  std::string_view t = link.target;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (t.empty() || t.front() == '#' || t.front() == '/' || has_scheme(t) || t.rfind("//", 0) == 0) return r;
  if (link.kind == LinkKind::Autolink) return r;
  if (!facts.batch_files) return r;
  std::string path = link_path_part(t);
  // Localized repositories carry no images or samples: without --source an
  // asset that is missing locally cannot be judged.
  bool asset = is_asset_path(path);
  if (path.find('\\') != std::string::npos) {
    r.backslash = true;
    std::replace(path.begin(), path.end(), '\\', '/');
  }
  std::string base;
  if (path.rfind("~/", 0) == 0) {
    base = docset_root(article.rel_path, facts.batch_files);
    path.erase(0, 2);
  } else {
    base = dir_of(article.rel_path);
  }
  if (!join_lexically(base, path, r.path)) {
    r.status = LinkStatus::OutsideRoot;
    return r;
  }
  if (r.path.empty()) return r;  // the root folder itself
  auto found = [&](const TreeIndex* idx) { return idx && (idx->exists(r.path) || idx->is_dir(r.path)); };
  if (found(facts.batch_files) || found(facts.source_files)) {
    r.status = r.backslash ? LinkStatus::Broken : LinkStatus::Resolved;
    if (r.backslash) r.detail = r.path;
    return r;
  }
  for (const TreeIndex* idx : {facts.batch_files, facts.source_files}) {
    if (!idx) continue;
    if (auto real = idx->find_ignoring_case(r.path)) {
      r.status = LinkStatus::CaseMismatch;
      r.detail = *real;
      return r;
    }
  }
  if (facts.redirects) {
    if (auto url = facts.redirects->target_of(r.path)) {
      r.status = LinkStatus::Redirected;
      r.detail = *url;
      return r;
    }
  }
  if (asset && !facts.source_files) {
    r.status = LinkStatus::NotChecked;
    return r;
  }
  r.status = LinkStatus::Broken;
  r.detail = suggest(r.path, facts);
  return r;
}

}  // namespace tmlint
