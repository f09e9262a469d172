#include "sources/run_facts.h"

#include <chrono>
#include <cstdlib>

namespace tmlint {

int32_t RunFacts::today_yyyymmdd() {
  using namespace std::chrono;
  sys_seconds now = time_point_cast<seconds>(system_clock::now());
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && end != epoch) now = sys_seconds(seconds(v));
  }
  year_month_day ymd{floor<days>(now)};
  return static_cast<int32_t>(static_cast<int>(ymd.year()) * 10000 + static_cast<unsigned>(ymd.month()) * 100 +
                              static_cast<unsigned>(ymd.day()));
}

}  // namespace tmlint
