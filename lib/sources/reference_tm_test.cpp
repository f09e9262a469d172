// The reference memory of --tm: TMX parsed with pugixml, inline codes
// flattened, languages matched loosely, malformed files refused with a line.
#include "sources/reference_tm.h"

#include <catch2/catch.hpp>

using namespace tmlint;

TEST_CASE("reference TM: parses units, flattens inline codes, matches languages") {
  std::string error;
  auto tm = ReferenceTm::parse(R"(<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en-US" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
<body>
  <tu><tuv xml:lang="ja-JP"><seg>先</seg></tuv><tuv xml:lang="en-US"><seg>Source &amp; <bpt i="1" x="1">[</bpt>link<ept i="1">](a.md)</ept> <ph x="2">`code`</ph></seg></tuv></tu>
  <tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="de-DE"><seg>Hallo</seg></tuv><tuv xml:lang="ja"><seg>こんにちは</seg></tuv></tu>
  <tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="ja-JP"><seg>やあ</seg></tuv></tu>
  <tu><tuv xml:lang="en-US"><seg>Lonely</seg></tuv></tu>
</body></tmx>)",
                               error);
  REQUIRE(tm);
  CHECK(tm->source_lang() == "en-US");
  CHECK(tm->units() == 3);  // the unit without a translation holds nothing
  auto t = tm->targets("Source & [link](a.md) `code`", "ja-JP");
  REQUIRE(t.size() == 1);
  CHECK(t[0] == "先");
  auto hello = tm->targets("Hello", "ja-jp");
  CHECK(hello.size() == 2);  // "ja" and "ja-JP" both match ja-jp
  CHECK(tm->targets("Hello", "de").size() == 1);
  CHECK(tm->targets("Hello", "fr-FR").empty());
  CHECK(tm->targets("hello", "ja-JP").empty());  // exact match only
}

TEST_CASE("reference TM: malformed or foreign XML is an error with a line") {
  std::string error;
  CHECK_FALSE(ReferenceTm::parse("<tmx>\n<body>\n<tu></body>", error));
  CHECK(error.find("line 3") != std::string::npos);
  CHECK_FALSE(ReferenceTm::parse("<xliff/>", error));
  CHECK(error.find("not a TMX document") != std::string::npos);
  CHECK_FALSE(ReferenceTm::parse("", error));
}

TEST_CASE("reference TM: language tags") {
  CHECK(same_language("ja-JP", "JA-jp"));
  CHECK(same_language("ja", "ja-JP"));
  CHECK(same_language("zh-Hans", "zh"));
  CHECK_FALSE(same_language("zh-Hans", "zh-Hant"));
  CHECK_FALSE(same_language("pt-BR", "pt-PT"));
  CHECK_FALSE(same_language("en", "ja"));
}
