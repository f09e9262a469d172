#!/usr/bin/env python3
"""Checks that the dependencies of lib/ point one way down the pipeline.

lib/ has one folder per stage (docs/architecture.md). A file may include
headers of its own folder and of the folders below it, never of a folder
above; every include of a lib/ header names its folder. Tests may also use
testing/ (the shared test helpers). rules/ sits above the engine but below
the reporters and the TM export, and does no I/O, so a rule includes neither
the engine's run, the file reader, nor anything of tm/ or report/.

    scripts/check_layers.py [REPO]     exit 1 and one line per violation
    scripts/check_layers.py --self-test
"""
import os
import re
import sys
import tempfile

# Bottom to top: the pipeline's order.
STAGES = ['base', 'model', 'locale', 'load', 'text', 'sources', 'align', 'engine', 'tm', 'report']
TESTING = 'testing'
# What a rule must not include although its folder is below rules/.
RULES_FORBIDDEN = {'engine/run_check.h', 'engine/stages.h', 'load/file_walker.h'}
RULES_CEILING = 'engine'
# At most this many source files may sit directly in lib/ (issue 13).
MAX_TOP_LEVEL_SOURCES = 8

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SOURCE = ('.cpp', '.h', '.inc')


def is_test(name):
    return name.endswith('_test.cpp')


def rank(folder):
    return STAGES.index(folder)


def check(repo):
    lib = os.path.join(repo, 'lib')
    problems = []
    local_headers = {}  # folder -> names of its headers
    for folder in STAGES + [TESTING]:
        path = os.path.join(lib, folder)
        if not os.path.isdir(path):
            problems.append(f'lib/{folder}/: stage folder missing')
            continue
        local_headers[folder] = set(os.listdir(path))
    top = [f for f in os.listdir(lib) if f.endswith(SOURCE)]
    if len(top) > MAX_TOP_LEVEL_SOURCES:
        problems.append(f'lib/: {len(top)} source files directly in lib/ (at most {MAX_TOP_LEVEL_SOURCES})')
    for entry in sorted(os.listdir(lib)):
        if os.path.isdir(os.path.join(lib, entry)) and entry not in STAGES + [TESTING]:
            problems.append(f'lib/{entry}/: not a known stage folder (add it to STAGES in scripts/check_layers.py '
                            'and to docs/architecture.md)')

    def includes(path):
        with open(path, encoding='utf-8', errors='replace') as f:
            text = f.read()
        for m in INCLUDE.finditer(text):
            yield text.count('\n', 0, m.start()) + 1, m.group(1)

    def target(name):
        """(folder, header) of a lib/ include, or None for a file-local one."""
        if '/' not in name:
            return None
        folder, header = name.split('/', 1)
        if folder in local_headers and header in local_headers[folder]:
            return folder, header
        return None

    def lib_header_without_folder(name, here):
        if '/' in name or name.endswith('.inc'):
            return False
        return any(name in hs for f, hs in local_headers.items() if f != here)

    for folder in STAGES + [TESTING]:
        path = os.path.join(lib, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith(SOURCE):
                continue
            where = f'lib/{folder}/{name}'
            for line, inc in includes(os.path.join(path, name)):
                if lib_header_without_folder(inc, folder):
                    problems.append(f'{where}:{line}: "{inc}" must name its folder')
                    continue
                t = target(inc)
                if not t or folder == TESTING:
                    continue
                dep = t[0]
                if dep == TESTING:
                    if not is_test(name):
                        problems.append(f'{where}:{line}: only tests include {TESTING}/')
                    continue
                if rank(dep) > rank(folder):
                    problems.append(f'{where}:{line}: {folder}/ includes "{inc}" from {dep}/, a stage above it')

    rules = os.path.join(repo, 'rules')
    for name in sorted(os.listdir(rules)) if os.path.isdir(rules) else []:
        if not name.endswith(SOURCE) or is_test(name):
            continue
        where = f'rules/{name}'
        for line, inc in includes(os.path.join(rules, name)):
            t = target(inc)
            if lib_header_without_folder(inc, None) and not os.path.exists(os.path.join(rules, inc)):
                problems.append(f'{where}:{line}: "{inc}" must name its folder')
            elif t and (t[0] == TESTING or rank(t[0]) > rank(RULES_CEILING)):
                problems.append(f'{where}:{line}: a rule includes "{inc}" (rules stop at {RULES_CEILING}/)')
            elif t and inc in RULES_FORBIDDEN:
                problems.append(f'{where}:{line}: a rule includes "{inc}" (rules do no I/O and do not run checks)')
    return problems


def self_test():
    """The checker finds each kind of violation in a tree made for it."""
    with tempfile.TemporaryDirectory() as d:
        for folder in STAGES + [TESTING]:
            os.makedirs(os.path.join(d, 'lib', folder))
        os.makedirs(os.path.join(d, 'rules'))
        files = {
            'lib/engine/rule.h': '',
            'lib/engine/run_check.h': '',
            'lib/load/loader.h': '#include "model/article.h"\n',
            'lib/model/article.h': '',
            'lib/testing/test_support.h': '#include "engine/run_check.h"\n',
            'lib/load/up.cpp': '#include "load/loader.h"\n#include "engine/rule.h"\n',
            'lib/load/bare.cpp': '#include "article.h"\n',
            'lib/load/loader_test.cpp': '#include "testing/test_support.h"\n',
            'lib/model/helper.cpp': '#include "testing/test_support.h"\n',
            'lib/stray/x.cpp': '',
            'rules/some_rule.cpp': '#include "engine/rule.h"\n#include "engine/run_check.h"\n',
        }
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
            with open(os.path.join(d, rel), 'w') as f:
                f.write(text)
        found = check(d)
        expected = [
            'lib/load/up.cpp:2: load/ includes "engine/rule.h" from engine/, a stage above it',
            'lib/load/bare.cpp:1: "article.h" must name its folder',
            'lib/model/helper.cpp:1: only tests include testing/',
            'lib/stray/: not a known stage folder',
            'rules/some_rule.cpp:2: a rule includes "engine/run_check.h"',
        ]
        missing = [e for e in expected if not any(p.startswith(e) for p in found)]
        extra = [p for p in found if not any(p.startswith(e) for e in expected)]
        for m in missing:
            print('self-test: not found:', m)
        for x in extra:
            print('self-test: unexpected:', x)
        return 1 if missing or extra else 0


def main(argv):
    if argv[1:] == ['--self-test']:
        return self_test()
    repo = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    problems = check(repo)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
