// The English cuts as the pipeline made them (measured on the sxs trees),
// and the target's cut candidates.
#include "align/sentences.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tmlint;

namespace {

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  uint32_t b = 0;
  for (uint32_t c : english_sentence_cuts(s)) {
    std::string part(s.substr(b, c - b));
    while (!part.empty() && part.back() == ' ') part.pop_back();
    out.push_back(part);
    b = c;
  }
  out.emplace_back(s.substr(b));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("english sentences: after . ? ! and white space, before any word") {
  CHECK(split("Run it. Then stop.") == V{"Run it.", "Then stop."});
  CHECK(split("Is it? Yes! Done.") == V{"Is it?", "Yes!", "Done."});
  CHECK(split("Requires nuget.exe 4.6.0 or later. dotnet.exe support is coming.") ==
        V{"Requires nuget.exe 4.6.0 or later.", "dotnet.exe support is coming."});
  CHECK(split("It failed. - [#352](https://github.com/NuGet/Home/issues/352)") ==
        V{"It failed.", "- [#352](https://github.com/NuGet/Home/issues/352)"});
  // After code, emphasis and links the period still ends the sentence.
  CHECK(split("Use `netcoreapp2.0`. The tools handle it.") == V{"Use `netcoreapp2.0`.", "The tools handle it."});
  CHECK(split("**PCLs are not recommended**. Use netstandard.") == V{"**PCLs are not recommended**.", "Use netstandard."});
  CHECK(split("See [the page](a.md). Then go on.") == V{"See [the page](a.md).", "Then go on."});
  CHECK(split("Select **Properties.** In the page, choose it.") == V{"Select **Properties.**", "In the page, choose it."});
}

TEST_CASE("english sentences: what the pipeline does not cut") {
  CHECK(split("Sign in as Global admin. The page opens.").size() == 1);      // abbreviation list
  CHECK(split("Open the **Installed** tab. Packages appear.").size() == 1);
  CHECK(split("Packages at [nuget.org](https://www.nuget.org). These are used.").size() == 1);
  CHECK(split("Use a version, e.g. 1.0. Or not.").size() == 2);               // e.g. holds, 1.0. ends
  CHECK(split("Subject to U.S. export laws.").size() == 1);
  CHECK(split("Company A and Company B. How can they merge?").size() == 1);  // an initial
  CHECK(split("1. Join the network").size() == 1);                           // an enumerator
  CHECK(split("It is removed from the list.) NuGet then restores.").size() == 1);
  CHECK(split("*NuGet 2.x only. Not available in NuGet 3.0+.*").size() == 1);  // inside emphasis
  CHECK(split("`a. B` and `c`").size() == 1);                                 // inside code
  CHECK(split("Select **Can't access your account?** and go on.").size() == 1);  // ? before lower case
  CHECK(split("Loading... Please wait").size() == 1);                          // ellipsis
  CHECK(split("Done.\xE2\x80\xAF Next").size() == 1);                          // no-break space
}

TEST_CASE("target cut candidates: an ideographic full stop and a space cost nothing, a plain space costs") {
  std::string ja = "インストールします。 次に再起動します。";
  auto c = target_cut_candidates(ja, "ja-JP");
  REQUIRE(!c.empty());
  CHECK(c[0].cost == 0.0f);
  CHECK(ja.substr(c[0].at).rfind("次に", 0) == 0);
  std::string spaced = "NuGet パッケージ を使います";
  for (const CutCandidate& k : target_cut_candidates(spaced, "ja-JP")) CHECK(k.cost >= 3.0f);
  // Never inside code or a URL.
  std::string code = "`a. b` と [x](https://a.b/c.d) の <a href=\"x. y\">リンク</a>";
  for (const CutCandidate& k : target_cut_candidates(code, "ja-JP")) CHECK(code.substr(k.end - 1, 1) != ".");
}
