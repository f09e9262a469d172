#!/usr/bin/env bash
# Side-by-side counts of tmlint's segment QA rules and translate-toolkit's nearest pofilter
# checks, on identical segments (docs/rules.md, "Segment QA against pofilter").
#
#   bench/pofilter_compare.sh [CORPUS_DIR...]   (default: the two ja-JP corpora)
#
# Each tree is exported with scripts/segments_to_po.py (one PO unit per segment: msgid the
# source, msgstr the target, raw Markdown) and checked with `pofilter --language=ja`. Needs
# Debian's translate-toolkit (apt-get install translate-toolkit; run with /usr/bin/python3)
# and a built build/cli/tmlint. To judge findings one by one:
#   scripts/pofilter_sample.py OUT/<tree>.out.po numbers 20 7
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tmlint=${TMLINT:-$here/build/cli/tmlint}
out=${OUT:-$(mktemp -d)}
shared=${TMLINT_SHARED_DIR:-$here/../shared}
[ $# -gt 0 ] || set -- "$shared/corpus/partner-center-pr.ja-jp" "$shared/corpus/nuget.ja-jp"

# tmlint rule -> the pofilter tests nearest to it
pairs=(
  "inline-code-mismatch:-"
  "placeholder-mismatch:printf,pythonbraceformat"
  "markup-mismatch:xmltags,escapes"
  "number-mismatch:numbers"
  "bracket-balance:brackets"
  "whitespace-mismatch:startwhitespace,endwhitespace,newlines"
  "repeated-word:doublewords"
  "punctuation:endpunc,puncspacing,doublespacing"
  "link-mismatch:urls"
  "length-ratio:long,short"
)

for tree in "$@"; do
  name=$(basename "$tree")
  /usr/bin/python3 "$here/scripts/segments_to_po.py" "$tree" "$out/$name.po"
  /usr/bin/pofilter --language=ja --progress=none -i "$out/$name.po" -o "$out/$name.out.po" || true
  total=$(grep -c '^# (pofilter)' "$out/$name.out.po" || true)
  echo "== $name: pofilter $total findings in all (output: $out/$name.out.po)"
  rules=$(printf '%s\n' "${pairs[@]}" | cut -d: -f1 | paste -sd, -)
  "$tmlint" check --select "$rules" --format json "$tree" > "$out/$name.tmlint.json" || true
  printf '%-22s %8s   %-45s %s\n' rule tmlint "pofilter tests" pofilter
  for pair in "${pairs[@]}"; do
    rule=${pair%%:*} tests=${pair#*:}
    n=$(grep -c "\"rule\": \"$rule\"" "$out/$name.tmlint.json" || true)
    m=0
    if [ "$tests" != "-" ]; then
      for t in ${tests//,/ }; do
        k=$(grep -c "^# (pofilter) $t:" "$out/$name.out.po" || true)
        m=$((m + k))
      done
    fi
    printf '%-22s %8s   %-45s %s\n' "$rule" "$n" "$tests" "$m"
  done
done
