// The tmlint executable: options and exit codes. The work is in lib/.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "base/text_escape.h"
#include "engine/baseline.h"
#include "engine/config.h"
#include "engine/rule.h"
#include "engine/run_check.h"
#include "load/file_walker.h"
#include "model/facts_file.h"
#include "progress.h"
#include "report/batch_stats.h"
#include "report/merge.h"
#include "report/reporters.h"
#include "report/stats_reporters.h"
#include "tm/alignment.h"
#include "tm/tm_writers.h"

namespace {

using namespace tmlint;

constexpr int kClean = 0, kFindings = 1, kUsage = 2;

bool emit(const std::string& output, const std::string& content);

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

int list_rules(const std::string& format, const std::string& output) {
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
  return emit(output, out) ? kClean : kUsage;
}


// "K/N" (1-based K) as a 0-based index and a count.
bool parse_shard(const std::string& text, unsigned& index, unsigned& count) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return false;
  unsigned k = 0, n = 0;
  auto [pk, ek] = std::from_chars(text.data(), text.data() + slash, k);
  auto [pn, en] = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
  if (ek != std::errc() || en != std::errc() || pk != text.data() + slash || pn != text.data() + text.size()) return false;
  if (n == 0 || k == 0 || k > n) return false;
  index = k - 1;
  count = n;
  return true;
}

// The output of a subcommand: standard output, or FILE written atomically.
// False (after a message) when FILE cannot be written.
bool emit(const std::string& output, const std::string& content) {
  try {
    if (output.empty()) std::cout << content << std::flush;
    else write_file_atomically(output, content);
  } catch (const std::exception& e) {
    std::cerr << "tmlint: error: " << e.what() << "\n";
    return false;
  }
  return true;
}

// The run's notes (a --source repository that is not the source's
// history), on standard error: said once, whatever --quiet.
void print_notes(const CheckResult& run) {
  for (const RunNote& n : run.summary.notes) std::cerr << fmt::format("tmlint: note: {} [{}]\n", n.message, n.rule);
}

// The configuration named by --config, or .tmlint.yaml found upwards; false
// (after a message) when it cannot be read or parsed.
bool load_config(std::string path, Config& out) {
  if (path.empty()) path = find_config_file(".");
  if (path.empty()) return true;
  std::string text, error;
  if (!read_whole_file(path, text, error)) {
    std::cerr << fmt::format("tmlint: error: {}: {}\n", path, error);
    return false;
  }
  ConfigError cerr;
  auto config = parse_config(text, path, cerr);
  if (!config) {
    std::cerr << fmt::format("{}:{}:{}: error: {}\n", cerr.path, cerr.line, cerr.column, cerr.message);
    return false;
  }
  out = std::move(*config);
  return true;
}

// The facts cache's folder when --cache-dir is not given: the XDG base
// directory rule ($XDG_CACHE_HOME when absolute), else ~/.cache; no cache
// when neither is known.
std::string default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/tmlint";
  const char* home = std::getenv("HOME");
  if (home && home[0]) return std::string(home) + "/.cache/tmlint";
  return {};
}

// What align and stats share with check: the batch, its root and source,
// jobs, locale and configuration; the articles are kept.
template <typename Cli>
bool batch_options(const Cli& cli, CheckOptions& options) {
  options.paths = cli.paths;
  options.root = cli.root;
  options.source_dir = cli.source;
  options.jobs = cli.jobs;
  options.locale = cli.locale;
  options.keep_articles = true;
  return load_config(cli.config_path, options.config);
}

struct AlignCli {
  std::vector<std::string> paths, exclude;
  std::string output, format, source_lang = "en-US", locale, source, root, inline_mode = "text", config_path;
  bool dedupe = false, quiet = false;
  size_t min_words = 0;
  float min_confidence = 0;
  unsigned jobs = 0;
};

// tmlint align: the engine loads the batch and runs only the rules whose
// findings mark pairs (untranslated, stale), then the pairs are written.
int run_align(const AlignCli& cli) {
  AlignOptions align;
  align.source_lang = cli.source_lang;
  align.dedupe = cli.dedupe;
  align.min_words = cli.min_words;
  align.min_confidence = cli.min_confidence;
  for (const std::string& e : split_ids(cli.exclude)) {
    if (e == "untranslated") align.exclude_untranslated = true;
    else if (e == "stale") align.exclude_stale = true;
    else {
      std::cerr << fmt::format("tmlint: error: --exclude: unknown value '{}' (expected untranslated or stale)\n", e);
      return kUsage;
    }
  }
  if (align.exclude_stale && cli.source.empty()) {
    std::cerr << "tmlint: error: --exclude stale needs --source DIR (the source tree tells what is stale)\n";
    return kUsage;
  }
  TmFormat format = TmFormat::Tmx;
  if (!cli.format.empty()) parse_tm_format(cli.format, format);
  else if (!cli.output.empty()) tm_format_from_path(cli.output, format);
  if (cli.inline_mode == "tags" && format != TmFormat::Tmx && format != TmFormat::Xliff) {
    std::cerr << "tmlint: error: --inline tags applies to TMX and XLIFF only\n";
    return kUsage;
  }

  CheckOptions options;
  if (!batch_options(cli, options)) return kUsage;
  // Only the file selection and the locale of the configuration apply: a
  // rule switched off for `check` must not change what the export marks.
  Config selection;
  selection.exclude = options.config.exclude;
  selection.locale = options.config.locale;
  options.config = std::move(selection);
  options.select = alignment_rules(!cli.source.empty());
  options.select.push_back("parse-error");

  ProgressLine progress;
  progress.attach(options, cli.quiet);
  CheckResult run = run_check(options);
  progress.finish();
  AlignSummary summary;
  std::string_view fallback_lang = !cli.locale.empty() ? std::string_view(cli.locale) : std::string_view(options.config.locale);
  std::vector<TmPair> pairs = align_pairs(run, align, fallback_lang, summary);

  TmWriteOptions write_options;
  write_options.source_lang = cli.source_lang;
  write_options.inline_tags = cli.inline_mode == "tags";
  std::string out, error;
  TmWriteStats stats;
  if (!write_tm(format, pairs, write_options, out, stats, error)) {
    std::cerr << "tmlint: error: " << error << "\n";
    return kUsage;
  }
  if (!emit(cli.output, out)) return kUsage;

  if (!cli.quiet) {
    std::set<std::string_view> broken;
    for (const Diagnostic& d : run.diagnostics)
      if (d.rule == "parse-error") broken.insert(d.path);
    static const char* names[] = {"TMX", "XLIFF", "JSON Lines", "TSV"};
    std::string line = fmt::format("tmlint align: {} pair{} from {} article{} written ({})", summary.written,
                                   summary.written == 1 ? "" : "s", summary.articles, summary.articles == 1 ? "" : "s",
                                   names[static_cast<int>(format)]);
    line += fmt::format("; left out: {} untranslated, {} stale", summary.excluded_untranslated, summary.excluded_stale);
    if (cli.min_words)
      line += fmt::format(", {} under {} word{}", summary.excluded_short, cli.min_words, cli.min_words == 1 ? "" : "s");
    if (cli.min_confidence > 0)
      line += fmt::format(", {} under confidence {}", summary.excluded_doubtful, cli.min_confidence);
    line += fmt::format("; {} duplicate{} merged", summary.merged_duplicates, summary.merged_duplicates == 1 ? "" : "s");
    line += fmt::format("; {} segment{} without a source", summary.without_source, summary.without_source == 1 ? "" : "s");
    std::cerr << line << "\n";
    std::cerr << fmt::format("tmlint align: kept {} untranslated and {} stale pair{} (marked){}\n",
                             summary.untranslated - summary.excluded_untranslated, summary.stale - summary.excluded_stale,
                             summary.stale - summary.excluded_stale == 1 ? "" : "s",
                             cli.source.empty() ? "; without --source staleness is not known" : "");
    if (stats.replaced_characters)
      std::cerr << fmt::format("tmlint align: {} character{} that XML forbids written as U+FFFD\n",
                               stats.replaced_characters, stats.replaced_characters == 1 ? "" : "s");
    if (summary.without_language)
      std::cerr << fmt::format("tmlint align: {} pair{} with no target language (no ms.contentlocale, no --locale): "
                               "written as \"und\"\n", summary.without_language, summary.without_language == 1 ? "" : "s");
    if (!broken.empty())
      std::cerr << fmt::format("tmlint align: {} article{} with parse errors: their pairs may be incomplete "
                               "(tmlint check --select parse-error)\n", broken.size(), broken.size() == 1 ? "" : "s");
  }
  print_notes(run);
  if (std::string note = plain_source_note(run.summary); !note.empty() && !cli.quiet)
    std::cerr << "tmlint: note: " << note << "\n";
  for (const auto& e : run.not_followed) std::cerr << "tmlint: warning: " << e << "\n";
  for (const auto& e : run.io_errors) std::cerr << "tmlint: error: " << e << "\n";
  return run.io_errors.empty() ? kClean : kUsage;
}

struct StatsCli {
  std::vector<std::string> paths;
  std::string format = "text", output, source, root, locale, config_path;
  unsigned jobs = 0;
  bool quiet = false;
};

// tmlint stats: a whole check (the configuration applies), then the figures
// a PM counts, per article and in total.
int run_stats(const StatsCli& cli) {
  CheckOptions options;
  if (!batch_options(cli, options)) return kUsage;
  ProgressLine progress;
  progress.attach(options, cli.quiet);
  CheckResult run = run_check(options);
  progress.finish();
  BatchStats stats = compute_stats(run, !cli.source.empty());
  std::ostringstream out;
  if (cli.format == "json") write_stats_json(out, stats);
  else if (cli.format == "csv") write_stats_csv(out, stats);
  else write_stats_text(out, stats);
  if (!emit(cli.output, out.str())) return kUsage;
  print_notes(run);
  if (std::string note = plain_source_note(run.summary); !note.empty()) std::cerr << "tmlint: note: " << note << "\n";
  for (const auto& e : run.not_followed) std::cerr << "tmlint: warning: " << e << "\n";
  for (const auto& e : run.io_errors) std::cerr << "tmlint: error: " << e << "\n";
  return run.io_errors.empty() ? kClean : kUsage;
}

struct MergeCli {
  std::vector<std::string> paths;
  std::vector<std::string> facts;  // --facts: the shards' facts files, if not beside the reports
  std::string format, output;  // format: empty, or what the inputs must be
  bool quiet = false;          // merge writes nothing but its notes and errors to standard error
};

// Where a shard's facts file goes beside a report FILE: FILE.facts (none for
// standard output or a device).
std::string facts_beside(const std::string& report) {
  if (report.empty() || report == "-" || report.rfind("/dev/", 0) == 0) return {};
  return report + ".facts";
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

// tmlint merge: the reports of --shard runs, of one format, into one.
int run_merge(const MergeCli& cli) {
  const std::vector<std::string>& paths = cli.paths;
  std::vector<ReportInput> inputs;
  std::set<std::string> seen;
  // Each report or facts file read once; a path named twice or unreadable is a usage error.
  auto read_input = [&](const std::string& p, std::vector<ReportInput>& into) {
    if (!seen.insert(p).second) {
      std::cerr << fmt::format("tmlint: error: {} is named twice\n", p);
      return false;
    }
    ReportInput in{p, {}};
    std::string error;
    if (!read_whole_file(p, in.bytes, error)) {
      std::cerr << fmt::format("tmlint: error: {}: {}\n", p, error);
      return false;
    }
    into.push_back(std::move(in));
    return true;
  };
  for (const std::string& p : paths)
    if (!read_input(p, inputs)) return kUsage;
  // The shards' facts files (shards run without --context): named, or each
  // beside its report. None at all: reports of --context shards, merged as
  // they are.
  std::vector<ReportInput> facts_inputs;
  bool paired = false;
  std::vector<std::string> facts_paths = cli.facts;
  if (facts_paths.empty()) {
    std::vector<std::string> found, missing;
    for (const std::string& p : paths) (file_exists(facts_beside(p)) ? found : missing).push_back(facts_beside(p));
    if (!found.empty() && !missing.empty()) {
      std::cerr << fmt::format("tmlint: error: {} is missing (beside it, {} is there): every shard run without "
                               "--context writes its facts beside its report, and the batch rules need them all\n",
                               missing.front().empty() ? "a facts file" : missing.front(), found.front());
      return kUsage;
    }
    if (!found.empty()) {
      facts_paths = std::move(found);
      paired = true;
    }
  }
  for (const std::string& p : facts_paths)
    if (!read_input(p, facts_inputs)) return kUsage;
  std::string out, error;
  ShardFacts facts;
  if (!facts_inputs.empty()) {
    if (!run_shard_facts(facts_inputs, facts, error)) {
      std::cerr << "tmlint: error: " << error << "\n";
      return kUsage;
    }
    facts.paired = paired;
    facts_inputs.clear();  // read: their bytes are not needed any more
  }
  ReportKind kind;
  if (!merge_reports(inputs, facts_paths.empty() ? nullptr : &facts, out, kind, error)) {
    std::cerr << "tmlint: error: " << error << "\n";
    return kUsage;
  }
  // merge writes the format it reads: --format only states what that must be.
  const char* got = kind == ReportKind::Json ? "json" : kind == ReportKind::Sarif ? "sarif" : "junit";
  if (!cli.format.empty() && cli.format != got) {
    std::cerr << fmt::format("tmlint: error: --format {}: the reports are {} ({}); merge writes the format of its "
                             "inputs\n", cli.format, got, paths.front());
    return kUsage;
  }
  if (!emit(cli.output, out)) return kUsage;
  if (facts_paths.empty()) return kClean;
  // With the facts, the exit code one unsharded run would have given.
  if (!cli.quiet)
    for (const RunNote& n : facts.batch.summary.notes)
      std::cerr << fmt::format("tmlint: note: {} [{}]\n", n.message, n.rule);
  for (const auto& e : facts.errors) std::cerr << "tmlint: error: " << e << "\n";
  if (!facts.errors.empty()) return kUsage;
  return facts.failing ? kFindings : kClean;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tmlint: translation-memory alignment and QA linter for side-by-side localized Markdown"};
  app.set_version_flag("--version", std::string("tmlint ") + TMLINT_VERSION);
  app.require_subcommand(1);

  auto* check = app.add_subcommand("check", "Check files or directories of sxs Markdown (plain Markdown with --source)");
  std::vector<std::string> paths, select_raw, ignore_raw;
  std::string source, root, format = "text", output, fail_on, config_path, locale;
  unsigned jobs = 0;
  bool quiet = false, no_color = false;
  check->add_option("paths", paths, "Files or directories (default: .)");
  check->add_option("--source", source,
                    "Source-language tree: the source of X is DIR/X (plain articles are aligned with it)")
      ->check(CLI::ExistingDirectory);
  check->add_option("--root", root, "Batch root (default: the directory argument)");
  check->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"text", "json", "junit", "sarif", "github", "html"}));
  std::vector<std::string> reports;
  bool statistics = false;
  check->add_option("--report", reports, "Also write FORMAT:FILE (json, junit, sarif, github, html, text); repeatable")
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
  check->add_flag("-q,--quiet", quiet, "No summary line, no progress line");
  check->add_flag("--no-color", no_color, "Never colour the text output");
  std::string shard;
  check->add_option("--shard", shard, "Check only shard K of N (K/N, 1-based) of the files, split by path hash");
  HtmlOptions html_options;
  check->add_option("--rule-docs", html_options.rule_docs, "HTML report: base of the rule pages (BASE + rule-id.md)");
  std::string tm_path;
  check->add_option("--tm", tm_path, "Reference translation memory (TMX) for the tm-deviation rule");
  bool context = false;
  std::string facts_path;
  check->add_option("--facts", facts_path,
                    "With --shard K/N without --context: write the batch facts to FILE for tmlint merge "
                    "(default: REPORT.facts beside each json, sarif or junit report file)");
  check->add_flag("--context", context,
                  "Also load the rest of the batch root so batch rules compare the named files with it "
                  "(for pre-commit: findings are still reported for the named files only)");
  std::string cache_dir;
  bool no_cache = false;
  check->add_option("--cache-dir", cache_dir,
                    "Folder of the facts cache (default: $XDG_CACHE_HOME/tmlint, else ~/.cache/tmlint)");
  check->add_flag("--no-cache", no_cache, "Neither read nor write the facts cache");

  auto* align = app.add_subcommand("align", "Export the aligned segment pairs as a translation memory");
  AlignCli align_cli;
  align->add_option("paths", align_cli.paths, "Files or directories (default: .)");
  align->add_option("-o,--output", align_cli.output, "Write to FILE (atomically; default: standard output)");
  align->add_option("--format", align_cli.format, "tmx (default), xliff, jsonl or tsv (default: from the -o extension)")
      ->check(CLI::IsMember({"tmx", "xliff", "xlf", "jsonl", "tsv"}));
  align->add_option("--source-lang", align_cli.source_lang, "Language of the sources (default: en-US)");
  align->add_option("--locale", align_cli.locale, "Target language when ms.contentlocale is absent");
  align->add_option("--source", align_cli.source,
                    "Source-language tree: aligns plain articles with it, marks stale pairs (needed by --exclude stale)")
      ->check(CLI::ExistingDirectory);
  align->add_option("--root", align_cli.root, "Batch root (default: the directory argument)");
  align->add_option("--inline", align_cli.inline_mode, "TMX and XLIFF inline codes: text (default) or tags (TMX <ph>/<bpt>/<ept>, XLIFF <ph/>/<sc/>/<ec/>)")
      ->check(CLI::IsMember({"text", "tags"}));
  align->add_flag("--dedupe", align_cli.dedupe, "Write identical pairs once, with their count");
  align->add_option("--exclude", align_cli.exclude, "Leave out: untranslated, stale (comma-separated or repeated)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  align->add_option("--min-words", align_cli.min_words, "Leave out pairs whose source has fewer words");
  align->add_option("--min-confidence", align_cli.min_confidence,
                    "Leave out aligned pairs of plain articles the aligner is less sure of (0..1)")
      ->check(CLI::Range(0.0f, 1.0f));
  align->add_option("-j,--jobs", align_cli.jobs, "Worker threads (default: all cores)");
  align->add_option("--config", align_cli.config_path, "Configuration file (its exclude: and locale: apply)");
  align->add_flag("-q,--quiet", align_cli.quiet, "No summary and no progress line on standard error");

  auto* stats = app.add_subcommand("stats", "Count segments, words, MT/HT, untranslated and stale articles of a batch");
  StatsCli stats_cli;
  stats->add_option("paths", stats_cli.paths, "Files or directories (default: .)");
  stats->add_option("--format", stats_cli.format, "text (default), json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  stats->add_option("-o,--output", stats_cli.output, "Write to FILE (atomically)");
  stats->add_option("--source", stats_cli.source, "Source-language tree: tells stale from fresh")
      ->check(CLI::ExistingDirectory);
  stats->add_option("--root", stats_cli.root, "Batch root (default: the directory argument)");
  stats->add_option("--locale", stats_cli.locale, "Target locale when ms.contentlocale is absent");
  stats->add_option("-j,--jobs", stats_cli.jobs, "Worker threads (default: all cores)");
  stats->add_option("--config", stats_cli.config_path, "Configuration file (default: .tmlint.yaml found upwards)");
  stats->add_flag("-q,--quiet", stats_cli.quiet, "No progress line");

  auto* merge = app.add_subcommand("merge", "Combine the JSON, SARIF or JUnit reports of --shard runs into one");
  MergeCli merge_cli;
  merge->add_option("reports", merge_cli.paths, "Reports of one format, one per shard")->required();
  merge->add_option("--format", merge_cli.format, "json, sarif or junit: what the reports must be (default: what they are)")
      ->check(CLI::IsMember({"json", "sarif", "junit"}));
  merge->add_option("-o,--output", merge_cli.output, "Write to FILE (atomically; default: standard output)");
  merge->add_option("--facts", merge_cli.facts,
                    "The shards' facts files (default: REPORT.facts beside each report, when there)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  merge->add_flag("-q,--quiet", merge_cli.quiet, "Nothing on standard error but errors (no notes)");

  auto* rules = app.add_subcommand("rules", "List every rule");
  std::string rules_format = "text", rules_output;
  bool rules_quiet = false;
  rules->add_option("--format", rules_format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  rules->add_option("-o,--output", rules_output, "Write to FILE (atomically; default: standard output)");
  rules->add_flag("-q,--quiet", rules_quiet, "Nothing on standard error but errors (rules prints nothing else)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kClean : kUsage;
  }

  if (rules->parsed()) return list_rules(rules_format, rules_output);
  if (align->parsed()) return run_align(align_cli);
  if (stats->parsed()) return run_stats(stats_cli);
  if (merge->parsed()) return run_merge(merge_cli);

  CheckOptions options;
  options.paths = paths;
  options.root = root;
  options.source_dir = source;
  options.jobs = jobs;
  options.locale = locale;
  options.context = context;
  options.tm_path = tm_path;
  if (!no_cache) options.cache_dir = !cache_dir.empty() ? cache_dir : default_cache_dir();
  if (!shard.empty() && !parse_shard(shard, options.shard_index, options.shard_count)) {
    std::cerr << fmt::format("tmlint: error: --shard {}: expected K/N with 1 <= K <= N (such as 2/4)\n", shard);
    return kUsage;
  }
  options.select = split_ids(select_raw);
  options.ignore = split_ids(ignore_raw);
  if (!check_ids(options.select, "--select") || !check_ids(options.ignore, "--ignore")) return kUsage;

  if (!load_config(config_path, options.config)) return kUsage;

  // A shard without --context leaves the batch rules to `tmlint merge`: it
  // writes its articles' facts beside its mergeable reports (or to --facts).
  const bool shard_alone = options.shard_count > 1 && !context;
  // FILE.facts beside each mergeable report file this run writes.
  std::vector<std::string> beside;
  auto mergeable = [](std::string_view f) { return f == "json" || f == "sarif" || f == "junit"; };
  for (const std::string& r : reports)
    if (size_t colon = r.find(':'); colon != std::string::npos && mergeable(r.substr(0, colon)))
      if (std::string f = facts_beside(r.substr(colon + 1)); !f.empty()) beside.push_back(f);
  if (!statistics && mergeable(format))
    if (std::string f = facts_beside(output); !f.empty()) beside.push_back(f);
  std::vector<std::string> facts_files;
  if (!facts_path.empty()) {
    if (!shard_alone) {
      std::cerr << "tmlint: error: --facts: only a --shard K/N run without --context writes facts (for tmlint "
                   "merge)\n";
      return kUsage;
    }
    facts_files.push_back(facts_path);
  } else if (shard_alone) {
    facts_files = beside;
  }
  // A facts file left beside a report this run rewrites without one (an
  // earlier shard's, before a run with --context) would be merged with the
  // new report: it goes.
  std::vector<std::string> stale;
  for (const std::string& f : beside)
    if (std::find(facts_files.begin(), facts_files.end(), f) == facts_files.end()) stale.push_back(f);
  options.keep_facts = !facts_files.empty();
  // The facts go to a temporary file as each article is done.
  std::unique_ptr<FactsSpool> spool;
  if (options.keep_facts) {
    try {
      spool = std::make_unique<FactsSpool>();
    } catch (const std::exception& e) {
      std::cerr << "tmlint: error: " << e.what() << "\n";
      return kUsage;
    }
    options.facts_sink = [&spool](const ArticleFacts& f) { spool->add(f); };
  }
  if (options.keep_facts && (!baseline_path.empty() || !write_baseline.empty())) {
    std::cerr << fmt::format("tmlint: error: {}: a shard without --context leaves the batch rules to tmlint merge, "
                             "which has no baseline; shard with --context\n",
                             baseline_path.empty() ? "--write-baseline" : "--baseline");
    return kUsage;
  }
  if (shard_alone && !options.keep_facts && !quiet)
    std::cerr << "tmlint: note: --shard without --context and without a json, sarif or junit report file: the "
                 "batch rules compare this shard's files only (see --facts and tmlint merge)\n";

  // The HTML report shows the articles' figures and marks the pairs.
  bool html = format == "html";
  for (const std::string& r : reports) html |= r.rfind("html:", 0) == 0;
  options.keep_articles = html;
  html_options.with_source = !source.empty();

  Severity threshold = options.config.fail_on.value_or(Severity::Error);
  if (!fail_on.empty()) parse_severity(fail_on, threshold);

  ProgressLine progress;
  progress.attach(options, quiet);
  CheckResult result = run_check(options);
  progress.finish();

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
    else if (fmt_name == "html") write_html(report, result, compute_stats(result, !source.empty()), html_options);
    else {
      const char* no_color_env = std::getenv("NO_COLOR");
      TextStyle style{to_terminal && !no_color && !(no_color_env && *no_color_env), quiet};
      write_text(report, result, style);
    }
    return report.str();
  };
  try {
    // A shard's facts for `tmlint merge`, from the temporary file they
    // were handed to, sorted by path.
    if (options.keep_facts) {
      FactsFileHeader header;
      header.shard_index = options.shard_index;
      header.shard_count = options.shard_count;
      header.root = result.root;
      header.fail_on = threshold;
      for (const Diagnostic& d : result.diagnostics) header.failing |= !d.suppressed && d.severity >= threshold;
      header.errors = result.io_errors;
      header.files = result.summary.files;
      header.yaml_pages = result.summary.yaml_pages;
      header.segments = result.summary.segments;
      spool->write(facts_files, header);
      spool.reset();
    }
    // Every --report first, so one run feeds several CI consumers.
    for (const std::string& r : reports) {
      size_t colon = r.find(':');
      std::string fmt_name = r.substr(0, colon), path = colon == std::string::npos ? "" : r.substr(colon + 1);
      if (path.empty() || !(fmt_name == "json" || fmt_name == "junit" || fmt_name == "sarif" ||
                            fmt_name == "github" || fmt_name == "html" || fmt_name == "text")) {
        std::cerr << fmt::format("tmlint: error: --report {}: expected FORMAT:FILE with FORMAT one of json, junit, "
                                 "sarif, github, html, text\n", r);
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
    for (const std::string& f : stale) {
      std::error_code ec;
      if (std::filesystem::is_regular_file(f, ec)) std::filesystem::remove(f, ec);
    }
  } catch (const std::exception& e) {
    std::cerr << "tmlint: error: " << e.what() << "\n";
    return kUsage;
  }

  // The text report's summary has the notes already: on a terminal, once is enough.
  if (!(format == "text" && !statistics && !quiet && output.empty())) print_notes(result);
  if (std::string note = plain_source_note(result.summary); !note.empty() && !quiet)
    std::cerr << "tmlint: note: " << note << "\n";
  for (const auto& e : result.not_followed) std::cerr << "tmlint: warning: " << e << "\n";
  for (const auto& e : result.io_errors) std::cerr << "tmlint: error: " << e << "\n";
  if (!result.io_errors.empty()) return kUsage;
  for (const Diagnostic& d : result.diagnostics)
    if (!d.suppressed && d.severity >= threshold) return kFindings;
  return kClean;
}
