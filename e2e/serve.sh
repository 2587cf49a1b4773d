#!/usr/bin/env bash
# Starts the built app for the e2e tests on a fresh database: SQLite in .data/e2e.db by default, or
# E2E_DATABASE_URL (e.g. a local PostgreSQL) when set. Run `next build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-3100}"
export DATABASE_URL="${E2E_DATABASE_URL:-file:./.data/e2e-$PORT.db}"
export DATA_DIR="./.data/e2e-$PORT"
export NODE_ENV=production
npx tsx --conditions=react-server scripts/db.ts reset
exec npx next start -p "$PORT"
