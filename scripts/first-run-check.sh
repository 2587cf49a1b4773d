#!/usr/bin/env bash
# Proves the README's first command on this checkout: starts `npm run demo` in the background, waits
# until it serves, signs in as each demo user over HTTP, then stops it. Run on a clean clone (CI does),
# so that nothing left by an earlier run (.data/, .next/) can hide a missing step.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${FIRST_RUN_PORT:-3210}"
BASE="http://localhost:$PORT"
LOG="$(mktemp)"
PORT="$PORT" setsid npm run demo >"$LOG" 2>&1 &
DEMO_PID=$!
stop() { kill -- "-$DEMO_PID" 2>/dev/null || true; wait "$DEMO_PID" 2>/dev/null || true; }
trap stop EXIT

deadline=$(( $(date +%s) + ${FIRST_RUN_TIMEOUT_S:-900} ))
until curl -fsS "$BASE/api/health" >/dev/null 2>&1; do
  if ! kill -0 "$DEMO_PID" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
    echo "first run: 'npm run demo' did not serve $BASE; its output:" >&2
    tail -n 60 "$LOG" >&2
    exit 1
  fi
  sleep 3
done

failed=0
for account in admin:admin-demo-pw expert:expert-demo-pw analyst:analyst-demo-pw; do
  email="${account%%:*}@dqs.local"
  password="${account#*:}"
  status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$BASE/api/auth/signin" \
    -H "Content-Type: application/json" -H "Origin: $BASE" \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}")
  echo "first run: sign-in as $email → HTTP $status"
  [ "$status" = 200 ] || failed=1
done
[ "$failed" = 0 ] || { echo "first run: a demo user could not sign in" >&2; exit 1; }

# The seeded finished linear run on the demo dataset, as the analyst sees it through the API.
JAR="$(mktemp)"
curl -fsS -c "$JAR" -o /dev/null -X POST "$BASE/api/auth/signin" -H "Content-Type: application/json" -H "Origin: $BASE" \
  --data '{"email":"analyst@dqs.local","password":"analyst-demo-pw"}'
dataset=$(curl -fsS -b "$JAR" "$BASE/api/datasets" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const d=JSON.parse(s).datasets.find((x)=>x.name.startsWith("PATH demo"));console.log(d?d.id:"")})')
runs=$(curl -fsS -b "$JAR" "$BASE/api/runs?datasetId=$dataset" | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const r=JSON.parse(s).runs.filter((x)=>x.detector==="linear"&&x.status==="complete"&&x._count.scores===80);console.log(r.length)})')
rm -f "$JAR"
echo "first run: finished linear runs with 80 scored drives on the demo dataset: $runs"
[ "$runs" = 1 ] || { echo "first run: the seeded linear run is missing" >&2; exit 1; }
echo "first run: 'npm run demo' served $BASE on a fresh checkout, every demo user signed in and the seeded run is there"
