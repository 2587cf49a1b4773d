#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for tests: installs Debian's postgresql when missing
# (as root), initialises a cluster in .data/pg (trust auth, user postgres), and creates database dqs.
# Prints the DATABASE_URL to use. Usage: bash scripts/pg-local.sh [start|stop]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PG_PORT:-54329}"
# Outside the checkout, so that the postgres user can reach it wherever the checkout lives.
DIR="${PG_DATA_DIR:-/tmp/dqs-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

if [ "${1:-start}" = "stop" ]; then
  [ -n "$BIN" ] && [ -f "$DIR/postmaster.pid" ] && su postgres -s /bin/sh -c "$BIN/pg_ctl -D '$DIR' -m fast stop" >/dev/null || true
  exit 0
fi

if [ -z "$BIN" ]; then
  echo "Installing PostgreSQL (Debian)…" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi

run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

mkdir -p "$DIR"
[ "$(id -u)" = 0 ] && chown postgres "$DIR" || true
if [ ! -f "$DIR/PG_VERSION" ]; then
  run_pg "$BIN/initdb -D '$DIR' -A trust -U postgres" >/dev/null
fi
if ! run_pg "$BIN/pg_ctl -D '$DIR' status" >/dev/null 2>&1; then
  run_pg "$BIN/pg_ctl -D '$DIR' -l '$DIR/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR'\" start" >/dev/null
fi
run_pg "$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='dqs'\"" | grep -q 1 \
  || run_pg "$BIN/createdb -h 127.0.0.1 -p $PORT -U postgres dqs"
echo "postgresql://postgres@127.0.0.1:$PORT/dqs"
