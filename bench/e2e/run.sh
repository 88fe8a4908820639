#!/usr/bin/env bash
# End-to-end benchmark of the foundation (issue 2), in one run on this machine:
#  1. import rate: hoptac import of 100,000 JSON Lines records into a fresh store;
#  2. HTTP: wrk on loopback against hoptac serve (GET of one profile, a filtered list) and against
#     nginx serving the same JSON bytes as static files, same wrk settings.
# Usage: bench/e2e/run.sh [records=100000] [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
SECS=${2:-10}
cmake --build build --target hoptac hoptac-gen-jsonl >/dev/null
WORK=$(mktemp -d /tmp/hoptac-e2e.XXXXXX)
cleanup() {
  [ -n "${HOPTAC_PID:-}" ] && kill "$HOPTAC_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== import of $N records"
build/hoptac-gen-jsonl "$N" > "$WORK/import.jsonl"
START=$(date +%s.%N)
build/hoptac import --data "$WORK/import-data" "$WORK/import.jsonl" 2>/dev/null
END=$(date +%s.%N)
awk -v n="$N" -v s="$START" -v e="$END" 'BEGIN{printf "import: %.2f s, %.0f records/s\n", e-s, n/(e-s)}'

echo "== HTTP (wrk -t2 -c64 -d${SECS}s, loopback)"
build/hoptac demo --data "$WORK/data" >/dev/null
build/hoptac serve --data "$WORK/data" --listen 127.0.0.1:0 --port-file "$WORK/port" --access-log off >/dev/null 2>&1 &
HOPTAC_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port")
ONE="/api/v1/profiles/1"
LIST="/api/v1/profiles?kind=offer&status=published&limit=20"
mkdir -p "$WORK/www"
curl -sf "http://127.0.0.1:$PORT$ONE" > "$WORK/www/one.json"
curl -sf "http://127.0.0.1:$PORT$LIST" > "$WORK/www/list.json"
NGINX_PORT=$((PORT + 1))
cat > "$WORK/nginx.conf" <<NGX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGX
nginx -c "$WORK/nginx.conf"
sleep 0.5
run() {  # name url
  local out
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$2" 2>&1)
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '/ 99%/ {print $2}')
  printf "%-28s %12s req/s   p99 %s\n" "$1" "$rps" "$p99"
  echo "$rps" > "$WORK/rps-$1"
}
run hoptac-one "http://127.0.0.1:$PORT$ONE"
run nginx-one "http://127.0.0.1:$NGINX_PORT/one.json"
run hoptac-list "http://127.0.0.1:$PORT$LIST"
run nginx-list "http://127.0.0.1:$NGINX_PORT/list.json"
# The cold path: the same list computed on a worker for every request (no response cache).
kill "$HOPTAC_PID"; wait "$HOPTAC_PID" 2>/dev/null || true
rm -f "$WORK/port"
build/hoptac serve --data "$WORK/data" --listen 127.0.0.1:0 --port-file "$WORK/port" --access-log off \
  --no-response-cache >/dev/null 2>&1 &
HOPTAC_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT=$(cat "$WORK/port")
run hoptac-list-uncached "http://127.0.0.1:$PORT$LIST"
awk -v a="$(cat "$WORK/rps-hoptac-one")" -v b="$(cat "$WORK/rps-nginx-one")" \
    'BEGIN{printf "ratio one profile: %.2f of nginx\n", a/b}'
awk -v a="$(cat "$WORK/rps-hoptac-list")" -v b="$(cat "$WORK/rps-nginx-list")" \
    'BEGIN{printf "ratio filtered list: %.2f of nginx\n", a/b}'
echo "bytes: one profile $(wc -c < "$WORK/www/one.json"), list $(wc -c < "$WORK/www/list.json")"
