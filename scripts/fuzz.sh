#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs them from seeds:
# the testdata fixtures and a slice of the real corpus. A crash leaves its
# input in build-fuzz/crashes/ and fails the script; make that input a
# fixture and a regression test.
#
#   scripts/fuzz.sh [SECONDS]        each target for SECONDS (default 30)
#   scripts/fuzz.sh --wall SECONDS   all of them within SECONDS of wall time
#
# The targets run side by side, TMLINT_FUZZ_JOBS at a time (default: the
# number of cores); with --wall each gets SECONDS x jobs / targets, so the
# cap holds on any machine (scripts/test.sh uses it).
#
# TMLINT_FUZZ_BUILD names another build folder configured with
# -DTMLINT_FUZZ=ON (scripts/test.sh passes its sanitizer build, which has the
# targets already, so CI compiles the library once for both).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(fuzz_loader fuzz_front_matter fuzz_config fuzz_links fuzz_align)
jobs=${TMLINT_FUZZ_JOBS:-$(nproc)}
[ "$jobs" -ge 1 ] || jobs=1
[ "$jobs" -le ${#targets[@]} ] || jobs=${#targets[@]}
if [ "${1:-}" = "--wall" ]; then
  wall=${2:?--wall needs SECONDS}
  rounds=$(( (${#targets[@]} + jobs - 1) / jobs ))
  seconds=$(( wall / rounds ))
  [ "$seconds" -ge 1 ] || seconds=1
else
  seconds=${1:-30}
fi
build=${TMLINT_FUZZ_BUILD:-build-fuzz}
if ! grep -qs '^TMLINT_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTMLINT_FUZZ=ON -DTMLINT_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

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

# One target for $seconds; its log says how it went.
run_target() {
  local target=$1 dir
  case $target in fuzz_config|fuzz_front_matter) dir="$seeds/yaml" ;; *) dir="$seeds/md" ;; esac
  local work="build-fuzz/corpus-$target"
  mkdir -p "$work"
  "$build/fuzz/$target" "$work" "$dir" -max_total_time="$seconds" -max_len=32768 -timeout=5 \
    -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes/ -print_final_stats=1 > "build-fuzz/$target.log" 2>&1
}

echo "fuzz: ${#targets[@]} targets, $jobs at a time, ${seconds}s each"
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true  # statuses are read from the files below
    running=$((running - 1))
  fi
  rm -f "build-fuzz/$target.status"
  ( status=0; run_target "$target" || status=$?; echo "$status" > "build-fuzz/$target.status" ) &
  running=$((running + 1))
done
wait
failed=()
for target in "${targets[@]}"; do
  [ "$(cat "build-fuzz/$target.status" 2>/dev/null)" = 0 ] || failed+=("$target")
done

total=0
for target in "${targets[@]}"; do
  log="build-fuzz/$target.log"
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  echo "fuzz: $target: $runs executions in ${seconds}s"
  total=$((total + runs))
done
for target in "${failed[@]}"; do
  tail -40 "build-fuzz/$target.log"
  echo "fuzz: $target found a crash (build-fuzz/crashes/)" >&2
done
[ ${#failed[@]} -eq 0 ] || exit 1
echo "fuzz: $total executions in all, no crash"
