#!/usr/bin/env bash
# Benchmark (not a test) of how `tmlint check` scales with the batch (issue 16):
# N copies of a corpus side by side, checked in one run; prints per N the wall
# time, the time per article, the peak RSS and `cat` of the same files.
#
#   bench/copies.sh [--identical] [TREE] [N...]   default: partner-center-pr.ja-jp 1 8 32
#
# By default each copy is made a batch of distinct articles, as a large real
# repository is: copy i rewrites every segment id's 5-hex file prefix
# (`data-ttu-id="86258-103"`) and every `ms.locfileid`, so no two copies share
# an identity. Identical copies (--identical, hard links) are a different
# workload: every segment id is then a cross-file duplicate N times over, and
# the run is dominated by writing those findings (66 MB of JSON for 8 copies),
# not by the batch's size.
#
# Time per article within 1.2x of the one-copy figure and peak RSS of 8 copies at
# most 3x that of one are issue 16's targets; docs/performance.md keeps the figures.
# TMLINT_ARGS adds options to every check (such as --ignore duplicate-segment-id).
set -euo pipefail
cd "$(dirname "$0")/.."
tmlint=${TMLINT:-build/cli/tmlint}
corpus=${TMLINT_SHARED_DIR:-../shared}/corpus
identical=0
if [ "${1:-}" = --identical ]; then identical=1; shift; fi
tree=${1:-partner-center-pr.ja-jp}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 8 32)
[ -x "$tmlint" ] || { echo "build tmlint first" >&2; exit 2; }
[ -d "$corpus/$tree" ] || { echo "no corpus at $corpus/$tree" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2206
extra=(${TMLINT_ARGS:-})

# Copy i of the tree, with identities of its own: the 5-hex prefix of every
# segment id XORed with i (the same for both spans of a segment, so pairs and
# the id's file prefix stay consistent), and ms.locfileid prefixed with i.
make_copy() {
  local i=$1 dest=$2
  if [ "$identical" = 1 ] || [ "$i" = 1 ]; then cp -al "$corpus/$tree" "$dest"; return; fi
  cp -r "$corpus/$tree" "$dest"
  find "$dest" -name '*.md' -type f -print0 | xargs -0 perl -pi -e '
    s/(data-[ts]tu-id=")([0-9a-f]{5})-/sprintf("%s%05x-", $1, hex($2) ^ '"$i"')/ge;
    s/^(ms\.locfileid:\s*"?)(\S)/${1}'"$i"'$2/;'
}

echo "machine: $(nproc) cores; tmlint $("$tmlint" --version | awk '{print $2}'); tree $tree; $([ "$identical" = 1 ] && echo identical || echo distinct) copies; ${extra[*]:-}"
printf '%6s %9s %9s %11s %11s %9s\n' copies articles wall_s ms/article peak_MB cat_s
for n in "${counts[@]}"; do
  batch="$work/batch-$n"
  mkdir -p "$batch"
  for i in $(seq 1 "$n"); do make_copy "$i" "$batch/copy-$i"; done
  articles=$(find "$batch" -name '*.md' | wc -l)
  find "$batch" -type f -print0 | xargs -0 cat > /dev/null  # warm the page cache
  start=$(date +%s%N)
  find "$batch" -type f -print0 | xargs -0 cat > /dev/null
  cat_ns=$(( $(date +%s%N) - start ))
  /usr/bin/time -f '%e %M' -o "$work/time" "$tmlint" check -q "${extra[@]}" --format json --output /dev/null "$batch" || true
  read -r wall rss_kb < <(tail -n 1 "$work/time")
  printf '%6d %9d %9.2f %11.3f %11.0f %9.2f\n' "$n" "$articles" "$wall" \
    "$(echo "$wall * 1000 / $articles" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$cat_ns / 1000000000" | bc -l)"
  rm -rf "$batch"
done
