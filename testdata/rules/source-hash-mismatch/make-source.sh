#!/bin/sh
# The same two-commit repository as unknown-source-commit's fixture.
exec sh "$(dirname "$0")/../unknown-source-commit/make-source.sh" "$1"
