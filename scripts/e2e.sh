#!/usr/bin/env bash
# The e2e suite against the production build (run `next build` first). Tests tagged @heavy train a
# TeVAE in the browser and hold a CPU core for minutes; on a two-core machine, running them beside
# other tests more than doubled their time (a CI run timed out after 6 minutes on one that takes under
# 3 alone). So they run first, alone, then everything else in parallel. Tests tagged @alone (the
# malformed-input corpus, which checksums the whole database) join the first pass: nothing else may write
# to the database while they run. Extra arguments (files, -g)
# go to both passes; a pass that finds no test is not a failure. Reports: playwright-report/{heavy,rest};
# a failed pass's failed spec files run once more with a trace (scripts/e2e-pass.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/e2e-pass.sh
status=0
e2e_pass heavy --grep "@heavy|@alone" --workers 1 "$@" || status=$?
e2e_pass rest --grep-invert "@heavy|@alone" "$@" || status=$?
exit "$status"
