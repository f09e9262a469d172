#!/usr/bin/env python3
"""Scores an alignment of plain translated Markdown against the sxs truth (issue 15).

The truth pairs of an article are the segments of its sxs file (the same handoff):
one (target, source) pair per `data-ttu-id` span, delimited lexically as FORMAT.md §8 says.
The pairs scored are JSON Lines with `path`, `target` and `source` (what
`tmlint align --source EN --format jsonl PLAIN` writes), or a folder of PO files
(po4a-gettextize output, one `PATH.po` per article).

Both sides are normalised: HTML entities decoded, Markdown backslash escapes removed,
runs of whitespace made one space, trimmed. Per path, pairs are compared as multisets:
strict precision = matched / written, recall = matched / truth, F1.
Lax: a written pair that is not a strict match but equals a run of two or more
consecutive truth pairs of its path (a paragraph kept whole) covers that run; lax
coverage = truth pairs covered (strictly or by a run) / truth pairs, and lax precision =
written pairs that match either way / written.

  plain_align_score.py score --truth SXS_DIR --pairs PAIRS.jsonl [--worst N] [--json OUT]
  plain_align_score.py score --truth SXS_DIR --po-dir DIR
  plain_align_score.py run --truth SXS_DIR --source EN_DIR --plain PLAIN_DIR [--tmlint BIN]
  plain_align_score.py source-view SXS_DIR OUT_DIR     (each pair replaced by its SOURCE)
  plain_align_score.py po4a --truth SXS_DIR --source EN_DIR --plain PLAIN_DIR --out DIR
  plain_align_score.py corpus-test --shared SHARED --tmlint BIN [--min-f1 F] [--min-lax L]
      both shared corpora (NuGet ja-JP against its handoff, Partner Center ja-JP against its
      source view) with floors; exit 77 (skipped) without SHARED, 1 then if TMLINT_REQUIRE_SHARED=1
"""
import argparse
import collections
import html
import json
import os
import re
import subprocess
import sys
import time

OPEN = '<span data-ttu-id="'
MID = '</span><span class="sxs-lookup"><span data-stu-id="'


def sxs_pairs(text):
    """[(id, target, source, start, end)] of one sxs file (FORMAT.md §8)."""
    out = []
    i = 0
    while True:
        o = text.find(OPEN, i)
        if o < 0:
            return out
        q = text.find('"', o + len(OPEN))
        if q < 0 or text[q:q + 2] != '">':
            i = o + len(OPEN)
            continue
        sid = text[o + len(OPEN):q]
        t0 = q + 2
        m = text.find(MID, t0)
        if m < 0:
            return out
        target = text[t0:m]
        q2 = text.find('">', m + len(MID))
        s0 = q2 + 2
        depth, j, in_code = 0, s0, 0
        end = -1
        while j < len(text):
            c = text[j]
            if c == '`':
                n = 0
                while j + n < len(text) and text[j + n] == '`':
                    n += 1
                if in_code == 0:
                    close = text.find('`' * n, j + n)
                    # only a run of exactly n closes
                    while close >= 0 and close + n < len(text) and text[close + n] == '`':
                        k = close
                        while k < len(text) and text[k] == '`':
                            k += 1
                        close = text.find('`' * n, k)
                    if close >= 0 and '\n' not in text[j:close]:
                        j = close + n
                        continue
                j += n
                continue
            if text.startswith('</span>', j):
                if depth == 0:
                    end = j
                    break
                depth -= 1
                j += 7
                continue
            if text.startswith('<span', j):
                gt = text.find('>', j)
                if gt >= 0 and text[gt - 1] != '/':
                    depth += 1
                j = gt + 1 if gt >= 0 else j + 5
                continue
            j += 1
        if end < 0:
            return out
        out.append((sid, target, text[s0:end], o, end + len('</span></span>')))
        i = end + len('</span></span>')


ESCAPE = re.compile(r'\\([!-/:-@\[-`{-~])')
SPACE = re.compile(r'\s+')


def norm(s):
    s = html.unescape(s)
    s = ESCAPE.sub(r'\1', s)
    return SPACE.sub(' ', s).strip()


def squeeze(s):
    """The lax comparison: no whitespace at all (how the runs were joined does not matter)."""
    return SPACE.sub('', s)


def md_files(root):
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith('.md'):
                p = os.path.join(d, f)
                yield os.path.relpath(p, root).replace(os.sep, '/'), p


def read_truth(root):
    truth = {}
    for rel, p in md_files(root):
        with open(p, encoding='utf-8', errors='replace') as fh:
            pairs = sxs_pairs(fh.read())
        if pairs:
            truth[rel] = [(norm(t), norm(s)) for _, t, s, _, _ in pairs]
    return truth


def read_jsonl(path):
    written = collections.defaultdict(list)
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            written[r['path']].append((norm(r['target']), norm(r['source'])))
    return written


def po_entries(path):
    """(msgid, msgstr) of a PO file, without the header and obsolete entries."""
    entries, cur, field, fuzzy = [], None, None, False

    def flush():
        # po4a-gettextize marks every entry fuzzy: they are its pairs, so fuzzy ones count.
        if cur is not None and cur.get('msgid'):
            entries.append((cur['msgid'], cur.get('msgstr', '')))

    with open(path, encoding='utf-8', errors='replace') as fh:
        for raw in fh:
            line = raw.rstrip('\n')
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'(msgid|msgstr)\s+"(.*)"$', line)
            if m:
                if m.group(1) == 'msgid':
                    flush()
                    cur = {'fuzzy': fuzzy}
                    fuzzy = False
                field = m.group(1)
                cur[field] = po_unquote(m.group(2))
                continue
            m = re.match(r'"(.*)"$', line)
            if m and cur is not None and field:
                cur[field] += po_unquote(m.group(1))
        flush()
    return entries


def po_unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(m.group(1), m.group(1)), s)


def read_po_dir(root):
    written = collections.defaultdict(list)
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith('.po'):
                p = os.path.join(d, f)
                rel = os.path.relpath(p, root).replace(os.sep, '/')[:-3]
                for msgid, msgstr in po_entries(p):
                    if msgstr:
                        written[rel].append((norm(msgstr), norm(msgid)))
    return written


def score_path(truth, written):
    """(strict matches, lax-covered truth pairs, lax-matched written pairs) for one path."""
    left = collections.Counter(truth)
    strict = 0
    rest = []
    for p in written:
        if left[p] > 0:
            left[p] -= 1
            strict += 1
        else:
            rest.append(p)
    covered = strict
    lax_written = strict
    if rest:
        # Runs of >= 2 consecutive truth pairs, by their squeezed sides.
        runs = collections.defaultdict(list)
        n = len(truth)
        sq = [(squeeze(t), squeeze(s)) for t, s in truth]
        for i in range(n):
            t, s = sq[i][0], sq[i][1]
            for j in range(i + 1, min(n, i + 64)):
                t += sq[j][0]
                s += sq[j][1]
                runs[(t, s)].append((i, j))
        used = [False] * n
        for p in rest:
            key = (squeeze(p[0]), squeeze(p[1]))
            for i, j in runs.get(key, ()):
                if not any(used[i:j + 1]):
                    for k in range(i, j + 1):
                        used[k] = True
                    covered += j - i + 1
                    lax_written += 1
                    break
        # strict matches also cover; count truth pairs covered by strict matches already in `strict`
    return strict, covered, lax_written


def score(truth, written, worst=0):
    T = W = S = C = LW = 0
    per = []
    for path in sorted(set(truth) | set(written)):
        t = truth.get(path, [])
        w = written.get(path, [])
        s, c, lw = score_path(t, w)
        T += len(t)
        W += len(w)
        S += s
        C += min(c, len(t))
        LW += lw
        if worst:
            per.append((len(t) + len(w) - 2 * s, path, len(t), len(w), s))
    p = S / W if W else 0.0
    r = S / T if T else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    res = {
        'articles_truth': len(truth), 'articles_written': sum(1 for v in written.values() if v),
        'truth_pairs': T, 'written_pairs': W, 'matched': S,
        'precision': round(p, 4), 'recall': round(r, 4), 'f1': round(f1, 4),
        'lax_coverage': round(C / T, 4) if T else 0.0,
        'lax_precision': round(LW / W, 4) if W else 0.0,
    }
    if worst:
        per.sort(reverse=True)
        res['worst'] = [{'path': p, 'truth': t, 'written': w, 'matched': s} for _, p, t, w, s in per[:worst]]
    return res


def print_result(res, label):
    print(f"{label}: {res['articles_written']} of {res['articles_truth']} articles with pairs; "
          f"truth {res['truth_pairs']}, written {res['written_pairs']}, matched {res['matched']}")
    print(f"  strict P {res['precision']:.4f}  R {res['recall']:.4f}  F1 {res['f1']:.4f}   "
          f"lax coverage {res['lax_coverage']:.4f}  lax precision {res['lax_precision']:.4f}")
    if 'seconds' in res:
        print(f"  {res['seconds']:.2f} s")
    for w in res.get('worst', []):
        print(f"  worst: {w['path']}: truth {w['truth']}, written {w['written']}, matched {w['matched']}")


def cmd_score(args):
    truth = read_truth(args.truth)
    written = read_jsonl(args.pairs) if args.pairs else read_po_dir(args.po_dir)
    res = score(truth, written, args.worst)
    finish(res, args, args.pairs or args.po_dir)


def finish(res, args, label):
    print_result(res, label)
    if args.json:
        with open(args.json, 'w') as fh:
            json.dump(res, fh, indent=1)
    if args.min_f1 is not None and res['f1'] < args.min_f1:
        print(f"F1 {res['f1']} under the floor {args.min_f1}", file=sys.stderr)
        sys.exit(1)


def cmd_run(args):
    out = args.out or '/tmp/plain_align_pairs.jsonl'
    start = time.monotonic()
    cmd = [args.tmlint, 'align', '-q', '--source', args.source, '--format', 'jsonl', '-o', out, args.plain]
    r = subprocess.run(cmd)
    seconds = time.monotonic() - start
    if r.returncode not in (0, 1):
        sys.exit(f"tmlint align failed ({r.returncode}): {' '.join(cmd)}")
    res = score(read_truth(args.truth), read_jsonl(out), args.worst)
    res['seconds'] = seconds
    finish(res, args, ' '.join(cmd))


def cmd_source_view(args):
    n = 0
    for rel, p in md_files(args.sxs):
        with open(p, encoding='utf-8') as fh:
            text = fh.read()
        pairs = sxs_pairs(text)
        if not pairs:
            continue
        out, last = [], 0
        for _, _, s, o, e in pairs:
            out.append(text[last:o])
            out.append(s)
            last = e
        out.append(text[last:])
        dest = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'w', encoding='utf-8') as fh:
            fh.write(''.join(out))
        n += 1
    print(f"{n} source views written under {args.out}")


def body_only(src, dest):
    """The file without its YAML front matter: the localized front matter has keys the English
    lacks (ms.openlocfilehash...), on which po4a-gettextize stops at once; it holds no pairs."""
    with open(src, encoding='utf-8', errors='replace') as fh:
        t = fh.read()
    if t.startswith('---\n'):
        e = t.find('\n---\n', 4)
        if e >= 0:
            t = t[e + 5:]
    with open(dest, 'w', encoding='utf-8') as fh:
        fh.write(t)


def cmd_po4a(args):
    """po4a-gettextize on every article with a source (front matter left out of both sides);
    PO files under --out, then scored. A failed gettextization writes no pairs."""
    import tempfile
    start = time.monotonic()
    ok = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rel, p in sorted(md_files(args.plain)):
            src = os.path.join(args.source, rel)
            if not os.path.isfile(src):
                continue
            dest = os.path.join(args.out, rel + '.po')
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            en, ja = os.path.join(tmp, 'en.md'), os.path.join(tmp, 'tr.md')
            body_only(src, en)
            body_only(p, ja)
            r = subprocess.run(['po4a-gettextize', '-f', 'text', '-o', 'markdown', '-M', 'UTF-8', '-L', 'UTF-8',
                                '-m', en, '-l', ja, '-p', dest], capture_output=True, cwd=tmp)
            if r.returncode == 0 and os.path.isfile(dest):
                ok += 1
            else:
                failed += 1
                if os.path.exists(dest):
                    os.remove(dest)
    seconds = time.monotonic() - start
    print(f"po4a-gettextize: {ok} articles gettextized, {failed} failed, {seconds:.1f} s")
    res = score(read_truth(args.truth), read_po_dir(args.out), args.worst)
    res['seconds'] = seconds
    res['po4a_ok'], res['po4a_failed'] = ok, failed
    finish(res, args, 'po4a-gettextize')


def cmd_corpus_test(args):
    import tempfile
    corpus = os.path.join(args.shared, 'corpus')
    needed = [os.path.join(corpus, p) for p in ('nuget.ja-jp', 'partner-center-pr.ja-jp', 'plain/nuget.ja-jp',
                                                'plain/nuget.en-us.handoff', 'plain/partner-center-pr.ja-jp')]
    missing = [p for p in needed if not os.path.isdir(p)]
    if missing:
        if os.environ.get('TMLINT_REQUIRE_SHARED') == '1':
            sys.exit(f"corpus-test: {missing[0]} is missing and TMLINT_REQUIRE_SHARED=1")
        print(f"SKIPPED: {missing[0]} is missing (the shared corpus is not beside the checkout)")
        sys.exit(77)
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        view = os.path.join(tmp, 'pc-source-view')
        args.sxs, args.out = os.path.join(corpus, 'partner-center-pr.ja-jp'), view
        cmd_source_view(args)
        runs = [('NuGet ja-JP', 'nuget.ja-jp', os.path.join(corpus, 'plain/nuget.en-us.handoff'), 'plain/nuget.ja-jp'),
                ('Partner Center ja-JP', 'partner-center-pr.ja-jp', view, 'plain/partner-center-pr.ja-jp')]
        for label, truth, source, plain in runs:
            out = os.path.join(tmp, truth + '.jsonl')
            cmd = [args.tmlint, 'align', '-q', '--source', source, '--format', 'jsonl', '-o', out,
                   os.path.join(corpus, plain)]
            start = time.monotonic()
            r = subprocess.run(cmd)
            if r.returncode != 0:
                failed.append(f"{label}: tmlint align exited {r.returncode}")
                continue
            res = score(read_truth(os.path.join(corpus, truth)), read_jsonl(out), 3)
            res['seconds'] = time.monotonic() - start
            print_result(res, label)
            if res['f1'] < args.min_f1:
                failed.append(f"{label}: strict F1 {res['f1']} under {args.min_f1}")
            if res['lax_coverage'] < args.min_lax:
                failed.append(f"{label}: lax coverage {res['lax_coverage']} under {args.min_lax}")
    for f in failed:
        print('FAILED:', f, file=sys.stderr)
    sys.exit(1 if failed else 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='cmd', required=True)
    for name in ('score', 'run', 'po4a'):
        sp = sub.add_parser(name)
        sp.add_argument('--truth', required=True, help='the sxs tree of the same handoff')
        sp.add_argument('--worst', type=int, default=0, help='list the N articles with most errors')
        sp.add_argument('--json', help='also write the figures as JSON')
        sp.add_argument('--min-f1', type=float, help='exit 1 when strict F1 is under this')
        if name == 'score':
            g = sp.add_mutually_exclusive_group(required=True)
            g.add_argument('--pairs', help='JSON Lines with path, target, source')
            g.add_argument('--po-dir', help='PO files, PATH.po per article')
        else:
            sp.add_argument('--source', required=True)
            sp.add_argument('--plain', required=True)
            sp.add_argument('--out', help='JSONL (run) or PO folder (po4a)', required=(name == 'po4a'))
            if name == 'run':
                sp.add_argument('--tmlint', default='build/cli/tmlint')
    ct = sub.add_parser('corpus-test')
    ct.add_argument('--shared', required=True)
    ct.add_argument('--tmlint', required=True)
    ct.add_argument('--min-f1', type=float, default=0.97)
    ct.add_argument('--min-lax', type=float, default=0.99)
    sv = sub.add_parser('source-view')
    sv.add_argument('sxs')
    sv.add_argument('out')
    args = ap.parse_args()
    {'score': cmd_score, 'run': cmd_run, 'source-view': cmd_source_view, 'po4a': cmd_po4a,
     'corpus-test': cmd_corpus_test}[args.cmd](args)


if __name__ == '__main__':
    main()
