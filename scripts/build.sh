#!/usr/bin/env bash
# `next build`, skipped when .next was already built from exactly this working tree for the same
# database provider (the Prisma client differs between SQLite and PostgreSQL): CI builds once for the
# first-run check and once more for PostgreSQL, not three times. The key hashes every tracked and
# untracked, not ignored file but the e2e tests and the docs, so any edit to the app rebuilds. FORCE_BUILD=1 always builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
case "${DATABASE_URL:-}" in postgres*) provider=postgresql ;; *) provider=sqlite ;; esac
# (A tracked file deleted in the tree makes sha1sum complain: the complaint is hashed too.)
# The e2e tests and the docs are not part of the app, so they are left out of the key.
key="$provider $({ git ls-files -co --exclude-standard -z -- . ':!e2e' ':!docs' ':!*.md' | sort -z | xargs -0 sha1sum 2>&1 || true; } | sha1sum | cut -c1-40)"
stamp=.next/dqs-build-key
if [ "${FORCE_BUILD:-}" != 1 ] && [ -f .next/BUILD_ID ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
  echo "build: .next is already built from this tree for $provider; not building again"
  exit 0
fi
rm -f "$stamp"
npx next build
echo "$key" > "$stamp"
