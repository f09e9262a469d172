#include "report/stats_reporters.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/text_escape.h"
#include "model/line_index.h"

namespace tmlint {
namespace {

std::string percent(const ArticleStats& a) { return fmt::format("{:.1f}%", 100.0 * a.untranslated_share()); }

std::string_view or_dash(std::string_view s) { return s.empty() ? "-" : s; }

void csv_cell(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out.push_back(c);
  }
  out += '"';
}

}  // namespace

void write_stats_text(std::ostream& out, const BatchStats& stats) {
  size_t w = 5;
  for (const auto& a : stats.articles) w = std::max<size_t>(w, count_code_points(a.path));
  std::string buf = fmt::format("{:<{}}  {:>8}  {:>8}  {:>10}  {:<4}  {:<10}  {:>7}  {:<7}  {:>8}\n", "path", w,
                                "segments", "words", "characters", "type", "handoff", "untrans", "stale", "findings");
  auto row = [&](std::string_view path, const ArticleStats& a, std::string_view type, std::string_view handoff,
                 std::string_view stale) {
    size_t pad = w - std::min<size_t>(w, count_code_points(path));  // columns by code point, not byte
    buf += fmt::format("{}{:{}}  {:>8}  {:>8}  {:>10}  {:<4}  {:<10}  {:>7}  {:<7}  {:>8}\n", path, "", pad,
                       a.segments, a.source_words, a.target_characters, type, handoff, percent(a), stale,
                       a.errors + a.warnings + a.infos);
  };
  for (const auto& a : stats.articles)
    row(a.path, a, or_dash(a.translation_type), or_dash(a.handoff), staleness_name(a.staleness));
  row("TOTAL", stats.total, "", "", "");
  buf += fmt::format("{} article{}: {} MT, {} HT; {} stale, {} fresh, {} unknown\n", stats.articles.size(),
                     stats.articles.size() == 1 ? "" : "s", stats.mt_articles, stats.ht_articles, stats.stale_articles,
                     stats.fresh_articles, stats.unknown_staleness);
  out << buf;
}

void write_stats_json(std::ostream& out, const BatchStats& stats) {
  std::string buf;
  auto str = [&buf](std::string_view s) {
    buf += '"';
    json_escape(buf, s);
    buf += '"';
  };
  auto figures = [&](const ArticleStats& a) {
    buf += fmt::format("\"segments\": {}, \"source_words\": {}, \"target_characters\": {}, \"untranslated\": {}, "
                       "\"untranslated_share\": {:.4f}, \"errors\": {}, \"warnings\": {}, \"infos\": {}",
                       a.segments, a.source_words, a.target_characters, a.untranslated, a.untranslated_share(),
                       a.errors, a.warnings, a.infos);
  };
  buf += "{\"tool\": \"tmlint\", \"version\": \"" TMLINT_VERSION "\",\n \"total\": {\"articles\": ";
  buf += fmt::format("{}, \"mt_articles\": {}, \"ht_articles\": {}, \"stale_articles\": {}, \"fresh_articles\": {}, "
                     "\"unknown_staleness\": {}, ",
                     stats.articles.size(), stats.mt_articles, stats.ht_articles, stats.stale_articles,
                     stats.fresh_articles, stats.unknown_staleness);
  figures(stats.total);
  buf += "},\n \"articles\": [";
  for (size_t i = 0; i < stats.articles.size(); ++i) {
    const ArticleStats& a = stats.articles[i];
    buf += i ? ",\n  {\"path\": " : "\n  {\"path\": ";
    str(a.path);
    buf += ", \"locale\": ";
    str(a.locale);
    buf += ", \"translation_type\": ";
    str(a.translation_type);
    buf += ", \"handoff\": ";
    str(a.handoff);
    buf += fmt::format(", \"staleness\": \"{}\", ", staleness_name(a.staleness));
    figures(a);
    buf += "}";
  }
  buf += stats.articles.empty() ? "]}\n" : "\n ]}\n";
  out << buf;
}

void write_stats_csv(std::ostream& out, const BatchStats& stats) {
  std::string buf =
      "path,locale,translation_type,handoff,staleness,segments,source_words,target_characters,untranslated,"
      "untranslated_share,errors,warnings,infos\r\n";
  auto row = [&](std::string_view path, const ArticleStats& a, std::string_view staleness) {
    csv_cell(buf, path);
    for (std::string_view s : {std::string_view(a.locale), std::string_view(a.translation_type),
                               std::string_view(a.handoff), staleness}) {
      buf += ',';
      csv_cell(buf, s);
    }
    buf += fmt::format(",{},{},{},{},{:.4f},{},{},{}\r\n", a.segments, a.source_words, a.target_characters,
                       a.untranslated, a.untranslated_share(), a.errors, a.warnings, a.infos);
  };
  for (const auto& a : stats.articles) row(a.path, a, staleness_name(a.staleness));
  row("TOTAL", stats.total, "");
  out << buf;
}

}  // namespace tmlint
