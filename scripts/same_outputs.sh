#!/usr/bin/env bash
# For a change that must not change behaviour (a refactor, a speed-up): runs
# two tmlint binaries over the shared corpora with the reporters, --context,
# --shard, --source, align and stats, and says whether every output and the
# standard error are byte-identical.
#
#   scripts/same_outputs.sh OLD_TMLINT NEW_TMLINT [SHARED_DIR]
#
# Keep a copy of the old binary first (cp build/cli/tmlint /tmp/tmlint-old).
# Exit 0 when identical, 1 when not (the differing files are listed), 2 on
# usage errors.
set -uo pipefail
[ $# -ge 2 ] || { sed -n 2,12p "$0" >&2; exit 2; }
old=$1 new=$2
corpus=${3:-${TMLINT_SHARED_DIR:-$(dirname "$0")/../../shared}}/corpus
[ -x "$old" ] && [ -x "$new" ] || { echo "same_outputs: both binaries must be executable" >&2; exit 2; }
[ -d "$corpus" ] || { echo "same_outputs: no corpus at $corpus" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Dates in findings ("in the future") depend on today: pin it.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764633600}

snapshot() {
  local t=$1 o=$2 pc=$corpus/partner-center-pr.ja-jp nu=$corpus/nuget.ja-jp
  mkdir -p "$o"
  {
    "$t" check --format json --output "$o/pc.json" "$pc"; echo "pc $?"
    "$t" check --format json --output "$o/nuget.json" "$nu"; echo "nuget $?"
    "$t" check --format json --source "$corpus/nuget.en-us" --output "$o/nuget-source.json" "$nu"; echo "nuget-source $?"
    "$t" check --format sarif --output "$o/pc.sarif" "$pc"; echo "sarif $?"
    "$t" check --format junit --output "$o/pc.junit.xml" "$pc"; echo "junit $?"
    "$t" check --format html --output "$o/pc.html" "$pc"; echo "html $?"
    for tree in partner-center-pr.zh-cn partner-center-pr.fr-fr hard-cases; do
      "$t" check --format json --output "$o/$tree.json" "$corpus/$tree"; echo "$tree $?"
    done
    "$t" check --format json --context --output "$o/context.json" "$pc/partner-center/unable-to-sign-in.md"; echo "context $?"
    "$t" check --format json --shard 1/4 --context --output "$o/shard.json" "$pc"; echo "shard $?"
    "$t" align -q --output "$o/pc.tmx" "$pc"; echo "align $?"
    "$t" align -q --inline tags --source "$corpus/nuget.en-us" --output "$o/nuget.xlf" "$nu"; echo "align-xliff $?"
    "$t" stats --format json "$nu" > "$o/stats.json"; echo "stats $?"
  } > "$o/exit-codes.txt" 2> "$o/stderr.txt"
}

snapshot "$old" "$out/old"
snapshot "$new" "$out/new"
if diff -rq "$out/old" "$out/new"; then
  echo "same_outputs: $(ls "$out/new" | wc -l) outputs byte-identical (exit codes and stderr included)"
  exit 0
fi
exit 1
