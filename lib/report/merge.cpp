#include "report/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "base/text_escape.h"
#include "engine/rule.h"
#include "engine/run_check.h"
#include "report/junit_failure.h"
#include "report/reporters.h"

namespace tmlint {
namespace {

using Json = nlohmann::ordered_json;

bool detect(const ReportInput& in, ReportKind& kind, Json& json, pugi::xml_document& xml, std::string& error) {
  size_t first = in.bytes.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && in.bytes[first] == '<') {
    pugi::xml_parse_result r = xml.load_buffer(in.bytes.data(), in.bytes.size());
    if (!r || !xml.child("testsuites")) {
      error = fmt::format("{}: not a JUnit report ({})", in.path, r ? "no <testsuites>" : r.description());
      return false;
    }
    kind = ReportKind::Junit;
    return true;
  }
  json = Json::parse(in.bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    error = fmt::format("{}: neither JSON nor JUnit XML", in.path);
    return false;
  }
  if (json.contains("runs") && json["runs"].is_array() && json["runs"].size() == 1) {
    kind = ReportKind::Sarif;
    return true;
  }
  if (json.value("tool", "") == "tmlint" && json.contains("diagnostics") && json.contains("summary")) {
    kind = ReportKind::Json;
    return true;
  }
  error = fmt::format("{}: not a tmlint JSON report nor a one-run SARIF log", in.path);
  return false;
}

bool merge_json(const std::vector<Json>& docs, const CheckResult* batch, std::string& out, std::string& error) {
  CheckResult merged;
  std::deque<std::string> unknown_ids;  // rule ids this build does not register
  Summary& s = merged.summary;
  for (const Json& doc : docs) {
    const Json& sum = doc["summary"];
    auto add = [&](const char* key, size_t& into) { into += sum.value(key, size_t{0}); };
    add("files", s.files);
    add("segments", s.segments);
    add("errors", s.errors);
    add("warnings", s.warnings);
    add("infos", s.infos);
    add("suppressed", s.suppressed);
    add("baselined", s.baselined);
    add("unknown_staleness", s.unknown_staleness);
    add("yaml_pages", s.yaml_pages);
    if (sum.contains("notes"))
      for (const Json& n : sum["notes"]) s.notes.push_back({n.value("rule", ""), n.value("message", "")});
    for (const Json& j : doc["diagnostics"]) {
      Diagnostic d;
      d.path = j.value("path", "");
      d.location.line = j.value("line", 0u);
      d.location.column = j.value("column", 0u);
      std::string rule = j.value("rule", "");
      if (const Rule* r = find_rule(rule)) d.rule = r->info.id;
      else d.rule = unknown_ids.emplace_back(rule);
      if (!parse_severity(j.value("severity", ""), d.severity)) {
        error = fmt::format("unknown severity '{}'", j.value("severity", ""));
        return false;
      }
      if (j.contains("segment") && j["segment"].is_string()) d.segment = j["segment"].get<std::string>();
      d.message = j.value("message", "");
      merged.diagnostics.push_back(std::move(d));
    }
  }
  if (batch) {
    // Suppressed ones are only counted: write_json leaves them out.
    s.errors += batch->summary.errors;
    s.warnings += batch->summary.warnings;
    s.infos += batch->summary.infos;
    s.suppressed += batch->summary.suppressed;
    for (const RunNote& n : batch->summary.notes) s.notes.push_back(n);
    for (const Diagnostic& d : batch->diagnostics) merged.diagnostics.push_back(d);
  }
  std::sort(merged.diagnostics.begin(), merged.diagnostics.end());
  // Every shard that loaded the whole batch (--context) notes the same.
  std::sort(s.notes.begin(), s.notes.end());
  s.notes.erase(std::unique(s.notes.begin(), s.notes.end()), s.notes.end());
  std::ostringstream os;
  write_json(os, merged);
  out = os.str();
  return true;
}

// Results sort as the engine sorts findings: path, line, column, rule,
// message, segment.
auto result_key(const Json& r) {
  const Json& loc = r["locations"][0]["physicalLocation"];
  return std::make_tuple(loc["artifactLocation"].value("uri", ""), loc["region"].value("startLine", 0),
                         loc["region"].value("startColumn", 0), r.value("ruleId", ""),
                         r["message"].value("text", ""), r.value("properties", Json::object()).value("segment", ""));
}

bool merge_sarif(std::vector<Json>& docs, const CheckResult* batch, std::string& out, std::string& error) {
  if (batch) {
    // The batch findings as the reporter writes them, merged as one more
    // log (its batch root is the shards').
    CheckResult copy;
    copy.root = batch->root;
    copy.diagnostics = batch->diagnostics;
    copy.summary.notes = batch->summary.notes;
    std::ostringstream os;
    write_sarif(os, copy);
    Json extra = Json::parse(os.str());
    extra["runs"][0]["originalUriBaseIds"] = docs.front()["runs"][0].value("originalUriBaseIds", Json::object());
    docs.push_back(std::move(extra));
  }
  Json base = docs.front();
  Json& run = base["runs"][0];
  std::map<std::string, Json> rules;
  std::vector<Json> results;
  std::vector<Json> notifications;  // each once, in their order of first appearance
  for (Json& doc : docs) {
    Json& r = doc["runs"][0];
    if (r.value("originalUriBaseIds", Json::object()) != run.value("originalUriBaseIds", Json::object())) {
      error = "the SARIF logs have different batch roots (originalUriBaseIds); merge shards of one batch";
      return false;
    }
    for (Json& rule : r["tool"]["driver"]["rules"]) rules.emplace(rule.value("id", ""), rule);
    for (Json& res : r["results"]) results.push_back(std::move(res));
    if (r.contains("invocations"))
      for (Json& inv : r["invocations"])
        for (Json& n : inv.value("toolExecutionNotifications", Json::array()))
          if (std::find(notifications.begin(), notifications.end(), n) == notifications.end())
            notifications.push_back(std::move(n));
  }
  std::stable_sort(results.begin(), results.end(),
                   [](const Json& a, const Json& b) { return result_key(a) < result_key(b); });
  Json rule_list = Json::array();
  std::map<std::string, size_t> index;
  for (auto& [id, rule] : rules) {
    index[id] = rule_list.size();
    rule_list.push_back(rule);
  }
  for (Json& res : results)
    if (auto it = index.find(res.value("ruleId", "")); it != index.end()) res["ruleIndex"] = it->second;
  run["tool"]["driver"]["rules"] = std::move(rule_list);
  run["results"] = std::move(results);
  if (!notifications.empty()) {
    std::sort(notifications.begin(), notifications.end(), [](const Json& a, const Json& b) {
      // As the engine sorts its notes: rule, then message.
      auto key = [](const Json& n) {
        return std::make_pair(n.value("associatedRule", Json::object()).value("id", ""), n["message"].value("text", ""));
      };
      return key(a) < key(b);
    });
    run["invocations"] = Json::array({{{"executionSuccessful", true}, {"toolExecutionNotifications", notifications}}});
  } else {
    run.erase("invocations");
  }
  out = base.dump(2) + "\n";
  return true;
}

// A <failure>'s place among its testcase's: the engine's order of
// findings, read back from what append_junit_failure wrote ("path:line:
// column: message", then the segment), the path and rule being the
// testcase's.
auto failure_key(const pugi::xml_node& failure, std::string_view path) {
  std::string_view text = failure.text().get();
  unsigned long line = 0, column = 0;
  if (text.substr(0, path.size()) == path && text.size() > path.size() && text[path.size()] == ':') {
    const char* p = text.data() + path.size() + 1;
    const char* end = text.data() + text.size();
    auto [after_line, e1] = std::from_chars(p, end, line);
    if (e1 == std::errc() && after_line < end && *after_line == ':') std::from_chars(after_line + 1, end, column);
  }
  return std::make_tuple(line, column, std::string_view(failure.attribute("message").value()), text);
}

// The batch findings into the merged JUnit: each into its (file, rule)
// testcase, which the shard wrote without failures or with its own rule's
// per-article ones; counts updated. A finding in a file or rule without a
// testcase is left out, as the reporter leaves it out.
void add_junit_findings(pugi::xml_node root, const CheckResult& batch, unsigned long long& failures) {
  std::map<std::string, pugi::xml_node, std::less<>> suites;
  for (pugi::xml_node suite : root.children("testsuite")) suites.emplace(suite.attribute("name").value(), suite);
  std::map<std::pair<std::string, std::string_view>, std::vector<const Diagnostic*>> found;
  for (const Diagnostic& d : batch.diagnostics)
    if (!d.suppressed) found[{xml_safe(d.path), d.rule}].push_back(&d);
  for (const auto& [key, diags] : found) {
    auto suite = suites.find(key.first);
    if (suite == suites.end()) continue;
    pugi::xml_node tc = suite->second.find_child_by_attribute("testcase", "name", std::string(key.second).c_str());
    if (!tc) continue;
    const bool had_failures = static_cast<bool>(tc.child("failure"));
    for (const Diagnostic* d : diags) append_junit_failure(tc, *d);
    // Back in the engine's order among the shard's own failures.
    std::vector<pugi::xml_node> all(tc.children("failure").begin(), tc.children("failure").end());
    // A named copy: clang 14 cannot capture a structured binding in a lambda.
    const std::string& path = key.first;
    std::stable_sort(all.begin(), all.end(), [&](const pugi::xml_node& a, const pugi::xml_node& b) {
      return failure_key(a, path) < failure_key(b, path);
    });
    for (const pugi::xml_node& f : all) tc.append_move(f);
    if (!had_failures) {
      pugi::xml_attribute count = suite->second.attribute("failures");
      count.set_value(std::to_string(count.as_ullong() + 1).c_str());
      ++failures;
    }
  }
}

bool merge_junit(std::vector<pugi::xml_document>& docs, const CheckResult* batch, std::string& out,
                 std::string& error) {
  std::vector<pugi::xml_node> suites;
  std::set<std::string> names;
  for (auto& doc : docs)
    for (pugi::xml_node suite : doc.child("testsuites").children("testsuite")) {
      if (!names.insert(suite.attribute("name").value()).second) {
        error = fmt::format("{} is in two of the reports: were two shards given twice?", suite.attribute("name").value());
        return false;
      }
      suites.push_back(suite);
    }
  std::stable_sort(suites.begin(), suites.end(), [](const pugi::xml_node& a, const pugi::xml_node& b) {
    return std::string_view(a.attribute("name").value()) < std::string_view(b.attribute("name").value());
  });
  // The same shape and the same save flags as write_junit.
  pugi::xml_document merged;
  auto decl = merged.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto root = merged.append_child("testsuites");
  root.append_attribute("name") = docs.front().child("testsuites").attribute("name").value();
  unsigned long long tests = 0, failures = 0, errors = 0;
  for (const pugi::xml_node& suite : suites) {
    root.append_copy(suite);
    tests += suite.attribute("tests").as_ullong();
    failures += suite.attribute("failures").as_ullong();
    errors += suite.attribute("errors").as_ullong();
  }
  if (batch) add_junit_findings(root, *batch, failures);
  root.append_attribute("tests") = std::to_string(tests).c_str();
  root.append_attribute("failures") = std::to_string(failures).c_str();
  root.append_attribute("errors") = std::to_string(errors).c_str();
  std::ostringstream os;
  merged.save(os, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
  out = os.str();
  return true;
}

// The articles a report checked (Markdown and YAML pages), where its format
// says: -1 for SARIF, which lists findings only.
long long report_files(ReportKind kind, const Json& json, const pugi::xml_document& xml) {
  if (kind == ReportKind::Json)
    return json["summary"].value("files", 0LL) + json["summary"].value("yaml_pages", 0LL);
  if (kind == ReportKind::Junit) {
    long long n = 0;
    for ([[maybe_unused]] pugi::xml_node s : xml.child("testsuites").children("testsuite")) ++n;
    return n;
  }
  return -1;
}

// The reports must be the shards whose facts were read: a report and facts
// of different runs would merge into a report of neither.
bool match_facts(const std::vector<ReportInput>& inputs, ReportKind kind, const std::vector<Json>& json,
                 const std::vector<pugi::xml_document>& xml, const ShardFacts& facts, std::string& error) {
  if (inputs.size() != facts.headers.size()) {
    error = fmt::format("{} report{} but {} facts file{}: give one report per shard, with its facts file",
                        inputs.size(), inputs.size() == 1 ? "" : "s", facts.headers.size(),
                        facts.headers.size() == 1 ? "" : "s");
    return false;
  }
  if (kind == ReportKind::Sarif) return true;
  long long reported = 0, in_facts = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const long long files = report_files(kind, json[i], xml[i]);
    const FactsFileHeader& h = facts.headers[i];
    const long long facts_files = static_cast<long long>(h.files + h.yaml_pages);
    if (facts.paired && files != facts_files) {
      error = fmt::format("{} checked {} files, its facts file {} {} (shard {}/{}): the report and the facts file "
                          "are of different runs",
                          inputs[i].path, files, facts.paths[i], facts_files, h.shard_index + 1, h.shard_count);
      return false;
    }
    reported += files;
    in_facts += facts_files;
  }
  if (reported != in_facts) {
    error = fmt::format("the reports checked {} files, the facts files {}: reports and facts of different runs",
                        reported, in_facts);
    return false;
  }
  return true;
}

}  // namespace

bool run_shard_facts(const std::vector<ReportInput>& files, ShardFacts& out, std::string& error) {
  if (files.empty()) {
    error = "no facts file";
    return false;
  }
  std::vector<ArticleFacts> all;
  std::vector<size_t> owner;  // all[i] came from files[owner[i]]
  for (size_t i = 0; i < files.size(); ++i) {
    FactsFile f;
    try {
      f = decode_facts_file(files[i].bytes);
    } catch (const BadFacts& e) {
      error = fmt::format("{}: {}", files[i].path, e.what());
      return false;
    }
    out.paths.push_back(files[i].path);
    out.headers.push_back(std::move(f.header));
    for (ArticleFacts& a : f.articles) {
      all.push_back(std::move(a));
      owner.push_back(i);
    }
  }
  // The N shards of one run, each once.
  const std::vector<FactsFileHeader>& h = out.headers;
  const uint32_t n = h.front().shard_count;
  std::vector<size_t> shard_file(n, SIZE_MAX);
  for (size_t i = 0; i < h.size(); ++i) {
    if (h[i].shard_count != n) {
      error = fmt::format("{} is shard {}/{}, {} shard {}/{}: merge the shards of one run", files[0].path,
                          h[0].shard_index + 1, n, files[i].path, h[i].shard_index + 1, h[i].shard_count);
      return false;
    }
    if (h[i].fail_on != h[0].fail_on) {
      error = fmt::format("{} ran with --fail-on {}, {} with {}: the shards of one run have one configuration",
                          files[0].path, severity_name(h[0].fail_on), files[i].path, severity_name(h[i].fail_on));
      return false;
    }
    if (size_t& first = shard_file[h[i].shard_index]; first != SIZE_MAX) {
      error = fmt::format("{} and {} are both shard {}/{}: a shard given twice?", files[first].path, files[i].path,
                          h[i].shard_index + 1, n);
      return false;
    } else {
      first = i;
    }
  }
  std::string missing;
  for (uint32_t k = 0; k < n; ++k)
    if (shard_file[k] == SIZE_MAX) missing += fmt::format("{}{}/{}", missing.empty() ? "" : ", ", k + 1, n);
  if (!missing.empty()) {
    error = fmt::format("no facts file of shard{} {}: the batch rules need every shard's facts",
                        missing.find(',') == std::string::npos ? "" : "s", missing);
    return false;
  }
  // In the order one run's batch phase sees them: by path.
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return all[a].path < all[b].path; });
  std::vector<const ArticleFacts*> facts;
  facts.reserve(order.size());
  for (size_t j = 0; j < order.size(); ++j) {
    if (j && all[order[j]].path == all[order[j - 1]].path) {
      error = fmt::format("{} is in two shards ({}, {}): facts of different runs or splits?", all[order[j]].path,
                          files[owner[order[j - 1]]].path, files[owner[order[j]]].path);
      return false;
    }
    facts.push_back(&all[order[j]]);
  }
  BatchFindings found = run_batch_rules(facts, false);
  CheckResult& batch = out.batch;
  batch.root = h.front().root;
  batch.diagnostics = std::move(found.diagnostics);
  std::sort(batch.diagnostics.begin(), batch.diagnostics.end());
  const Severity fail_on = h.front().fail_on;
  for (const Diagnostic& d : batch.diagnostics) {
    if (d.suppressed) ++batch.summary.suppressed;
    else if (d.severity == Severity::Error) ++batch.summary.errors;
    else if (d.severity == Severity::Warning) ++batch.summary.warnings;
    else ++batch.summary.infos;
    out.failing |= !d.suppressed && d.severity >= fail_on;
  }
  batch.summary.notes = std::move(found.notes);
  std::sort(batch.summary.notes.begin(), batch.summary.notes.end());
  batch.summary.notes.erase(std::unique(batch.summary.notes.begin(), batch.summary.notes.end()),
                            batch.summary.notes.end());
  for (const FactsFileHeader& f : h) {
    out.failing |= f.failing;
    out.errors.insert(out.errors.end(), f.errors.begin(), f.errors.end());
  }
  out.errors.insert(out.errors.end(), found.errors.begin(), found.errors.end());
  std::sort(out.errors.begin(), out.errors.end());
  return true;
}

bool merge_reports(const std::vector<ReportInput>& inputs, const ShardFacts* facts, std::string& out,
                   ReportKind& kind, std::string& error) {
  if (inputs.empty()) {
    error = "no report to merge";
    return false;
  }
  std::vector<Json> json(inputs.size());
  std::vector<pugi::xml_document> xml(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    ReportKind k;
    if (!detect(inputs[i], k, json[i], xml[i], error)) return false;
    if (i == 0) kind = k;
    else if (k != kind) {
      error = fmt::format("{}: another format than {}: merge reports of one format", inputs[i].path, inputs[0].path);
      return false;
    }
  }
  const CheckResult* batch = facts ? &facts->batch : nullptr;
  try {
    if (facts && !match_facts(inputs, kind, json, xml, *facts, error)) return false;
    switch (kind) {
      case ReportKind::Json: return merge_json(json, batch, out, error);
      case ReportKind::Sarif: return merge_sarif(json, batch, out, error);
      case ReportKind::Junit: return merge_junit(xml, batch, out, error);
    }
  } catch (const nlohmann::json::exception& e) {
    error = fmt::format("a report does not have the expected shape: {}", e.what());
    return false;
  }
  return false;
}

}  // namespace tmlint
