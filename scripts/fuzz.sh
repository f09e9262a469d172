#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for
# SECONDS seconds (default 30) from seeds: the testdata fixtures and a slice
# of the real corpus. A crash leaves its input in build-fuzz/crashes/ and
# fails the script; make that input a fixture and a regression test.
#
#   scripts/fuzz.sh [SECONDS]
#
# TMLINT_FUZZ_BUILD names another build folder configured with
# -DTMLINT_FUZZ=ON (scripts/test.sh passes its sanitizer build, which has the
# targets already, so CI compiles the library once for both).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
build=${TMLINT_FUZZ_BUILD:-build-fuzz}
if ! grep -qs '^TMLINT_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTMLINT_FUZZ=ON -DTMLINT_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target fuzz_loader fuzz_front_matter fuzz_config fuzz_links fuzz_align

seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds/md" "$seeds/yaml" build-fuzz/crashes
find testdata -name '*.md' -size -64k -exec cp --backup=numbered {} "$seeds/md/" \;
corpus=${TMLINT_SHARED_DIR:-../shared}/corpus
if [ -d "$corpus" ]; then
  find "$corpus" -name '*.md' -size -32k | sort | awk 'NR % 20 == 0' | while read -r f; do cp --backup=numbered "$f" "$seeds/md/"; done
fi
printf 'rules:\n  missing-target: warning\noverrides:\n  - files: ["**/a/*.md"]\n    rules: {links: off}\n' > "$seeds/yaml/config.yaml"
printf 'title: t\nms.locfileid: "1"\nf1_keywords:\n- NU1001\n' > "$seeds/yaml/front.yaml"

total=0
for target in fuzz_loader fuzz_front_matter fuzz_config fuzz_links fuzz_align; do
  case $target in fuzz_config|fuzz_front_matter) dir="$seeds/yaml" ;; *) dir="$seeds/md" ;; esac
  work="build-fuzz/corpus-$target"
  mkdir -p "$work"
  log="build-fuzz/$target.log"
  if ! "$build/fuzz/$target" "$work" "$dir" -max_total_time="$seconds" -max_len=32768 -timeout=5 \
       -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $target found a crash (build-fuzz/crashes/)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  echo "fuzz: $target: $runs executions in ${seconds}s, no crash"
  total=$((total + runs))
done
echo "fuzz: $total executions in all"
