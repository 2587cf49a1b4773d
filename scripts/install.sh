#!/usr/bin/env bash
# Installs exactly what package-lock.json pins. Not `npm ci`: the registry reachable here serves no
# macOS/Windows builds of optional platform packages (e.g. @next/swc-darwin-arm64 answers 404), so
# the lock cannot list them and `npm ci` refuses it as "out of sync"; `npm install` with the lock
# installs the same versions and skips the missing optional ones. The lock must come out unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
before="$(sha256sum package-lock.json)"
npm install --no-audit --no-fund
if [ "$before" != "$(sha256sum package-lock.json)" ]; then
  echo "package-lock.json changed during install: commit a lock that matches package.json." >&2
  exit 1
fi
node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()" # the native module built
