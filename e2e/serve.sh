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
# Idle connections are kept 65 s, longer than clients (browsers, Playwright, proxies) keep theirs: with
# Node's default of 5 s a client could send on a socket the server was closing (ECONNRESET, seen once
# in delete.spec.ts between two requests 5 s apart).
exec npx next start -p "$PORT" --keepAliveTimeout 65000
