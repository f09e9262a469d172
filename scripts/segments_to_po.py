#!/usr/bin/python3
"""Export the segments of a tree of side-by-side (sxs) Markdown articles as one PO file, so
that translate-toolkit's pofilter checks exactly the segments tmlint checks.

    scripts/segments_to_po.py TREE OUT.po

Each segment becomes one unit: msgctxt "<relative path>:<line>:<ttu-id>", msgid the SOURCE
text, msgstr the TARGET text, both raw Markdown as written (FORMAT.md §3), no XML parsing.
The delimiting follows FORMAT.md §8, as tmlint's loader does: a target ends at the first
'</span><span class="sxs-lookup"><span data-stu-id="', a source at the first '</span>' at
span depth 0 outside inline code. Fenced code blocks hold no segments in the corpus and are
not special-cased. Needs Debian's translate-toolkit (/usr/bin/python3).
"""
import os
import sys

OPEN = '<span data-ttu-id="'
LOOKUP = '</span><span class="sxs-lookup"><span data-stu-id="'


def source_end(text, i):
    """Index of the '</span>' closing the source that starts at i, or -1."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '\\':  # an escaped backtick opens no code span
            i += 2
            continue
        if c == '`':
            run = 0
            while i + run < n and text[i + run] == '`':
                run += 1
            close = text.find('`' * run, i + run)
            # a closing run of exactly the same length
            while close != -1 and close + run < n and text[close + run] == '`':
                close = text.find('`' * run, close + run + 1)
            if close == -1:
                i += run
                continue
            i = close + run
            continue
        if text.startswith('<span', i):
            depth += 1
            i += 5
            continue
        if text.startswith('</span>', i):
            if depth == 0:
                return i
            depth -= 1
            i += 7
            continue
        i += 1
    return -1


def spans(text):
    """(line, id, t0, t1, s0, s1) of each segment: target text[t0:t1], source text[s0:s1]."""
    at = 0
    line, counted = 1, 0  # the line number at offset `counted`
    while True:
        b = text.find(OPEN, at)
        if b == -1:
            return
        q = text.find('">', b + len(OPEN))
        if q == -1:
            return
        t0 = q + 2
        t1 = text.find(LOOKUP, t0)
        if t1 == -1:
            at = t0
            continue
        s_open = text.find('">', t1 + len(LOOKUP))
        if s_open == -1:
            return
        s0 = s_open + 2
        s1 = source_end(text, s0)
        if s1 == -1:
            at = s0
            continue
        line += text.count('\n', counted, b)
        counted = b
        yield line, text[b + len(OPEN):q], t0, t1, s0, s1
        at = s1


def segments(text):
    """(line, id, target, source) of each segment of an article."""
    for line, seg_id, t0, t1, s0, s1 in spans(text):
        yield line, seg_id, text[t0:t1], text[s0:s1]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    from translate.storage import po  # here, so that spans() is importable without translate-toolkit

    root, out = sys.argv[1], sys.argv[2]
    store = po.pofile()
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith('.md'):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            rel = os.path.relpath(path, root)
            for line, seg_id, target, source in segments(text):
                unit = store.addsourceunit(source)
                unit.target = target
                unit.setcontext(f'{rel}:{line}:{seg_id}')
                count += 1
    with open(out, 'wb') as f:
        store.serialize(f)
    print(f'{count} segments -> {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
