#!/usr/bin/env bash
# The e2e suite against a local PostgreSQL (installed and started by scripts/pg-local.sh): generates
# the PostgreSQL client, builds, runs Playwright with E2E_DATABASE_URL, then puts the SQLite client back.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
[ -d node_modules ] || bash scripts/install.sh
bash scripts/ensure-chromium.sh
URL="$(bash scripts/pg-local.sh)"
echo "PostgreSQL at $URL"
restore() { npx prisma generate >/dev/null 2>&1 || true; rm -rf .next; }
trap restore EXIT
DATABASE_URL="$URL" npx prisma generate >/dev/null
DATABASE_URL="$URL" bash scripts/build.sh
# Tests tagged @loop train models in the browser: the database work they do is covered by the
# other tests, and running them twice would double the suite's time.
# @alone tests (the malformed-input corpus checksums the whole database) run first, by themselves.
source scripts/e2e-pass.sh
export E2E_DATABASE_URL="$URL"
e2e_pass pg-alone --grep @alone --workers 1
e2e_pass pg --grep-invert "@loop|@alone"
unset E2E_DATABASE_URL
# A small load test on this build (the full one: npm run load), through two app instances on this one
# PostgreSQL: experts sign in and label on either, doubled and dropped submissions; every label must be
# stored once, the threshold must follow them, and both instances must list the same history.
npx tsx --conditions=react-server scripts/load.ts --db "$URL" --instances 2 --experts 6 --labels 120 --reads 20
