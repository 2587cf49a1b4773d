#!/usr/bin/env bash
# The e2e suite against the production build (run `next build` first). Tests tagged @heavy train a
# TeVAE in the browser and hold a CPU core for minutes; on a two-core machine, running them beside
# other tests more than doubled their time (a CI run timed out after 6 minutes on one that takes under
# 3 alone). So they run first, alone, then everything else in parallel. Tests tagged @alone (the
# malformed-input corpus, which checksums the whole database) join the first pass: nothing else may write
# to the database while they run. Extra arguments (files, -g)
# go to both passes; a pass that finds no test is not a failure. Reports: playwright-report/{heavy,rest}.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
E2E_REPORT=playwright-report/heavy npx playwright test --grep "@heavy|@alone" --workers 1 --pass-with-no-tests "$@" || status=$?
E2E_REPORT=playwright-report/rest npx playwright test --grep-invert "@heavy|@alone" --pass-with-no-tests "$@" || status=$?
exit "$status"
