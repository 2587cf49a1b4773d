#!/usr/bin/env bash
# `npm run load`: the load test (scripts/load.ts) on SQLite and on a local PostgreSQL (scripts/pg-local.sh),
# each against its own production build, then both side by side. Extra arguments go to both runs,
# e.g. `npm run load -- --experts 5 --labels 100 --reads 20`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
[ -d node_modules ] || bash scripts/install.sh
rm -rf .data/load
npx prisma generate >/dev/null
bash scripts/build.sh
npx tsx --conditions=react-server scripts/load.ts --db sqlite "$@"
URL="$(bash scripts/pg-local.sh)"
restore() { npx prisma generate >/dev/null 2>&1 || true; rm -rf .next; }
trap restore EXIT
DATABASE_URL="$URL" npx prisma generate >/dev/null
DATABASE_URL="$URL" bash scripts/build.sh
npx tsx --conditions=react-server scripts/load.ts --db "$URL" "$@"
echo
npx tsx --conditions=react-server scripts/load.ts --table
