#!/usr/bin/env bash
# Installs, migrates, seeds (demo users, dataset and a finished linear run) and serves the app on http://localhost:3000,
# on the embedded SQLite database in .data/dqs.db unless DATABASE_URL says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
[ -d node_modules ] || bash scripts/install.sh
npm run db:setup
bash scripts/build.sh
exec npx next start -p "${PORT:-3000}" --keepAliveTimeout 65000 # longer than clients and proxies keep idle connections
