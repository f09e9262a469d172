#!/usr/bin/python3
"""Print a reproducible sample of pofilter findings, to judge them one by one.

    scripts/pofilter_sample.py OUT.po TEST [N] [SEED]

OUT.po is pofilter's output on a file written by segments_to_po.py; TEST a pofilter test
name (numbers, brackets, ...). Prints N (default 20) findings of that test, chosen with
random.Random(SEED) (default 7): the segment's context, pofilter's message, target, source.
"""
import random
import sys

from translate.storage import po


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, test = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    with open(path, 'rb') as f:
        store = po.pofile(f.read())
    found = []
    for unit in store.units:
        if unit.isheader():
            continue
        for note in unit.getnotes('translator').splitlines():
            if note.startswith(f'(pofilter) {test}:'):
                found.append((unit, note))
    sample = found if len(found) <= n else random.Random(seed).sample(found, n)
    print(f'{len(found)} {test} findings, {len(sample)} shown')
    for unit, note in sample:
        print('==', unit.getcontext(), note)
        print('  T:', unit.target.replace('\n', '⏎')[:300])
        print('  S:', unit.source.replace('\n', '⏎')[:300])


if __name__ == '__main__':
    main()
