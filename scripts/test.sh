#!/usr/bin/env bash
# The whole suite on SQLite: typecheck, lint, formatting (Prettier), unit tests, then the e2e tests against a production
# build in Chromium. Installs what is missing (node_modules, Chromium) first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
[ -d node_modules ] || bash scripts/install.sh
bash scripts/ensure-chromium.sh
npx prisma generate >/dev/null # the client for the default provider (SQLite)
npm run typecheck
npm run lint
npm run format:check
npm run test:unit
npm run test:e2e
