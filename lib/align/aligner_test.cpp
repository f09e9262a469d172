// The aligner on small articles: blocks and sentences paired, what has no
// counterpart kept, and the cuts the pipeline makes (headings, cells, link
// texts).
#include "align/aligner.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace tmlint;

namespace {

struct Result {
  std::vector<std::pair<std::string, std::string>> pairs;  // target, source
  std::vector<std::string> missing, extra;
  Alignment raw;
};

Result align(const std::string& target, const std::string& source) {
  MdDocument t = read_markdown(target), s = read_markdown(source);
  BlockAlignOptions o;
  o.locale = "ja-JP";
  Result r;
  r.raw = align_documents(target, t, source, s, o);
  for (const AlignedPair& p : r.raw.pairs)
    r.pairs.emplace_back(std::string(aligned_view(target, p.target)), std::string(aligned_view(source, p.source)));
  for (const Unpaired& u : r.raw.missing) r.missing.emplace_back(aligned_view(source, u.text));
  for (const Unpaired& u : r.raw.extra) r.extra.emplace_back(aligned_view(target, u.text));
  return r;
}

using P = std::pair<std::string, std::string>;

}  // namespace

TEST_CASE("aligner: headings, sentences, list items, cells and link-wrapped items pair as the pipeline cuts them") {
  std::string en =
      "# Install the tool\n\nRun the installer. Then restart.\n\n- [Read the docs](docs.md)\n- Second item\n\n"
      "| Name | Value |\n|---|---|\n| Size | 10 MB |\n";
  std::string ja =
      "# <a name=\"install-the-tool\"></a>ツールをインストールする\n\nインストーラーを実行します。 次に、再起動します。\n\n"
      "- [ドキュメントを読む](docs.md)\n- 2 番目の項目\n\n| 名前 | 値 |\n|---|---|\n| サイズ | 10 MB |\n";
  Result r = align(ja, en);
  CHECK(r.pairs == std::vector<P>{{"ツールをインストールする", "Install the tool"},
                                  {"インストーラーを実行します。", "Run the installer."},
                                  {"次に、再起動します。", "Then restart."},
                                  {"ドキュメントを読む", "Read the docs"},
                                  {"2 番目の項目", "Second item"},
                                  {"名前", "Name"},
                                  {"値", "Value"},
                                  {"サイズ", "Size"},
                                  {"10 MB", "10 MB"}});
  CHECK(r.missing.empty());
  CHECK(r.extra.empty());
  CHECK(r.raw.pairs[3].link == "docs.md");
  for (const AlignedPair& p : r.raw.pairs) CHECK((p.confidence > 0.3f && p.confidence <= 1.0f));
}

TEST_CASE("aligner: code blocks anchor the blocks and are never pairs; a dropped paragraph is missing") {
  std::string en =
      "# Title\n\nFirst paragraph.\n\n```\ncode();\n```\n\nSet `alpha` to 1 and restart the service.\n\n"
      "Set `beta` to 2.\n";
  std::string ja = "# タイトル\n\n最初の段落。\n\n```\ncode();\n```\n\n`beta` を 2 に設定します。\n";
  Result r = align(ja, en);
  CHECK(r.pairs.size() == 3);
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0] == "Set `alpha` to 1 and restart the service.");
  CHECK(r.extra.empty());
}

TEST_CASE("aligner: a paragraph left in English pairs with its source; an added one is extra") {
  std::string en = "# Title\n\nThis paragraph was never translated into Japanese at all.\n\nRun `done` at the end.\n";
  std::string ja =
      "# タイトル\n\nThis paragraph was never translated into Japanese at all.\n\n"
      "追加された段落です。管理者に問い合わせてください。\n\n最後に `done` を実行します。\n";
  Result r = align(ja, en);
  CHECK(std::find(r.pairs.begin(), r.pairs.end(),
                  P{"This paragraph was never translated into Japanese at all.",
                    "This paragraph was never translated into Japanese at all."}) != r.pairs.end());
  REQUIRE(r.extra.size() == 1);
  CHECK(r.extra[0] == "追加された段落です。管理者に問い合わせてください。");
}

TEST_CASE("aligner: a sentence the translation dropped is missing, the others pair") {
  // Other paragraphs tell how long a translation is.
  std::string en, ja;
  for (int i = 0; i < 6; ++i) {
    en += "Open the settings page of the portal and choose the account you want to use.\n\n";
    ja += "ポータルの設定ページを開き、使用するアカウントを選択します。\n\n";
  }
  en += "Run the installer. Then restart the computer and wait until all of the updates have been installed and the "
        "computer has started again. Sign in.\n";
  ja += "インストーラーを実行します。 サインインします。\n";
  Result r = align(ja, en);
  CHECK(r.pairs.size() == 8);
  REQUIRE(r.missing.size() == 1);
  CHECK(r.missing[0].rfind("Then restart", 0) == 0);
}

TEST_CASE("aligner: stays linear on a long article (banded)") {
  std::string en, ja;
  for (int i = 0; i < 4000; ++i) {
    en += "## Heading " + std::to_string(i) + "\n\nSentence number " + std::to_string(i) + " here. And more.\n\n";
    ja += "## 見出し " + std::to_string(i) + "\n\n文 " + std::to_string(i) + " です。 さらに。\n\n";
  }
  Result r = align(ja, en);
  CHECK(r.pairs.size() == 12000);
  CHECK(r.missing.empty());
}
