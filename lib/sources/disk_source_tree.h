#pragma once
// The SourceTree of `--source DIR`: the source files on disk, read only
// when they resolve inside DIR, so a rule's question can never read
// outside the tree it was given.
#include <memory>
#include <string>

#include "sources/source_tree.h"

namespace tmlint {

std::unique_ptr<SourceTree> open_disk_source_tree(std::string root);

}  // namespace tmlint
