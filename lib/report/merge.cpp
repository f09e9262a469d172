#include "report/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "engine/rule.h"
#include "engine/run_check.h"
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

bool merge_json(const std::vector<Json>& docs, std::string& out, std::string& error) {
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
  std::sort(merged.diagnostics.begin(), merged.diagnostics.end());
  // Every shard that loaded the whole batch (--context) notes the same.
  std::sort(s.notes.begin(), s.notes.end());
  s.notes.erase(std::unique(s.notes.begin(), s.notes.end()), s.notes.end());
  std::ostringstream os;
  write_json(os, merged);
  out = os.str();
  return true;
}

// Results sort as the engine sorts findings: path, line, column, rule, message.
auto result_key(const Json& r) {
  const Json& loc = r["locations"][0]["physicalLocation"];
  return std::make_tuple(loc["artifactLocation"].value("uri", ""), loc["region"].value("startLine", 0),
                         loc["region"].value("startColumn", 0), r.value("ruleId", ""),
                         r["message"].value("text", ""));
}

bool merge_sarif(std::vector<Json>& docs, std::string& out, std::string& error) {
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

bool merge_junit(std::vector<pugi::xml_document>& docs, std::string& out, std::string& error) {
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
  root.append_attribute("tests") = std::to_string(tests).c_str();
  root.append_attribute("failures") = std::to_string(failures).c_str();
  root.append_attribute("errors") = std::to_string(errors).c_str();
  std::ostringstream os;
  merged.save(os, "  ", pugi::format_default | pugi::format_no_declaration, pugi::encoding_utf8);
  out = os.str();
  return true;
}

}  // namespace

bool merge_reports(const std::vector<ReportInput>& inputs, std::string& out, ReportKind& kind, std::string& error) {
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
  try {
    switch (kind) {
      case ReportKind::Json: return merge_json(json, out, error);
      case ReportKind::Sarif: return merge_sarif(json, out, error);
      case ReportKind::Junit: return merge_junit(xml, out, error);
    }
  } catch (const nlohmann::json::exception& e) {
    error = fmt::format("a report does not have the expected shape: {}", e.what());
    return false;
  }
  return false;
}

}  // namespace tmlint
