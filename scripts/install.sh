#!/usr/bin/env bash
# Installs exactly what package-lock.json pins. The lock lists every platform's optional packages
# (Next's SWC builds, unrs-resolver bindings); npm ci skips the ones for other platforms.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" # the native module built
