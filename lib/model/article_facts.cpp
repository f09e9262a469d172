#include "model/article_facts.h"

#include <algorithm>

namespace tmlint {

const BatchRuleSetting* ArticleFacts::setting(std::string_view rule) const {
  auto it = std::lower_bound(rules.begin(), rules.end(), rule,
                             [](const BatchRuleSetting& s, std::string_view id) { return s.rule < id; });
  return it != rules.end() && it->rule == rule ? &*it : nullptr;
}

std::string_view ArticleFacts::group(std::string_view name) const {
  auto it = groups.find(std::string(name));
  return it == groups.end() ? std::string_view() : std::string_view(it->second);
}

void write_article_facts(const ArticleFacts& f, std::string& out) {
  FactWriter w(out);
  w.str(f.path);
  w.str(f.rel_path);
  w.str(f.locale);
  w.boolean(f.context_only);
  w.u64(f.directives.size());
  for (const Directive& d : f.directives) {
    w.u64(d.kind);
    w.u64(d.line);
    w.u64(d.rules.size());
    for (const std::string& r : d.rules) w.str(r);
  }
  w.u64(f.rules.size());
  for (const BatchRuleSetting& s : f.rules) {
    w.str(s.rule);
    w.boolean(s.enabled);
    w.u64(static_cast<uint64_t>(s.severity));
    w.u64(s.options.size());
    for (const auto& [key, values] : s.options) {
      w.str(key);
      w.u64(values.size());
      for (const std::string& v : values) w.str(v);
    }
  }
  w.u64(f.groups.size());
  for (const auto& [name, bytes] : f.groups) {
    w.str(name);
    w.str(bytes);
  }
}

ArticleFacts read_article_facts(std::string_view bytes) {
  FactReader r(bytes);
  ArticleFacts f;
  // A count is at most the bytes left: a corrupt count must not allocate
  // gigabytes before the reader runs out.
  auto count = [&] {
    const uint64_t n = r.u64();
    if (n > bytes.size()) throw BadFacts("facts hold a count larger than the record");
    return static_cast<size_t>(n);
  };
  f.path = r.str();
  f.rel_path = r.str();
  f.locale = r.str();
  f.context_only = r.boolean();
  for (size_t i = 0, n = count(); i < n; ++i) {
    Directive d{};
    const uint64_t kind = r.u64();
    if (kind > Directive::DisableFile) throw BadFacts("facts hold an unknown directive");
    d.kind = static_cast<Directive::Kind>(kind);
    d.line = r.u32();
    for (size_t k = 0, m = count(); k < m; ++k) d.rules.emplace_back(r.str());
    f.directives.push_back(std::move(d));
  }
  for (size_t i = 0, n = count(); i < n; ++i) {
    BatchRuleSetting s;
    s.rule = r.str();
    s.enabled = r.boolean();
    const uint64_t sev = r.u64();
    if (sev > static_cast<uint64_t>(Severity::Error)) throw BadFacts("facts hold an unknown severity");
    s.severity = static_cast<Severity>(sev);
    for (size_t k = 0, m = count(); k < m; ++k) {
      std::string key(r.str());
      std::vector<std::string>& values = s.options[key];
      for (size_t j = 0, v = count(); j < v; ++j) values.emplace_back(r.str());
    }
    if (!f.rules.empty() && !(f.rules.back().rule < s.rule)) throw BadFacts("facts hold rules out of order");
    f.rules.push_back(std::move(s));
  }
  for (size_t i = 0, n = count(); i < n; ++i) {
    std::string name(r.str());
    f.groups[name] = std::string(r.str());
  }
  if (!r.done()) throw BadFacts("facts record has bytes after its end");
  return f;
}

}  // namespace tmlint
