#pragma once
// One finding as a JUnit <failure>: shared by the reporter and `tmlint
// merge`, which adds the batch rules' findings to the shards' testcases and
// must write the bytes the reporter writes.
#include <pugixml.hpp>

#include "model/diagnostic.h"

namespace tmlint {

void append_junit_failure(pugi::xml_node testcase, const Diagnostic& d);

}  // namespace tmlint
