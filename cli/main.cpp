// The tmlint executable: options and exit codes. The work is in lib/.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "baseline.h"
#include "config.h"
#include "engine.h"
#include "file_walker.h"
#include "reporters.h"
#include "rule.h"
#include "text_escape.h"

namespace {

using namespace tmlint;

constexpr int kClean = 0, kFindings = 1, kUsage = 2;

// "a,b" and repeated flags both work.
std::vector<std::string> split_ids(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& r : raw) {
    std::stringstream ss(r);
    std::string item;
    while (std::getline(ss, item, ','))
      if (!item.empty()) out.push_back(item);
  }
  return out;
}

bool check_ids(const std::vector<std::string>& ids, const char* flag) {
  for (const auto& id : ids) {
    bool known = false;
    for (const Rule& r : all_rules()) known |= r.info.id == id || r.info.category == id;
    if (!known) {
      std::cerr << fmt::format("tmlint: error: {}: unknown rule or category '{}' (see `tmlint rules`)\n", flag, id);
      return false;
    }
  }
  return true;
}

int list_rules(const std::string& format) {
  const auto& rules = all_rules();
  std::string out;
  if (format == "json") {
    out = "[";
    for (size_t i = 0; i < rules.size(); ++i) {
      const auto& r = rules[i].info;
      std::string summary;
      json_escape(summary, r.summary);
      out += fmt::format("{}\n {{\"id\": \"{}\", \"category\": \"{}\", \"severity\": \"{}\", \"scope\": \"{}\", "
                         "\"summary\": \"{}\"}}",
                         i ? "," : "", r.id, r.category, severity_name(r.default_severity),
                         rules[i].check_batch ? (rules[i].check_article ? "article+batch" : "batch") : "article",
                         summary);
    }
    out += "\n]\n";
  } else {
    size_t w = 4, c = 8;
    for (const auto& r : rules) w = std::max(w, r.info.id.size()), c = std::max(c, r.info.category.size());
    out += fmt::format("{:<{}}  {:<{}}  {:<8}  {}\n", "id", w, "category", c, "severity", "summary");
    for (const auto& r : rules)
      out += fmt::format("{:<{}}  {:<{}}  {:<8}  {}\n", r.info.id, w, r.info.category, c,
                         severity_name(r.info.default_severity), r.info.summary);
  }
  std::cout << out;
  return kClean;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tmlint: translation-memory alignment and QA linter for side-by-side localized Markdown"};
  app.set_version_flag("--version", std::string("tmlint ") + TMLINT_VERSION);
  app.require_subcommand(1);

  auto* check = app.add_subcommand("check", "Check files or directories of sxs Markdown");
  std::vector<std::string> paths, select_raw, ignore_raw;
  std::string source, root, format = "text", output, fail_on, config_path, locale;
  unsigned jobs = 0;
  bool quiet = false, no_color = false;
  check->add_option("paths", paths, "Files or directories (default: .)");
  check->add_option("--source", source, "Source-language tree: the source of X is DIR/X")->check(CLI::ExistingDirectory);
  check->add_option("--root", root, "Batch root (default: the directory argument)");
  check->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json", "junit", "sarif", "github"}));
  std::vector<std::string> reports;
  bool statistics = false;
  check->add_option("--report", reports, "Also write FORMAT:FILE (json, junit, sarif, github, text); repeatable")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::string write_baseline, baseline_path;
  bool prune_baseline = false;
  check->add_option("--write-baseline", write_baseline, "Record the current findings in FILE");
  check->add_option("--baseline", baseline_path, "Report only findings that FILE does not record");
  check->add_flag("--prune-baseline", prune_baseline, "With --baseline: drop the entries that match nothing any more");
  check->add_flag("--statistics", statistics, "Print the number of findings per rule instead of the findings");
  check->add_option("-o,--output", output, "Write the report to FILE (atomically)");
  check->add_option("-j,--jobs", jobs, "Worker threads (default: all cores)");
  check->add_option("--fail-on", fail_on, "Lowest severity that fails the run")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  check->add_option("--select", select_raw, "Rule ids or categories to run (comma-separated or repeated)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--ignore", ignore_raw, "Rule ids or categories to skip")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  check->add_option("--config", config_path, "Configuration file (default: .tmlint.yaml found upwards)");
  check->add_option("--locale", locale, "Target locale when ms.contentlocale is absent");
  check->add_flag("-q,--quiet", quiet, "No summary line");
  check->add_flag("--no-color", no_color, "Never colour the text output");
  bool context = false;
  check->add_flag("--context", context,
                  "Also load the rest of the batch root so batch rules compare the named files with it "
                  "(for pre-commit: findings are still reported for the named files only)");

  auto* rules = app.add_subcommand("rules", "List every rule");
  std::string rules_format = "text";
  rules->add_option("--format", rules_format, "Output format")->check(CLI::IsMember({"text", "json"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kClean : kUsage;
  }

  if (rules->parsed()) return list_rules(rules_format);

  CheckOptions options;
  options.paths = paths;
  options.root = root;
  options.source_dir = source;
  options.jobs = jobs;
  options.locale = locale;
  options.context = context;
  options.select = split_ids(select_raw);
  options.ignore = split_ids(ignore_raw);
  if (!check_ids(options.select, "--select") || !check_ids(options.ignore, "--ignore")) return kUsage;

  if (config_path.empty()) config_path = find_config_file(".");
  if (!config_path.empty()) {
    std::string text, error;
    if (!read_whole_file(config_path, text, error)) {
      std::cerr << fmt::format("tmlint: error: {}: {}\n", config_path, error);
      return kUsage;
    }
    ConfigError cerr;
    auto config = parse_config(text, config_path, cerr);
    if (!config) {
      std::cerr << fmt::format("{}:{}:{}: error: {}\n", cerr.path, cerr.line, cerr.column, cerr.message);
      return kUsage;
    }
    options.config = std::move(*config);
  }

  Severity threshold = options.config.fail_on.value_or(Severity::Error);
  if (!fail_on.empty()) parse_severity(fail_on, threshold);

  CheckResult result = run_check(options);

  try {
    if (!write_baseline.empty()) write_file_atomically(write_baseline, baseline_json(result));
  } catch (const std::exception& e) {
    std::cerr << "tmlint: error: " << e.what() << "\n";
    return kUsage;
  }
  if (!baseline_path.empty()) {
    std::string text, error;
    if (!read_whole_file(baseline_path, text, error)) {
      std::cerr << fmt::format("tmlint: error: {}: {}\n", baseline_path, error);
      return kUsage;
    }
    auto baseline = parse_baseline(text, error);
    if (!baseline) {
      std::cerr << fmt::format("tmlint: error: {}: {}\n", baseline_path, error);
      return kUsage;
    }
    BaselineOutcome outcome = apply_baseline(result, *baseline);
    size_t stale = 0;
    for (const auto& [fp, e] : outcome.stale.entries) stale += e.count;
    if (stale) {
      std::cerr << fmt::format("tmlint: {} baseline entr{} no longer match{} (fixed):\n", stale, stale == 1 ? "y" : "ies",
                               stale == 1 ? "es" : "");
      for (const auto& [fp, e] : outcome.stale.entries)
        std::cerr << fmt::format("  {} [{}] {}\n", e.path, e.rule, e.message);
      if (!prune_baseline) std::cerr << "tmlint: --prune-baseline removes them\n";
    }
    if (prune_baseline && stale) {
      try {
        write_file_atomically(baseline_path, baseline_json(outcome.used));
      } catch (const std::exception& e) {
        std::cerr << "tmlint: error: " << e.what() << "\n";
        return kUsage;
      }
    }
  } else if (prune_baseline) {
    std::cerr << "tmlint: error: --prune-baseline needs --baseline FILE\n";
    return kUsage;
  }

  auto render = [&](const std::string& fmt_name, bool to_terminal) {
    std::ostringstream report;
    if (fmt_name == "json") write_json(report, result);
    else if (fmt_name == "junit") write_junit(report, result);
    else if (fmt_name == "sarif") write_sarif(report, result);
    else if (fmt_name == "github") write_github(report, result);
    else {
      const char* no_color_env = std::getenv("NO_COLOR");
      TextStyle style{to_terminal && !no_color && !(no_color_env && *no_color_env), quiet};
      write_text(report, result, style);
    }
    return report.str();
  };
  try {
    // Every --report first, so one run feeds several CI consumers.
    for (const std::string& r : reports) {
      size_t colon = r.find(':');
      std::string fmt_name = r.substr(0, colon), path = colon == std::string::npos ? "" : r.substr(colon + 1);
      if (path.empty() || !(fmt_name == "json" || fmt_name == "junit" || fmt_name == "sarif" ||
                            fmt_name == "github" || fmt_name == "text")) {
        std::cerr << fmt::format("tmlint: error: --report {}: expected FORMAT:FILE with FORMAT one of json, junit, "
                                 "sarif, github, text\n", r);
        return kUsage;
      }
      write_file_atomically(path, render(fmt_name, false));
    }
    std::string main_report;
    if (statistics) {
      std::ostringstream st;
      write_statistics(st, result);
      main_report = st.str();
    } else {
      main_report = render(format, output.empty() && ::isatty(STDOUT_FILENO));
    }
    if (output.empty()) std::cout << main_report << std::flush;
    else write_file_atomically(output, main_report);
  } catch (const std::exception& e) {
    std::cerr << "tmlint: error: " << e.what() << "\n";
    return kUsage;
  }

  for (const auto& e : result.not_followed) std::cerr << "tmlint: warning: " << e << "\n";
  for (const auto& e : result.io_errors) std::cerr << "tmlint: error: " << e << "\n";
  if (!result.io_errors.empty()) return kUsage;
  for (const Diagnostic& d : result.diagnostics)
    if (!d.suppressed && d.severity >= threshold) return kFindings;
  return kClean;
}
