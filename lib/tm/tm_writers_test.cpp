// The export formats, read back with a real XML parser (pugixml) and checked
// field by field: TMX header and units, XLIFF files and units, JSON Lines
// and TSV rows; hostile bytes keep the XML well-formed.
#include "tm/tm_writers.h"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "testing/test_support.h"

using namespace tmlint;
using tmlint::test::sxs_pair;
using tmlint::test::TempDir;

namespace {

struct Batch {
  TempDir dir;
  CheckResult run;
  std::vector<TmPair> pairs;
  AlignSummary summary;
};

std::unique_ptr<Batch> batch(const std::map<std::string, std::string>& files, bool dedupe = false) {
  auto b = std::make_unique<Batch>();
  for (const auto& [rel, text] : files) b->dir.write("ja/" + rel, text);
  CheckOptions o;
  o.paths = {(b->dir.path / "ja").string()};
  o.keep_articles = true;
  o.select = alignment_rules(false);
  b->run = run_check(o);
  AlignOptions a;
  a.dedupe = dedupe;
  b->pairs = align_pairs(b->run, a, "", b->summary);
  return b;
}

const char* kFront =
    "---\nms.sourcegitcommit: 7a6836bd962d5b426a8cb34a9132a87cbbbf39f7\nms.translationtype: MT\n"
    "ms.contentlocale: ja-JP\nms.lasthandoff: 05/13/2021\nms.locfileid: \"109855541\"\n---\n";

std::string render(TmFormat f, const std::vector<TmPair>& pairs, bool tags = false, TmWriteStats* stats_out = nullptr) {
  TmWriteOptions o;
  o.inline_tags = tags;
  std::string out, error;
  TmWriteStats stats;
  REQUIRE(write_tm(f, pairs, o, out, stats, error));
  if (stats_out) *stats_out = stats;
  return out;
}

std::string seg_text(const pugi::xml_node& seg) {
  std::string out;
  for (pugi::xml_node n : seg.children()) {
    if (n.type() == pugi::node_pcdata) out += n.value();
    else out += n.child_value();
  }
  return out;
}

}  // namespace

TEST_CASE("TMX: header, one unit per pair, languages, date, properties") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("87557-104", "パスワード & <b>x</b>", "Password & <b>x</b>") +
                               "\n\n" + sxs_pair("87557-105", "Same text stays in English for a while.",
                                                 "Same text stays in English for a while.") + "\n"}});
  std::string xml = render(TmFormat::Tmx, b->pairs);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  auto header = doc.child("tmx").child("header");
  for (const char* a : {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"})
    CHECK(!std::string(header.attribute(a).value()).empty());
  CHECK(std::string(header.attribute("srclang").value()) == "en-US");
  CHECK(std::string(header.attribute("segtype").value()) == "sentence");
  auto tu = doc.child("tmx").child("body").child("tu");
  CHECK(std::string(tu.attribute("tuid").value()) == "87557-104");
  CHECK(std::string(tu.attribute("creationdate").value()) == "20210513T000000Z");
  std::map<std::string, std::string> props;
  for (auto p : tu.children("prop")) props[p.attribute("type").value()] = p.child_value();
  CHECK(props["x-path"] == "a.md");
  CHECK(props["x-locfileid"] == "109855541");
  CHECK(props["x-sourcegitcommit"] == "7a6836bd962d5b426a8cb34a9132a87cbbbf39f7");
  CHECK(props["x-translationtype"] == "MT");
  CHECK(props.count("x-state") == 0);
  auto src = tu.child("tuv"), tgt = src.next_sibling("tuv");
  CHECK(std::string(src.attribute("xml:lang").value()) == "en-US");
  CHECK(std::string(tgt.attribute("xml:lang").value()) == "ja-JP");
  CHECK(std::string(src.child("seg").child_value()) == "Password & <b>x</b>");
  CHECK(std::string(tgt.child("seg").child_value()) == "パスワード & <b>x</b>");
  auto second = tu.next_sibling("tu");
  CHECK(std::string(second.find_child_by_attribute("prop", "type", "x-state").child_value()) == "untranslated");
}

TEST_CASE("TMX: --inline tags protects codes and keeps the text recoverable") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "<b>[設定](s.md)</b> で `x` を使う",
                                                          "Use `x` in <b>[Settings](s.md)</b>") + "\n"}});
  std::string xml = render(TmFormat::Tmx, b->pairs, true);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  auto tu = doc.child("tmx").child("body").child("tu");
  auto src = tu.child("tuv").child("seg"), tgt = tu.child("tuv").next_sibling("tuv").child("seg");
  CHECK(seg_text(src) == "Use `x` in <b>[Settings](s.md)</b>");
  CHECK(seg_text(tgt) == "<b>[設定](s.md)</b> で `x` を使う");
  // The code span has the same x on both sides.
  CHECK(std::string(src.child("ph").attribute("x").value()) == std::string(tgt.child("ph").attribute("x").value()));
  CHECK(std::string(src.child("ph").child_value()) == "`x`");
  // Each bpt has its ept with the same i.
  for (auto seg : {src, tgt}) {
    int bpts = 0, epts = 0;
    for (auto n : seg.children("bpt")) {
      ++bpts;
      CHECK(seg.find_child_by_attribute("ept", "i", n.attribute("i").value()));
    }
    for (auto n : seg.children("ept")) (void)n, ++epts;
    CHECK(bpts == 2);
    CHECK(epts == 2);
  }
}

TEST_CASE("TMX: forbidden characters replaced and counted, CR kept, --dedupe as usagecount") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "制御\x01文字", "Control\x01 \xff char") + "\n\n" +
                               sxs_pair("aaaaa-102", "はい", "Yes") + "\n\n" + sxs_pair("aaaaa-103", "はい", "Yes") + "\n"}},
                 true);
  TmWriteStats stats;
  std::string xml = render(TmFormat::Tmx, b->pairs, false, &stats);
  CHECK(stats.replaced_characters == 3);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  auto second = doc.child("tmx").child("body").child("tu").next_sibling("tu");
  CHECK(std::string(second.attribute("usagecount").value()) == "2");
}

TEST_CASE("XLIFF: one file per article, one unit per pair, state, notes") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "はい", "Yes") + "\n\n" +
                               sxs_pair("aaaaa-101", "二度目", "Twice the same id here") + "\n"},
                  {"b.md", std::string(kFront) + sxs_pair("bbbbb-101", "", "Nothing translated here at all.") + "\n"}});
  std::string xml = render(TmFormat::Xliff, b->pairs);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  auto root = doc.child("xliff");
  CHECK(std::string(root.attribute("version").value()) == "2.1");
  CHECK(std::string(root.attribute("trgLang").value()) == "ja-JP");
  auto f1 = root.child("file"), f2 = f1.next_sibling("file");
  CHECK(std::string(f1.attribute("original").value()) == "a.md");
  CHECK(std::string(f2.attribute("original").value()) == "b.md");
  CHECK(std::string(f1.child("notes").find_child_by_attribute("note", "category", "ms.locfileid").child_value()) ==
        "109855541");
  auto u1 = f1.child("unit"), u2 = u1.next_sibling("unit");
  CHECK(std::string(u1.attribute("id").value()) == "aaaaa-101");
  CHECK(std::string(u2.attribute("id").value()) == "aaaaa-101_2");  // unique within the file
  CHECK(std::string(u1.child("segment").attribute("state").value()) == "translated");
  CHECK(std::string(f2.child("unit").child("segment").attribute("state").value()) == "initial");
}

TEST_CASE("XLIFF: --inline tags protects codes as ph, sc and ec with originalData, text recoverable") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "<b>[設定](s.md)</b> で `x` を使う **y",
                                                          "Use `x` in <b>[Settings](s.md)</b> y") + "\n"}});
  std::string xml = render(TmFormat::Xliff, b->pairs, true);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(xml.c_str()));
  auto unit = doc.child("xliff").child("file").child("unit");
  REQUIRE(unit);
  // originalData comes before the segment (the schema's order).
  REQUIRE(unit.child("originalData"));
  CHECK(std::string(unit.child("originalData").next_sibling().name()) == "segment");
  std::map<std::string, std::string> data;
  for (auto d : unit.child("originalData").children("data")) data[d.attribute("id").value()] = d.child_value();
  // Each code replaced by its data gives the Markdown back, byte for byte.
  auto flatten = [&](const pugi::xml_node& side) {
    std::string out;
    for (pugi::xml_node n : side.children()) {
      if (n.type() == pugi::node_pcdata) {
        out += n.value();
        continue;
      }
      std::string ref = n.attribute("dataRef").value();
      REQUIRE(data.count(ref));
      out += data[ref];
    }
    return out;
  };
  auto src = unit.child("segment").child("source"), tgt = unit.child("segment").child("target");
  CHECK(flatten(src) == "Use `x` in <b>[Settings](s.md)</b> y");
  CHECK(flatten(tgt) == "<b>[設定](s.md)</b> で `x` を使う **y");
  // The code span is one <ph>, with the same id on both sides.
  CHECK(std::string(src.child("ph").attribute("id").value()) == std::string(tgt.child("ph").attribute("id").value()));
  CHECK(data[src.child("ph").attribute("dataRef").value()] == "`x`");
  // Every <ec> names an <sc> of its own side; the stray "**" of the target is isolated.
  for (auto side : {src, tgt}) {
    int paired = 0;
    for (auto ec : side.children("ec")) {
      if (ec.attribute("isolated")) continue;
      ++paired;
      CHECK(side.find_child_by_attribute("sc", "id", ec.attribute("startRef").value()));
    }
    CHECK(paired == 2);  // <b> and the link
  }
  CHECK(tgt.find_child_by_attribute("sc", "isolated", "yes"));
  CHECK_FALSE(src.find_child_by_attribute("sc", "isolated", "yes"));
  // Without --inline tags, plain text and no originalData.
  std::string plain = render(TmFormat::Xliff, b->pairs, false);
  CHECK(plain.find("<originalData>") == std::string::npos);
  CHECK(plain.find("Use `x` in &lt;b&gt;") != std::string::npos);
}

TEST_CASE("XLIFF: a batch of two target languages is refused, not mixed") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "はい", "Yes") + "\n"},
                  {"b.md", "---\nms.contentlocale: de-DE\n---\n" + sxs_pair("bbbbb-101", "Ja", "Yes") + "\n"}});
  std::string out, error;
  TmWriteStats stats;
  CHECK_FALSE(write_tm(TmFormat::Xliff, b->pairs, {}, out, stats, error));
  CHECK(error.find("de-DE") != std::string::npos);
  CHECK(write_tm(TmFormat::Tmx, b->pairs, {}, out, stats, error));
}

TEST_CASE("JSON Lines and TSV: one row per pair, text recoverable") {
  auto b = batch({{"a.md", std::string(kFront) + sxs_pair("aaaaa-101", "タブ\tと\"引用\"", "Tab\tand \"quote\"\\") + "\n"}});
  std::string jsonl = render(TmFormat::Jsonl, b->pairs);
  CHECK(jsonl ==
        "{\"path\":\"a.md\",\"line\":8,\"id\":\"aaaaa-101\",\"source_lang\":\"en-US\",\"target_lang\":\"ja-JP\","
        "\"source\":\"Tab\\tand \\\"quote\\\"\\\\\",\"target\":\"タブ\\tと\\\"引用\\\"\",\"state\":\"translated\","
        "\"stale\":false,\"count\":1,\"locfileid\":\"109855541\",\"sourcegitcommit\":"
        "\"7a6836bd962d5b426a8cb34a9132a87cbbbf39f7\",\"translationtype\":\"MT\",\"lasthandoff\":\"05/13/2021\"}\n");
  std::string tsv = render(TmFormat::Tsv, b->pairs);
  CHECK(tsv == "path\tline\tid\tsource_lang\ttarget_lang\tsource\ttarget\tstate\tstale\tcount\n"
               "a.md\t8\taaaaa-101\ten-US\tja-JP\tTab\\tand \"quote\"\\\\\tタブ\\tと\"引用\"\ttranslated\t\t1\n");
}

TEST_CASE("formats by name and by extension, TMX dates") {
  TmFormat f;
  CHECK((parse_tm_format("xlf", f) && f == TmFormat::Xliff));
  CHECK_FALSE(parse_tm_format("po", f));
  CHECK((tm_format_from_path("out/x.jsonl", f) && f == TmFormat::Jsonl));
  CHECK((tm_format_from_path("x.xliff", f) && f == TmFormat::Xliff));
  CHECK_FALSE(tm_format_from_path("dir.tsv/out", f));
  CHECK(tmx_date("07/11/2021") == "20210711T000000Z");
  CHECK(tmx_date("7/11/2021").empty());
  CHECK(tmx_date("13/01/2021").empty());
  CHECK(tmx_date("").empty());
}
