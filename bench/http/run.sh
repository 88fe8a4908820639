#!/usr/bin/env bash
# HTTP load benchmark: hoptac's transport against nginx serving the same ~1 KB JSON body.
#
#   bench/http/run.sh [BUILD_DIR]       (default: build; needs hoptac-bench-http-server built)
#
# Env: DURATION (10s), CONNECTIONS (64), THREADS (2), NGINX_WORKERS (1), IO_THREADS (2),
#      WORKER_THREADS (2).
# Everything runs on 127.0.0.1 in a temporary directory that is removed at the end; each run is
# bounded by DURATION. wrk shares the machine's cores with the server under test, the same for
# every server. Prints one line per case: req/s, p99 latency, ratio to nginx.
set -euo pipefail

BUILD_DIR=${1:-build}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-1}
IO_THREADS=${IO_THREADS:-2}
WORKER_THREADS=${WORKER_THREADS:-2}
SERVER_BIN="$BUILD_DIR/hoptac-bench-http-server"

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 2; }
done
[[ -x "$SERVER_BIN" ]] || { echo "run.sh: $SERVER_BIN not found; build hoptac-bench-http-server" >&2; exit 2; }

WORK=$(mktemp -d -t hoptac-bench-http.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/web" "$WORK/nginx"
chmod 755 "$WORK/web"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  if [[ -f "$WORK/nginx/nginx.pid" ]]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; sleep 0.3; fi
  rm -r -- "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_hoptac NAME ARGS...: starts the bench server, sets HOPTAC_PORT.
start_hoptac() {
  local log="$WORK/$1.out"; shift
  "$SERVER_BIN" --io-threads "$IO_THREADS" --worker-threads "$WORKER_THREADS" --web-root "$WORK/web" "$@" >"$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do
    if grep -q "listening on" "$log" 2>/dev/null; then break; fi
    sleep 0.05
  done
  HOPTAC_PORT=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -1)
  [[ -n "$HOPTAC_PORT" ]] || { echo "run.sh: bench server did not start:"; cat "$log"; exit 1; }
}

stop_last() {
  local pid=${PIDS[-1]}
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  unset 'PIDS[-1]'
}

# bench NAME URL: prints "NAME req/s p99" and stores them.
declare -A RPS P99
bench() {
  local name=$1 url=$2 out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null  # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  if grep -q "Non-2xx" <<<"$out"; then echo "run.sh: $name had errors:"; echo "$out"; exit 1; fi
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  P99[$name]=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local socket_errors; socket_errors=$(grep "Socket errors" <<<"$out" || true)
  printf '%-26s %10s req/s   p99 %8s   %s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "$socket_errors"
}

# --- nginx with the same bytes as a static file ---
start_hoptac check   # writes bench.json into the web root
EXPECTED=$(curl -fsS "http://127.0.0.1:$HOPTAC_PORT/api/fast")
stop_last
NGINX_PORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes $NGINX_WORKERS;
daemon on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { application/json json; }
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/web;
    location / { }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$NGINX_PORT/bench.json" >/dev/null 2>&1 && break; sleep 0.1; done
[[ "$(curl -fsS "http://127.0.0.1:$NGINX_PORT/bench.json")" == "$EXPECTED" ]] || { echo "run.sh: nginx body differs"; exit 1; }

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores; body $(printf %s "$EXPECTED" | wc -c) bytes"
bench "nginx static" "http://127.0.0.1:$NGINX_PORT/bench.json"
kill "$(cat "$WORK/nginx/nginx.pid")"; sleep 0.5; rm -f "$WORK/nginx/nginx.pid"

# --- hoptac, access log off ---
start_hoptac quiet --access-log off
for path in /api/fast /api/worker /bench.json; do
  [[ "$(curl -fsS "http://127.0.0.1:$HOPTAC_PORT$path")" == "$EXPECTED" ]] || { echo "run.sh: $path body differs"; exit 1; }
done
bench "hoptac TryFast" "http://127.0.0.1:$HOPTAC_PORT/api/fast"
bench "hoptac Handle (workers)" "http://127.0.0.1:$HOPTAC_PORT/api/worker"
bench "hoptac static file" "http://127.0.0.1:$HOPTAC_PORT/bench.json"
stop_last

# --- hoptac, access log to a file ---
start_hoptac logged --access-log "$WORK/access.log"
bench "hoptac TryFast + log" "http://127.0.0.1:$HOPTAC_PORT/api/fast"
stop_last
lines=$(wc -l <"$WORK/access.log")
[[ "$lines" -gt 0 ]] || { echo "run.sh: access log is empty"; exit 1; }

echo
base=${RPS["nginx static"]}
for name in "hoptac TryFast" "hoptac Handle (workers)" "hoptac static file" "hoptac TryFast + log"; do
  awk -v n="$name" -v a="${RPS[$name]}" -v b="$base" -v p="${P99[$name]}" \
    'BEGIN { printf "%-26s %.2f of nginx  (p99 %s)\n", n, a / b, p }'
done
echo "access log lines written: $lines"
