#!/usr/bin/env bash
# Benchmark (not a test): the pre-commit run on Partner Center ja-JP with the
# facts cache (docs/cache.md), against the one-file check it is bounded by
# (issue 16: a warm --context run at most 3x the one-file check), in
# instructions (valgrind --tool=callgrind, steady on a shared machine) and
# wall time (hyperfine -N). The cache is a temporary folder.
#
#   bench/precommit.sh [BUILD_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
tmlint=$(realpath "${1:-build}/cli/tmlint")
runs=${2:-20}
tree=${TMLINT_SHARED_DIR:-../shared}/corpus/partner-center-pr.ja-jp
file=partner-center/unable-to-sign-in.md
[ -x "$tmlint" ] || { echo "build tmlint first" >&2; exit 2; }
[ -d "$tree" ] || { echo "no corpus at $tree" >&2; exit 2; }
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
cd "$tree"

instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
one=$(instructions "$tmlint" check --no-cache "$file")
plain=$(instructions "$tmlint" check --no-cache --context "$file")
cold=$(instructions "$tmlint" check --cache-dir "$cache" --context "$file")
warm=$(instructions "$tmlint" check --cache-dir "$cache" --context "$file")
ratio() { awk -v a="$1" -v b="$one" 'BEGIN { printf "%.1f", a / b }'; }
echo "instructions: one file $one; --context without cache $plain ($(ratio "$plain")x);" \
     "cold $cold ($(ratio "$cold")x); warm $warm ($(ratio "$warm")x)"
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --style basic \
    "$tmlint check --no-cache $file" \
    "$tmlint check --cache-dir $cache --context $file" \
    "$tmlint check --no-cache --context $file"
fi
