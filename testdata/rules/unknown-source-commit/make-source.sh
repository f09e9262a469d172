#!/bin/sh
# Builds the source repository of this fixture in $1: two commits with fixed
# dates and authors, so their ids are always the same. The second commit
# changes docs/page.md.
set -e
cd "$1"
git init -q .
git config user.name "tmlint fixtures"
git config user.email "fixtures@tmlint.invalid"
git config commit.gpgsign false
mkdir -p docs
printf '# Page\n\nThe first version of the page.\n' > docs/page.md
printf '# Other\n\nAnother page.\n' > docs/other.md
git add docs
GIT_AUTHOR_DATE="2021-01-04T10:00:00Z" GIT_COMMITTER_DATE="2021-01-04T10:00:00Z" git commit -q -m "First version"
printf '# Page\n\nThe second version of the page, after the handoff.\n' > docs/page.md
git add docs
GIT_AUTHOR_DATE="2021-02-08T10:00:00Z" GIT_COMMITTER_DATE="2021-02-08T10:00:00Z" git commit -q -m "Second version"
git rev-list --reverse HEAD
