#include "sources/redirects.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include "testing/test_support.h"

using namespace tmlint;

namespace {

// The fast path (nlohmann-json) and yaml-cpp give the same redirections.
void same_both_ways(const std::string& json) {
  INFO(json.substr(0, 200));
  std::string fast_error, yaml_error;
  Redirects fast = Redirects::parse(json, &fast_error, true);
  Redirects yaml = Redirects::parse(json, &yaml_error, false);
  CHECK(fast.entries() == yaml.entries());
  CHECK(fast_error == yaml_error);
}

}  // namespace

TEST_CASE("redirects: the JSON fast path reads what yaml-cpp reads, on every corpus file") {
  auto corpus = test::shared("corpus");
  if (!corpus) return;
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(*corpus)) {
    if (e.path().filename() != ".openpublishing.redirection.json") continue;
    std::string json = test::read_file(e.path());
    Redirects r = Redirects::parse(json);
    CHECK(r.size() > 0);
    same_both_ways(json);
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("redirects: the JSON fast path reads what yaml-cpp reads, on tricky files") {
  const char* cases[] = {
      R"({"redirections": [{"source_path": "./Docs/A.md", "redirect_url": "/x/a"}, {"source_path": "b.md"}]})",
      R"({"redirections": [{"source_path": "a.md", "redirect_url": "/a", "redirect_document_id": true},
                           {"source_path": "c: d # e.md", "redirect_url": "/c?x=1&y=2#frag"},
                           "not an object", 5, null, {"redirect_url": "/no-source"}]})",
      // Values that are not strings, duplicate keys, escapes, tabs: yaml-cpp decides.
      R"({"redirections": [{"source_path": 12, "redirect_url": "/n"}]})",
      R"({"redirections": [{"source_path": "a.md", "redirect_url": null}]})",
      R"({"redirections": [{"source_path": "a.md", "redirect_url": false}]})",
      R"({"redirections": [{"source_path": "a.md", "source_path": "b.md", "redirect_url": "/d"}]})",
      R"({"redirections": [], "redirections": [{"source_path": "a.md", "redirect_url": "/d"}]})",
      R"({"redirections": [{"source_path": "caf\u00e9.md", "redirect_url": "\/x"}]})",
      "{\"redirections\": [{\"source_path\":\t\"a.md\", \"redirect_url\": \"/t\"}]}",
      "\xEF\xBB\xBF{\"redirections\": [{\"source_path\": \"bom.md\", \"redirect_url\": \"/b\"}]}",
      "{\r\n  \"redirections\": [\r\n    {\"source_path\": \"crlf.md\", \"redirect_url\": \"/c\"}\r\n  ]\r\n}\r\n",
      R"({"redirections": [{"source_path": "日本語/ページ.md", "redirect_url": "/ja"}]})",
      R"({"redirections": {"source_path": "a.md"}})",
      R"({"other": 1})",
      R"([{"source_path": "a.md"}])",
      R"({"redirections": [{"source_path": "a.md", "redirect_url": "/a"},]})",  // invalid JSON
      R"({"redirections": [{"source_path": "a.md", "redirect_url": "/a"}]} trailing)",
      "",
      "{}",
      "null",
  };
  for (const char* c : cases) same_both_ways(c);
}
