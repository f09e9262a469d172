#!/usr/bin/python3
"""Recall of the length-ratio and repeated-text rules on synthetically damaged real segments,
and their findings on the unmodified segments (docs/rules.md, "length-ratio: synthetic recall").

    scripts/length_ratio_recall.py TREE [TREE...]    (TMLINT=build/cli/tmlint by default)

For each damage kind, every article of each tree is copied to a temporary folder with the
TARGET of every eligible segment damaged, then `tmlint check --select length-ratio` runs on
the copy (with repeated-text, which finds the loops and the doubled targets). Eligible: a body segment (its line does not start with '#' or '|', no '<td'),
translated (target != source), whose source has 60+ letters and 8+ words of prose (code
spans, URLs and tags removed), as the rule requires. Damage kinds:
  drop-aligned  the target's last sentence (after its second-to-last '。', or '.', '?', '!'
             before a space, for a Latin-script target) removed, where
             source and target have as many sentences (2+): the source's last one lost
  drop-last  the same for every target of 2+ sentences (often MT's split of one source
             sentence: then nothing but the length shows the loss)
  cut-50     the target cut at half its code points (MT output that stopped)
  cut-33     the target cut at a third of its code points
  repeat     the target written twice in a row
  loop       the target's last 6 code points repeated 5 more times (MT stuck in a loop)
It prints, per kind, how many damaged segments the rule reports (recall) and how many
findings fall on segments it did not damage (each a false positive unless the original
segment is itself defective), and how many damaged targets fall under the rule's min-ratio
for the tree's language (approximately, letters of the prose as this script reads it): above it a damaged
target is as long as a legitimate one, and only a repetition can show. The unmodified trees
are checked first for the baseline count.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from segments_to_po import spans  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The rule's default min-ratio (0.7 x the data file's usual ratio), by the tree's name.
MIN_RATIO = {'ja': 0.42, 'zh': 0.7 * 0.32, 'fr': 0.7 * 1.25}
RULES = 'length-ratio,repeated-text'
TMLINT = os.environ.get('TMLINT', os.path.join(HERE, 'build', 'cli', 'tmlint'))


def prose(s):
    s = re.sub(r'(`+)[^`].*?\1', ' ', s)
    s = re.sub(r'\]\([^)]*\)', ']', s)
    s = re.sub(r'<[^>]*>', ' ', s)
    s = re.sub(r'&\w+;', ' ', s)
    return s


def eligible(lines, line, target, source):
    first = lines[line - 1].lstrip()
    if first.startswith('#') or first.startswith('|') or '<td' in first or target == source:
        return False
    p = prose(source)
    return sum(c.isalnum() for c in p) >= 60 and len(p.split()) >= 8


SENTENCE_END = re.compile(r'[.?!]["\')*]*(?:\s+(?=[A-Z0-9"(\[])|\s*$)')


def target_ends(body):
    return [m.end() for m in re.finditer(r'。|[.?!](?=\s|$)', body)]


def damage(kind, target, source):
    if kind == 'drop-aligned':
        # the source's last sentence lost: as many sentences on each side
        n = len(SENTENCE_END.findall(prose(source).strip()))
        if n < 2 or len(target_ends(target)) != n:
            return None
        return damage('drop-last', target, source)
    if kind == 'drop-last':
        body = target.rstrip()
        ends = target_ends(body)
        if len(ends) < 2 or ends[-1] != len(body):
            return None
        return body[:ends[-2]]
    if kind == 'cut-50':
        return target[:len(target) // 2]
    if kind == 'cut-33':
        return target[:len(target) // 3]
    if kind == 'repeat':
        return target + target
    if kind == 'loop':
        tail = target.rstrip()[-6:]
        return target.rstrip() + tail * 5
    raise ValueError(kind)


def run(tree):
    out = subprocess.run([TMLINT, 'check', '--select', RULES, '--format', 'json', tree],
                         capture_output=True, text=True)
    found = set()
    for d in json.loads(out.stdout)['diagnostics']:
        found.add((os.path.relpath(os.path.join(os.getcwd(), d['path']), tree)
                   if not os.path.isabs(d['path']) else os.path.relpath(d['path'], tree), d['segment']))
    return found


def letters(s):
    return sum(c.isalnum() for c in prose(s))


def build(trees, kind, dest, short):
    """Copies of the trees with every eligible segment damaged; the damaged (path, id) set.
    Adds to `short` those whose damaged target is under the rule's min-ratio (ja default)."""
    damaged = set()
    for tree in trees:
        name = os.path.basename(os.path.normpath(tree))
        for dirpath, dirnames, filenames in os.walk(tree):
            for fn in filenames:
                src = os.path.join(dirpath, fn)
                rel = os.path.relpath(src, tree)
                dst = os.path.join(dest, name, rel)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if not fn.endswith('.md'):
                    shutil.copyfile(src, dst)
                    continue
                with open(src, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                pieces, at, lines = [], 0, text.split('\n')
                for line, seg_id, t0, t1, s0, s1 in spans(text):
                    target, source = text[t0:t1], text[s0:s1]
                    if not eligible(lines, line, target, source):
                        continue
                    new = damage(kind, target, source)
                    if new is None or new == target:
                        continue
                    lang = name.rsplit('.', 1)[-1][:2]
                    if letters(new) < MIN_RATIO.get(lang, 0.7 * 0.55) * letters(source):
                        short.add((os.path.join(name, rel), seg_id))
                    pieces.append(text[at:t0])
                    pieces.append(new)
                    at = t1
                    damaged.add((os.path.join(name, rel), seg_id))
                pieces.append(text[at:])
                with open(dst, 'w', encoding='utf-8') as f:
                    f.write(''.join(pieces))
    return damaged


def findings(root, trees):
    found = set()
    for tree in trees:
        name = os.path.basename(os.path.normpath(tree))
        for path, seg in run(os.path.join(root, name)):
            found.add((os.path.join(name, path), seg))
    return found


def main():
    trees = sys.argv[1:]
    if not trees:
        sys.exit(__doc__)
    base = set()
    for tree in trees:
        name = os.path.basename(os.path.normpath(tree))
        base |= {(os.path.join(name, p), s) for p, s in run(tree)}
    print(f'unmodified: {len(base)} findings')
    for kind in ['drop-aligned', 'drop-last', 'cut-50', 'cut-33', 'repeat', 'loop']:
        with tempfile.TemporaryDirectory() as tmp:
            short = set()
            damaged = build(trees, kind, tmp, short)
            found = findings(tmp, trees)
        caught = len(found & damaged)
        other = len(found - damaged)
        print(f'{kind:12} damaged {len(damaged):6}  caught {caught:6} ({100.0 * caught / max(1, len(damaged)):.1f}%)'
              f'  findings on undamaged segments {other}'
              f'  | under min-ratio {len(short)}, of them caught {len(found & short)}')


if __name__ == '__main__':
    main()
