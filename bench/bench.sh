#!/usr/bin/env bash
# Benchmark (not a test): times `tmlint check` and `tmlint align` on the real corpora against
# `cat` of the same files, in one run, so the figures say how close tmlint is
# to being bound by reading the files. Uses hyperfine (Debian package
# `hyperfine`) when installed, otherwise a median of N runs measured here.
#
#   bench/bench.sh [BUILD_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-21}
tmlint="$build/cli/tmlint"
corpus=${TMLINT_SHARED_DIR:-../shared}/corpus
[ -x "$tmlint" ] || { echo "build tmlint first: cmake --build $build" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }

echo "machine: $(nproc) cores, $(uname -m); tmlint $("$tmlint" --version | awk '{print $2}')"
for tree in partner-center-pr.ja-jp nuget.ja-jp; do
  dir="$corpus/$tree"
  list=$(mktemp)
  find "$dir" -name '*.md' -type f | sort > "$list"
  bytes=$(xargs -a "$list" cat | wc -c)
  echo "== $tree: $(wc -l < "$list") files, $bytes bytes"
  cat_cmd="xargs -a $list cat > /dev/null"
  check_cmd="$tmlint check --format json --output /dev/null $dir"
  check1_cmd="$tmlint check --jobs 1 --format json --output /dev/null $dir"
  align_cmd="$tmlint align -q --output /dev/null $dir"
  align_tags_cmd="$tmlint align -q --inline tags --output /dev/null $dir"
  if command -v hyperfine > /dev/null; then
    hyperfine -N -i --warmup 3 --runs "$runs" --style basic \
      "sh -c '$cat_cmd'" "$check_cmd" "$check1_cmd" "$align_cmd" "$align_tags_cmd" 2>&1 | grep -E 'Time|±|Benchmark'
  else
    for cmd in "$cat_cmd" "$check_cmd || true" "$check1_cmd || true" "$align_cmd" "$align_tags_cmd"; do
      times=()
      for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        sh -c "$cmd" > /dev/null 2>&1
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
      done
      median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
      printf '  median %8.1f ms  %s\n' "$(echo "$median / 1000" | bc -l)" "$cmd"
    done
  fi
  rm -f "$list"
done

# The pre-commit shape: one article, alone and with --context (the whole tree
# loaded for the batch rules).
one="$corpus/partner-center-pr.ja-jp/partner-center/unable-to-sign-in.md"
echo "== one file: $one"
if command -v hyperfine > /dev/null; then
  hyperfine -N -i --warmup 3 --runs "$runs" --style basic "$tmlint check $one" "$tmlint check --context $one" 2>&1 |
    grep -E 'Time|Benchmark'
fi
