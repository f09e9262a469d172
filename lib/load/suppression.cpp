#include "load/suppression.h"

#include <algorithm>

namespace tmlint {
namespace {

bool names(const Directive& d, std::string_view rule, std::string_view category) {
  if (d.rules.empty()) return true;
  return std::any_of(d.rules.begin(), d.rules.end(),
                     [&](const std::string& r) { return r == rule || (!category.empty() && r == category); });
}

}  // namespace

bool is_suppressed(const Article& a, uint32_t line, std::string_view rule, std::string_view category) {
  return is_suppressed(a.directives, line, rule, category);
}

bool is_suppressed(const std::vector<Directive>& directives, uint32_t line, std::string_view rule,
                   std::string_view category) {
  bool disabled = false;
  for (const Directive& d : directives) {
    if (!names(d, rule, category)) continue;
    switch (d.kind) {
      case Directive::DisableFile: return true;
      case Directive::DisableLine:
        if (d.line == line) return true;
        break;
      case Directive::DisableNextLine:
        if (d.line + 1 == line) return true;
        break;
      case Directive::Disable:
        if (d.line <= line) disabled = true;
        break;
      case Directive::Enable:
        if (d.line <= line) disabled = false;
        break;
    }
  }
  return disabled;
}

}  // namespace tmlint
