#!/usr/bin/env bash
# Quick start: install what is missing, build tmlint, and check the bundled
# sample batch (a few real Partner Center ja-JP articles with defects added).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target tmlint
set +e
./build/cli/tmlint check testdata/sample/ja-jp "$@"
status=$?
echo "(exit code $status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error)"
exit 0
