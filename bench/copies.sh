#!/usr/bin/env bash
# Benchmark (not a test) of how `tmlint check` scales with the batch (issue 16):
# N copies of a corpus side by side (hard links, so building them is cheap and
# the page cache holds one copy of the bytes), checked in one run; prints per N
# the wall time, the time per article, the peak RSS and `cat` of the same files.
#
#   bench/copies.sh [TREE] [N...]        default: partner-center-pr.ja-jp 1 8 32
#
# Time per article within 1.2x of the one-copy figure and peak RSS of 8 copies at
# most 3x that of one are issue 16's targets; docs/performance.md keeps the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
tmlint=${TMLINT:-build/cli/tmlint}
corpus=${TMLINT_SHARED_DIR:-../shared}/corpus
tree=${1:-partner-center-pr.ja-jp}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 8 32)
[ -x "$tmlint" ] || { echo "build tmlint first" >&2; exit 2; }
[ -d "$corpus/$tree" ] || { echo "no corpus at $corpus/$tree" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores; tmlint $("$tmlint" --version | awk '{print $2}'); tree $tree"
printf '%6s %9s %9s %11s %11s %9s\n' copies articles wall_s ms/article peak_MB cat_s
for n in "${counts[@]}"; do
  batch="$work/batch-$n"
  mkdir -p "$batch"
  for i in $(seq 1 "$n"); do cp -al "$corpus/$tree" "$batch/copy-$i"; done
  articles=$(find "$batch" -name '*.md' | wc -l)
  find "$batch" -type f | xargs cat > /dev/null  # warm the page cache
  start=$(date +%s%N)
  find "$batch" -type f -print0 | xargs -0 cat > /dev/null
  cat_ns=$(( $(date +%s%N) - start ))
  /usr/bin/time -f '%e %M' -o "$work/time" "$tmlint" check -q --format json --output /dev/null "$batch" || true
  read -r wall rss_kb < <(tail -n 1 "$work/time")
  printf '%6d %9d %9.2f %11.3f %11.0f %9.2f\n' "$n" "$articles" "$wall" \
    "$(echo "$wall * 1000 / $articles" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$cat_ns / 1000000000" | bc -l)"
  rm -rf "$batch"
done
