#pragma once
// What the context hands rules from outside the article they check: the
// locale, the source tree and its history, the file indexes of both trees,
// the redirections, the glossary and the reference translation memory. The
// engine builds these once per batch root (engine/gather_run_facts.cpp) and
// does all the I/O; rules only ask.
#include <cstdint>
#include <string>

namespace tmlint {

class SourceTree;     // sources/source_tree.h
class TreeIndex;      // sources/tree_index.h
class Redirects;      // sources/redirects.h
class SourceHistory;  // sources/source_history.h
struct Glossary;      // sources/glossary.h
class ReferenceTm;    // sources/reference_tm.h

// Everything a rule may know about the run, besides the article it checks.
struct RunFacts {
  std::string locale;                 // --locale, or empty
  const SourceTree* source = nullptr; // --source, or null
  // Every file under the batch root and under --source (null when not
  // walked), and the docset's redirections: what link rules check against.
  const TreeIndex* batch_files = nullptr;
  const TreeIndex* source_files = nullptr;
  const Redirects* redirects = nullptr;
  // The git history of --source when it is in a repository, else null.
  const SourceHistory* history = nullptr;
  // `terms:` and `do-not-translate:` of the configuration; never null in a
  // run (empty when the file has none).
  const Glossary* glossary = nullptr;
  // The reference translation memory of --tm, else null.
  const ReferenceTm* tm = nullptr;
  // Today as YYYYMMDD (UTC), for dates "in the future". SOURCE_DATE_EPOCH
  // pins it, so runs and tests are reproducible.
  int32_t today = today_yyyymmdd();

  static int32_t today_yyyymmdd();
};

}  // namespace tmlint
