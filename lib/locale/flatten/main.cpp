// Build tool: reads lib/locale/data/*.yaml with parse_layer_yaml (the code a
// run used to call) and writes OUTPUT, C++ that fills each file's LayerData
// (lib/locale/layer_yaml.h), compiled into tmlint_locale.
//   tmlint_locale_flatten OUTPUT FILE.yaml...
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "locale/layer_yaml.h"

namespace {

constexpr const char* kDelimiter = "tmlint_flat";

bool raw(std::ostream& out, const std::string& s) {
  if (s.find(std::string(")") + kDelimiter + "\"") != std::string::npos) return false;
  out << "R\"" << kDelimiter << "(" << s << ")" << kDelimiter << "\"";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tmlint_locale_flatten OUTPUT FILE.yaml...\n";
    return 2;
  }
  std::ostringstream out;
  out << "// Generated from lib/locale/data/*.yaml by lib/locale/flatten/main.cpp. Do not edit.\n";
  std::ostringstream table;
  table << "constexpr FlatLayer kFlatLocaleData[] = {\n";
  bool ok = true;
  for (int i = 2; i < argc; ++i) {
    std::filesystem::path path(argv[i]);
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      std::cerr << path << ": cannot read\n";
      return 1;
    }
    tmlint::LayerData d = tmlint::parse_layer_yaml(bytes.str());
    std::string fn = "flat_layer_" + std::to_string(i - 2);
    out << "void " << fn << "(LayerData& d) {\n  d.error = ";
    ok &= raw(out, d.error);
    out << ";\n";
    for (const auto& [k, v] : d.scalars) {
      out << "  d.scalars.emplace(";
      ok &= raw(out, k);
      out << ", ";
      ok &= raw(out, v);
      out << ");\n";
    }
    for (const auto& [k, items] : d.lists) {
      out << "  d.lists.emplace(";
      ok &= raw(out, k);
      out << ", std::vector<std::string>{";
      for (const std::string& item : items) {
        ok &= raw(out, item);
        out << ", ";
      }
      out << "});\n";
    }
    for (const auto& [k, r] : d.rules) {
      out << "  d.rules.emplace(";
      ok &= raw(out, k);
      out << ", LocaleRuleDefault{";
      if (r.enabled) out << "std::optional<bool>(" << (*r.enabled ? "true" : "false") << ")";
      else out << "std::nullopt";
      out << ", ";
      if (r.severity) out << "std::optional<Severity>(static_cast<Severity>(" << static_cast<int>(*r.severity) << "))";
      else out << "std::nullopt";
      out << "});\n";
    }
    out << "}\n";
    table << "  {\"" << path.stem().string() << "\", &" << fn << "},\n";
  }
  table << "};\n";
  if (!ok) {
    std::cerr << "a data file contains the raw-string delimiter " << kDelimiter << "\n";
    return 1;
  }
  std::string text = out.str() + table.str();
  // Only rewrite when changed, so an unchanged tree does not rebuild.
  {
    std::ifstream old(argv[1], std::ios::binary);
    std::stringstream prev;
    prev << old.rdbuf();
    if (old && prev.str() == text) return 0;
  }
  std::ofstream o(argv[1], std::ios::binary);
  o << text;
  return o ? 0 : 1;
}
