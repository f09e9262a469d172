#!/usr/bin/python3
"""Recall of six QA rules on defects injected at random into real segments (issue 14,
docs/rules.md "Recall on injected defects").

    scripts/inject_defects.py [options] TREE [TREE...]    (TMLINT=build/cli/tmlint by default)

For each tree and each kind, up to --per-kind eligible segments are drawn at random (a
fixed --seed; each tree and kind has its own random stream), their TARGET is damaged in
a temporary copy of the tree, and `tmlint check --format json --select <the six rules>`
runs on the copy. An injected segment is found when a finding of the kind's rule
names that segment (same path and segment id; the finding's `line` is only compared when a
finding has no `segment`: it must then fall within the lines of the segment's pair).
Kind            damage to the target                               expected rule
  empty-target      emptied                                          missing-target
  target-is-source  replaced by the source (source is English prose:  untranslated
                    5+ lower-case words once code, links, tags and
                    entities are set aside; original target differs)
  changed-link      one ASCII letter of the URL path of a Markdown   link-mismatch
                    link [text](url) both have as many times (not an
                    image)
  changed-number    one digit of a number both have as many times    number-mismatch
                    (prose only: not in a URL, code span, tag or
                    entity; not glued to a letter: 21Vianet, FY21, H1,
                    COVID-19); the new number is not in the source
                    and, for an integer, not the number +-1
  dropped-code      one inline code span both have as many times,    inline-code-mismatch
                    removed
  broken-bold       one '**' of a bold both have removed             markup-mismatch

Segments the rule already reports in the unmodified tree (one run over it) are passed over
in the draw, a pre-existing finding being no recall; the `pre` column counts them among the
eligible. The draw depends on the seed and the tree only: the eligible segments of a kind
are shuffled, then taken in that order, one per article first, then a second per article,
and so on up to --per-article, so that a few long articles do not make the sample. Scarce
kinds draw first.

Design: ONE copy per tree with all six kinds injected, two tmlint runs per tree (unmodified
and damaged). That is unambiguous because each segment gets at most one defect, a finding
is attributed by (rule, path, segment id), and these six rules judge a segment by its own
source and target only. The script checks that claim: `spill` counts findings of a kind's
rule, absent from the unmodified run, on segments that were not damaged at all (it should
be 0); findings of a rule on a segment damaged with another kind (an emptied target loses
its links too) are collateral, not counted. The copy hard-links the files it does not
change (a plain copy where linking fails). About 3 s per Partner Center tree.

Output: a table per tree and kind (eligible, pre, injected, found, recall), --json FILE
for the figures and the misses, --show-missed K for K misses per tree and kind
(path:line, original and damaged target), --min-recall R (exit 1 when a tree's kind with
at least one injection is under R; per kind with KIND=R, repeatable). When a tree is
missing: exit 77 (a skip for ctest), unless TMLINT_REQUIRE_SHARED=1 (exit 1).
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from segments_to_po import spans  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TMLINT = os.environ.get('TMLINT', os.path.join(HERE, 'build', 'cli', 'tmlint'))

RULE = {
    'empty-target': 'missing-target',
    'target-is-source': 'untranslated',
    'changed-link': 'link-mismatch',
    'changed-number': 'number-mismatch',
    'dropped-code': 'inline-code-mismatch',
    'broken-bold': 'markup-mismatch',
}
KINDS = list(RULE)
SKIP = 77


# ---------------------------------------------------------------------------------------
# Reading a segment's text: code spans, links, tags

def code_spans(s):
    """(start, end, content) of each inline code span of s (backtick runs of equal length)."""
    out, i, n = [], 0, len(s)
    if '`' not in s:
        return out
    while i < n:
        c = s[i]
        if c == '\\':
            i += 2
            continue
        if c != '`':
            i += 1
            continue
        run = 0
        while i + run < n and s[i + run] == '`':
            run += 1
        close = s.find('`' * run, i + run)
        while close != -1 and close + run < n and s[close + run] == '`':
            j = close
            while j < n and s[j] == '`':
                j += 1
            close = s.find('`' * run, j)
        if close == -1:
            i += run
            continue
        out.append((i, close + run, s[i + run:close]))
        i = close + run
    return out


def blank(s, ranges):
    """s with the characters of `ranges` replaced by NUL: offsets are kept."""
    if not ranges:
        return s
    out, at = [], 0
    for a, b in sorted(ranges):
        if b <= at:
            continue
        a = max(a, at)
        out.append(s[at:a])
        out.append('\0' * (b - a))
        at = b
    out.append(s[at:])
    return ''.join(out)


def without_code(s):
    return blank(s, [(a, b) for a, b, _ in code_spans(s)])


LINK_END = re.compile(r'\]\((<[^>\n]*>|[^()\s]+)(\s+"[^"\n]*")?\)')


def md_links(s):
    """(url_start, url_end, url) of each Markdown link [text](url) of s (not images, not in
    code): the ']( ... )' must close a '[' of the same text."""
    if '](' not in s:
        return []
    masked = without_code(s)
    out = []
    for m in LINK_END.finditer(masked):
        depth, j = 0, m.start() - 1
        while j >= 0:
            if masked[j] == ']':
                depth += 1
            elif masked[j] == '[':
                if depth == 0:
                    break
                depth -= 1
            j -= 1
        if j < 0 or (j > 0 and masked[j - 1] == '!'):
            continue
        a, b = m.span(1)
        if masked[a] == '<':
            a, b = a + 1, b - 1
        out.append((a, b, s[a:b]))
    return out


NOT_PROSE = re.compile(r'<[^<>\n]*>|&#?\w+;|https?://[^\s)\]]*')


def prose_mask(s):
    """s with code spans, link URLs, bare URLs, HTML tags and entities blanked."""
    s = without_code(s)
    ranges = [(m.start(0), m.end(0)) for m in re.finditer(r'\]\([^)]*\)', s)]
    ranges += [m.span() for m in NOT_PROSE.finditer(s)]
    return blank(s, ranges)


def prose_words(s):
    text = prose_mask(s).replace('\0', ' ')
    text = re.sub(r'[*_~\[\]()]', ' ', text)
    return text.split()


HAS_DIGIT = re.compile(r'\d')
NUMBER = re.compile(r'\d+(?:[.,:/]\d+)*')
GLUE = re.compile(r'[A-Za-z0-9_\\-]')


def numbers(s):
    """(start, end, literal) of each number token of the prose of s, not glued to a word."""
    if not HAS_DIGIT.search(s):
        return []
    masked = prose_mask(s)
    out = []
    for m in NUMBER.finditer(masked):
        a, b = m.span()
        before = masked[a - 1] if a else ' '
        after = masked[b] if b < len(masked) else ' '
        if GLUE.match(before) or GLUE.match(after) or before == '\0' or after == '\0':
            continue
        out.append((a, b, m.group()))
    return out


BOLD = re.compile(r'\*\*(?=[^\s*])(?:[^*\n]|\*(?!\*))*?(?<=[^\s*])\*\*')


def bolds(s):
    """(start, end) of each '**x**' of s outside code spans."""
    if '**' not in s:
        return []
    return [m.span() for m in BOLD.finditer(without_code(s))]


# ---------------------------------------------------------------------------------------
# The six damages: each returns the damaged target, or None when the segment is not
# eligible for that kind.

def count(items, key):
    return sum(1 for x in items if x == key)


def damage(kind, target, source, rng):
    if kind == 'empty-target':
        if not target.strip() or not source.strip():
            return None
        return ''
    if kind == 'target-is-source':
        if target == source:
            return None
        words = [w for w in prose_words(source) if re.fullmatch(r"[a-z][a-z'’-]*[a-z]|[a-z]", w.strip('.,;:!?"'))]
        if len(words) < 5:
            return None
        return source
    if kind == 'changed-link':
        t_links, s_links = md_links(target), md_links(source)
        s_urls = [u for _, _, u in s_links]
        t_urls = [u for _, _, u in t_links]
        choices = [(a, b, u) for a, b, u in t_links if count(s_urls, u) == count(t_urls, u)]
        if not choices:
            return None
        a, b, url = rng.choice(choices)
        # a letter of the path: after the scheme and host, before '?' or '#'
        path_start = 0
        m = re.match(r'[a-z]+://[^/]*', url)
        if m:
            path_start = m.end()
        path_end = min([k for k in (url.find('?'), url.find('#')) if k >= 0] + [len(url)])
        if url.startswith('#'):  # an in-page anchor: its name is the path
            path_start, path_end = 1, len(url)
        letters = [k for k in range(path_start, path_end) if url[k].isascii() and url[k].isalpha()]
        if not letters:
            return None
        k = rng.choice(letters)
        c = url[k]
        base = ord('a') if c.islower() else ord('A')
        new_c = chr(base + (ord(c) - base + rng.randint(1, 25)) % 26)
        new_url = url[:k] + new_c + url[k + 1:]
        if new_url in s_urls:
            return None
        return target[:a] + new_url + target[b:]
    if kind == 'changed-number':
        t_nums, s_nums = numbers(target), numbers(source)
        s_lits = [x for _, _, x in s_nums]
        t_lits = [x for _, _, x in t_nums]
        choices = [(a, b, x) for a, b, x in t_nums if count(s_lits, x) == count(t_lits, x)]
        if not choices:
            return None
        a, b, lit = rng.choice(choices)
        digits = [k for k, ch in enumerate(lit) if ch.isdigit()]
        k = rng.choice(digits)
        leading = (k == 0 or not lit[k - 1].isdigit()) and k + 1 < len(lit) and lit[k + 1].isdigit()
        options = []
        for d in '0123456789':
            new_lit = lit[:k] + d + lit[k + 1:]
            if d == lit[k] or (leading and d == '0') or new_lit in s_lits or new_lit in t_lits:
                continue
            if lit.isdigit() and abs(int(new_lit) - int(lit)) == 1:
                continue  # "more than 60 days" is rightly "61 日以上": not a defect
            options.append(new_lit)
        if not options:
            return None
        new_lit = rng.choice(options)
        return target[:a] + new_lit + target[b:]
    if kind == 'dropped-code':
        t_code, s_code = code_spans(target), code_spans(source)
        s_c = [c for _, _, c in s_code]
        t_c = [c for _, _, c in t_code]
        choices = [(a, b, c) for a, b, c in t_code if c.strip() and count(s_c, c) == count(t_c, c)]
        if not choices:
            return None
        a, b, _ = rng.choice(choices)
        before, after = target[:a], target[b:]
        if before.endswith(' ') and after.startswith(' '):
            after = after[1:]
        return before + after
    if kind == 'broken-bold':
        t_bold, s_bold = bolds(target), bolds(source)
        if not t_bold or not s_bold:
            return None
        a, b = rng.choice(t_bold)
        if rng.random() < 0.5:
            return target[:a] + target[a + 2:]
        return target[:b - 2] + target[b:]
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------

def articles(tree):
    """(relative path, text) of each .md file of the tree, in path order."""
    out = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.endswith('.md'):
                path = os.path.join(dirpath, fn)
                with open(path, encoding='utf-8', errors='surrogateescape', newline='') as f:
                    out.append((os.path.relpath(path, tree), f.read()))
    return out


def run_tmlint(tree):
    """{(rule, relative path, segment id)} and {(rule, relative path, line)} of the findings."""
    out = subprocess.run([TMLINT, 'check', '--format', 'json', '-q', '--select', ','.join(RULE.values()),
                          '.'], cwd=tree, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f'{TMLINT} failed on {tree} ({out.returncode}): {out.stderr.strip()}')
    by_segment, by_line = set(), set()
    for d in json.loads(out.stdout)['diagnostics']:
        path = os.path.normpath(os.path.relpath(os.path.join(tree, d['path']), tree))
        if d.get('segment'):
            by_segment.add((d['rule'], path, d['segment']))
        else:
            by_line.add((d['rule'], path, d.get('line', 0)))
    return by_segment, by_line


def reported(found, rule, path, first, last, seg_id):
    by_segment, by_line = found
    return (rule, path, seg_id) in by_segment or any((rule, path, n) in by_line for n in range(first, last + 1))


def copy_tree(src, dst, changed):
    """dst: a copy of src, files hard-linked except `changed` ({relative path: text})."""
    for dirpath, dirnames, filenames in os.walk(src):
        rel_dir = os.path.relpath(dirpath, src)
        os.makedirs(os.path.join(dst, rel_dir), exist_ok=True)
        for fn in filenames:
            rel = os.path.normpath(os.path.join(rel_dir, fn))
            target = os.path.join(dst, rel)
            if rel in changed:
                with open(target, 'w', encoding='utf-8', errors='surrogateescape', newline='') as f:
                    f.write(changed[rel])
                continue
            try:
                os.link(os.path.join(dirpath, fn), target)
            except OSError:
                shutil.copy2(os.path.join(dirpath, fn), target)


def measure(tree, args):
    name = os.path.basename(os.path.normpath(tree))
    docs = articles(tree)
    base = run_tmlint(tree)

    # Every segment, and per kind the eligible ones with the damage drawn for them.
    segs = []  # (path, line, last line, id, t0, t1, target, source)
    for rel, text in docs:
        for line, seg_id, t0, t1, s0, s1 in spans(text):
            last = line + text.count('\n', t0, s1)
            segs.append((rel, line, last, seg_id, t0, t1, text[t0:t1], text[s0:s1]))
    eligible, pre = {}, {}
    for kind in KINDS:
        rng = random.Random(f'{args.seed}:{name}:{kind}:damage')
        eligible[kind] = []
        for n, (rel, line, last, seg_id, t0, t1, target, source) in enumerate(segs):
            new = damage(kind, target, source, rng)
            if new is not None and new != target:
                eligible[kind].append((n, new))
        pre[kind] = {n for n, _ in eligible[kind] if reported(base, RULE[kind], *segs[n][:4])}

    # The draw: scarce kinds first, one defect per segment, round by round at most 1, 2, ...
    # --per-article of a kind per article. The order depends on the seed and the tree only,
    # not on the rules: a segment already reported is passed over, not re-drawn.
    taken = {}  # segment index -> (kind, damaged target)
    for kind in sorted(KINDS, key=lambda k: (len(eligible[k]), k)):
        rng = random.Random(f'{args.seed}:{name}:{kind}:draw')
        pool = [(n, new) for n, new in eligible[kind]]
        rng.shuffle(pool)
        per_article, picked = {}, 0
        for round_max in range(1, args.per_article + 1):
            for n, new in pool:
                if picked >= args.per_kind:
                    break
                rel = segs[n][0]
                if n in taken or n in pre[kind] or per_article.get(rel, 0) >= round_max:
                    continue
                per_article[rel] = per_article.get(rel, 0) + 1
                taken[n] = (kind, new)
                picked += 1

    # The damaged copy: splice the damaged targets into each article, last first.
    by_article = {}
    for n, (kind, new) in taken.items():
        by_article.setdefault(segs[n][0], []).append((segs[n][4], segs[n][5], new))
    texts = dict(docs)
    changed = {}
    for rel, edits in by_article.items():
        text = texts[rel]
        for t0, t1, new in sorted(edits, reverse=True):
            text = text[:t0] + new + text[t1:]
        changed[rel] = text
    # A damaged target can change the line count (a multi-line target emptied): lines and
    # ids are read again from the damaged text, segment ids are unchanged.
    new_lines = {}
    for rel, text in changed.items():
        for line, seg_id, t0, t1, s0, s1 in spans(text):
            new_lines[(rel, seg_id)] = (line, line + text.count('\n', t0, s1))
    with tempfile.TemporaryDirectory(prefix='inject_defects.') as tmp:
        copy = os.path.join(tmp, name)
        copy_tree(tree, copy, changed)
        found = run_tmlint(copy)

    result = {'tree': name, 'kinds': {}}
    for kind in KINDS:
        rule = RULE[kind]
        hits, missed = 0, []
        for n, (k, new) in sorted(taken.items()):
            if k != kind:
                continue
            rel, line, last, seg_id, t0, t1, target, source = segs[n]
            first, end = new_lines.get((rel, seg_id), (line, last))
            if reported(found, rule, rel, first, end, seg_id):
                hits += 1
            else:
                missed.append({'path': rel, 'line': line, 'segment': seg_id, 'target': target, 'damaged': new,
                               'source': source})
        injected = sum(1 for k, _ in taken.values() if k == kind)
        result['kinds'][kind] = {'rule': rule, 'eligible': len(eligible[kind]), 'pre': len(pre[kind]),
                                 'injected': injected, 'found': hits,
                                 'recall': hits / injected if injected else None, 'missed': missed}
    # Spill: new findings of the six rules on segments that were not damaged at all.
    damaged_ids = {(segs[n][0], segs[n][3]) for n in taken}
    spill = [f for f in found[0] - base[0] if (f[1], f[2]) not in damaged_ids]
    spill += list(found[1] - base[1])
    result['spill'] = sorted(spill)
    return result


def one_line(s, width=160):
    s = s.replace('\n', '\\n')
    return s if len(s) <= width else s[:width - 3] + '...'


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('trees', nargs='+', metavar='TREE')
    p.add_argument('--seed', type=int, default=14)
    p.add_argument('--per-kind', type=int, default=200, metavar='N', help='segments damaged per tree and kind')
    p.add_argument('--per-article', type=int, default=5, metavar='N',
                   help='at most N segments of one kind per article, taken one per article first (default 5)')
    p.add_argument('--json', metavar='FILE', help='write the figures and the misses as JSON')
    p.add_argument('--show-missed', type=int, default=0, metavar='K', help='print K misses per tree and kind')
    p.add_argument('--min-recall', action='append', default=[], metavar='R|KIND=R',
                   help='exit 1 when a recall is under R (for every kind, or for KIND); repeatable')
    args = p.parse_args()

    floors = {}
    for spec in args.min_recall:
        kind, _, value = spec.rpartition('=')
        if kind and kind not in RULE:
            p.error(f'--min-recall: unknown kind {kind}')
        for k in ([kind] if kind else KINDS):
            floors[k] = float(value)

    missing = [t for t in args.trees if not os.path.isdir(t)]
    if missing:
        required = os.environ.get('TMLINT_REQUIRE_SHARED') == '1'
        print(f'{"FAILED" if required else "SKIPPED"}: shared data not found: {", ".join(missing)}'
              + (' (TMLINT_REQUIRE_SHARED=1)' if required else ''))
        sys.exit(1 if required else SKIP)
    if not os.access(TMLINT, os.X_OK):
        sys.exit(f'no tmlint binary at {TMLINT} (set TMLINT)')

    print(f'seed {args.seed}, up to {args.per_kind} per tree and kind, up to {args.per_article} per article')
    results, low = [], []
    for tree in args.trees:
        r = measure(tree, args)
        results.append(r)
        print(f'\n{r["tree"]}')
        print(f'  {"kind":17} {"rule":21} {"eligible":>8} {"pre":>5} {"injected":>8} {"found":>6} {"recall":>7}')
        for kind, k in r['kinds'].items():
            recall = '-' if k['recall'] is None else f'{k["recall"]:.3f}'
            print(f'  {kind:17} {k["rule"]:21} {k["eligible"]:8} {k["pre"]:5} {k["injected"]:8} {k["found"]:6}'
                  f' {recall:>7}')
            if k['recall'] is not None and kind in floors and k['recall'] < floors[kind]:
                low.append(f'{r["tree"]} {kind} {k["recall"]:.3f} < {floors[kind]}')
        print(f'  spill (new findings on undamaged segments): {len(r["spill"])}')
        for f in r['spill'][:5]:
            print(f'    {f}')
        if args.show_missed:
            for kind, k in r['kinds'].items():
                for m in k['missed'][:args.show_missed]:
                    print(f'  missed {kind}: {r["tree"]}/{m["path"]}:{m["line"]} ({m["segment"]})')
                    print(f'      target:  {one_line(m["target"])}')
                    print(f'      damaged: {one_line(m["damaged"])}')
    if args.json:
        with open(args.json, 'w', encoding='utf-8') as f:
            json.dump({'seed': args.seed, 'per_kind': args.per_kind, 'per_article': args.per_article,
                       'trees': results}, f, ensure_ascii=False, indent=1)
    if low:
        print('\nunder the floor:\n  ' + '\n  '.join(low))
        sys.exit(1)


if __name__ == '__main__':
    main()
