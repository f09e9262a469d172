#!/usr/bin/env bash
# Benchmark (not a test) of sharding without --context (issue 16): checks a
# tree once, then as N shards that write their facts beside their reports,
# merges them, and prints each run's peak RSS (/usr/bin/time -v) and wall
# time, the facts files' sizes, and whether the merged JSON and JUnit are the
# unsharded run's bytes. With COPIES=C the tree is C identical copies side
# by side (hard links, as bench/copies.sh --identical builds them); CHECK_ARGS
# adds options to every check (such as "--ignore duplicate-segment-id").
#
#   bench/shards.sh [TREE] [N]        default: partner-center-pr.ja-jp 4
#
# Issue 16's target: no shard's peak RSS above 40% of the unsharded run's.
# docs/performance.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
tmlint=${TMLINT:-build/cli/tmlint}
corpus=${TMLINT_SHARED_DIR:-../shared}/corpus
tree=${1:-partner-center-pr.ja-jp}
shards=${2:-4}
copies=${COPIES:-1}
jobs=${JOBS:-2}
read -r -a extra <<< "${CHECK_ARGS:-}"
[ -x "$tmlint" ] || { echo "build tmlint first" >&2; exit 2; }
[ -d "$corpus/$tree" ] || { echo "no corpus at $corpus/$tree" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
batch="$corpus/$tree"
if [ "$copies" -gt 1 ]; then
  batch="$work/batch"
  mkdir -p "$batch"
  for i in $(seq 1 "$copies"); do cp -al "$corpus/$tree" "$batch/copy-$i"; done
fi
find "$batch" -type f -print0 | xargs -0 cat > /dev/null  # warm the page cache

# Runs tmlint under /usr/bin/time; prints "peak_MB wall_s exit".
measure() {
  local status=0
  /usr/bin/time -f '%M %e' -o "$work/time" "$tmlint" "$@" > /dev/null 2> "$work/err" || status=$?
  read -r rss_kb wall < <(tail -n 1 "$work/time")
  printf '%.1f %s %d\n' "$(echo "$rss_kb / 1024" | bc -l)" "$wall" "$status"
}

echo "machine: $(nproc) cores; tmlint $("$tmlint" --version | awk '{print $2}'); tree $tree x $copies; $shards shards; --jobs $jobs ${CHECK_ARGS:-}"
one=$(find "$batch" -name '*.md' -print -quit)
read -r base_mb base_s _ < <(measure check -q -j "$jobs" --format json "$one")
echo "one file (the floor: program and libraries): $base_mb MB"
read -r all_mb all_s all_rc < <(measure check -q -j "$jobs" "${extra[@]}" --report "json:$work/all.json" --report "junit:$work/all.xml" "$batch")
printf '%-10s %9s %7s %5s %10s\n' run peak_MB wall_s exit facts_MB
printf '%-10s %9s %7s %5s %10s\n' unsharded "$all_mb" "$all_s" "$all_rc" -
worst=0
for k in $(seq 1 "$shards"); do
  read -r mb s rc < <(measure check -q -j "$jobs" "${extra[@]}" --shard "$k/$shards" --report "json:$work/s$k.json" --report "junit:$work/s$k.xml" "$batch")
  facts=$(stat -c %s "$work/s$k.json.facts")
  printf '%-10s %9s %7s %5s %10.1f\n' "shard $k" "$mb" "$s" "$rc" "$(echo "$facts / 1048576" | bc -l)"
  worst=$(echo "if ($mb > $worst) $mb else $worst" | bc -l)
done
read -r m_mb m_s m_rc < <(measure merge -o "$work/merged.json" $(for k in $(seq 1 "$shards"); do echo "$work/s$k.json"; done))
printf '%-10s %9s %7s %5s %10s\n' merge "$m_mb" "$m_s" "$m_rc" -
"$tmlint" merge -o "$work/merged.xml" $(for k in $(seq 1 "$shards"); do echo "$work/s$k.xml"; done) || true
same=yes
cmp -s "$work/merged.json" "$work/all.json" || same=no
cmp -s "$work/merged.xml" "$work/all.xml" || same=no
printf 'largest shard / unsharded: %.0f%%; above the floor: %.0f%%; merged JSON and JUnit identical: %s\n' \
  "$(echo "100 * $worst / $all_mb" | bc -l)" "$(echo "100 * ($worst - $base_mb) / ($all_mb - $base_mb)" | bc -l)" "$same"
