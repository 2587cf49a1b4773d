#!/usr/bin/env bash
# The e2e tests and the browser benchmarks drive Debian's Chromium headless shell (scripts/chromium.ts;
# Playwright's own browser download does not work offline). CHROMIUM_PATH names another browser; the
# full Chromium (/usr/bin/chromium) is installed too when it is the one named.
set -euo pipefail
BROWSER="${CHROMIUM_PATH:-/usr/lib/chromium/chromium-headless-shell}"
case "$BROWSER" in
  /usr/lib/chromium/chromium-headless-shell | /usr/bin/chromium-headless-shell) PACKAGE=chromium-headless-shell ;;
  /usr/bin/chromium) PACKAGE=chromium ;;
  *) PACKAGE="" ;;
esac
if [ ! -x "$BROWSER" ]; then
  if [ -z "$PACKAGE" ] || [ "$(id -u)" != 0 ]; then
    echo "Chromium is missing at $BROWSER: install it (sudo apt-get install -y ${PACKAGE:-chromium-headless-shell}) or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "Installing $PACKAGE (Debian)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE" >/dev/null
fi
