#!/usr/bin/env bash
# The whole test suite from a fresh clone: install what is missing, build,
# run every test through ctest; then the same suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer in a second build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"

cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTMLINT_SANITIZE=ON >/dev/null
cmake --build build-asan -j "$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$(nproc)"

# The libFuzzer targets (clang, ASan+UBSan) for a bounded time each, from the
# testdata fixtures and a slice of the corpus; a crash fails CI. Working
# corpora and crash inputs stay under build-fuzz/.
./scripts/fuzz.sh "${TMLINT_FUZZ_SECONDS:-20}"
