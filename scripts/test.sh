#!/usr/bin/env bash
# The whole test suite from a fresh clone: install what is missing, build,
# run every test through ctest; then the same suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer in a second build folder,
# compiled by clang with libFuzzer's instrumentation too, so the same
# folder holds the fuzz targets that run last.
#
# Without ../shared (the real-data corpus, schemas and seed) the tests that
# need it are reported as Skipped by ctest and listed at the end; with
# TMLINT_REQUIRE_SHARED=1 (.ci/run) they fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
shared=${TMLINT_SHARED_DIR:-../shared}

# Lists what did not run for lack of the shared data (ctest says "Skipped").
say_skipped() {
  if [ ! -d "$shared" ] && [ "${TMLINT_REQUIRE_SHARED:-}" != 1 ]; then
    echo "test.sh: no shared data at $shared: the tests listed above as (Skipped) need it and did not run" >&2
  fi
}

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
say_skipped

# -O1 as ASan advises: the suite runs three times faster than at -O0.
cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" \
  -DTMLINT_SANITIZE=ON -DTMLINT_FUZZ=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
say_skipped

# The libFuzzer targets (clang, ASan+UBSan) side by side on every core, all
# of them within a wall-time budget (TMLINT_FUZZ_WALL seconds, default 40:
# 20 s per target on 2 cores), from the testdata fixtures and a slice of the
# corpus; a crash fails CI. TMLINT_FUZZ_SECONDS gives each target that long
# instead. Working corpora and crash inputs stay under build-fuzz/.
if [ -n "${TMLINT_FUZZ_SECONDS:-}" ]; then
  TMLINT_FUZZ_BUILD=build-asan ./scripts/fuzz.sh "$TMLINT_FUZZ_SECONDS"
else
  TMLINT_FUZZ_BUILD=build-asan ./scripts/fuzz.sh --wall "${TMLINT_FUZZ_WALL:-40}"
fi
