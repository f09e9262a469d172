#!/usr/bin/env bash
# The long fuzzing run behind the figures in docs/reliability.md: the four
# targets side by side, each for SECONDS, at the lowest priority (the
# machine is shared), from the seeds scripts/fuzz.sh prepares. Run
# scripts/fuzz.sh first (it builds the targets and the seeds). Crash inputs
# go to build-fuzz/crashes-long/; the totals are printed at the end.
#
#   scripts/fuzz_long.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
mkdir -p build-fuzz/crashes-long
pids=()
for target in fuzz_loader fuzz_front_matter fuzz_config fuzz_links; do
  case $target in fuzz_config|fuzz_front_matter) dir=build-fuzz/seeds/yaml ;; *) dir=build-fuzz/seeds/md ;; esac
  work="build-fuzz/long-corpus-$target"
  mkdir -p "$work"
  nice -n 19 "${TMLINT_FUZZ_BUILD:-build-fuzz}/fuzz/$target" "$work" "$dir" -max_total_time="$seconds" -max_len=32768 -timeout=5 \
    -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crashes-long/ -print_final_stats=1 \
    > "build-fuzz/long-$target.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
total=0
for target in fuzz_loader fuzz_front_matter fuzz_config fuzz_links; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/long-$target.log" | grep -o '[0-9]*$' || echo 0)
  echo "fuzz-long: $target: $runs executions"
  total=$((total + runs))
done
echo "fuzz-long: $total executions in all; exit status $status"
exit $status
