#!/usr/bin/env bash
# Quick start: install what is missing, build tmlint, and check the bundled
# sample batch (a few real Partner Center ja-JP articles with defects added).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target tmlint
set +e
./build/cli/tmlint check testdata/sample/ja-jp --report html:build/sample-report.html "$@"
status=$?
echo "(exit code $status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error)"
echo
./build/cli/tmlint stats testdata/sample/ja-jp
./build/cli/tmlint align testdata/sample/ja-jp --inline tags -o build/sample.tmx
echo
echo "HTML report: build/sample-report.html   translation memory: build/sample.tmx"
exit 0
