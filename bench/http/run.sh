#!/usr/bin/env bash
# HTTP load benchmark: hoptac's transport against nginx serving the same ~1 KB JSON body.
#
#   bench/http/run.sh [BUILD_DIR]       (default: build; needs hoptac-bench-http-server built)
#
# Env: DURATION (10s per run), ROUNDS (3; the cases are interleaved and the median is reported,
#      which matters on a shared machine), CONNECTIONS (64), THREADS (2), IO_THREADS (2),
#      NGINX_WORKERS (= IO_THREADS), WORKER_THREADS (2).
# Everything runs on 127.0.0.1 in a temporary directory that is removed at the end; each run is
# bounded by DURATION. wrk shares the machine's cores with the server under test, the same for
# every server. Prints each run, then per case the median req/s, median p99 and ratio to nginx.
set -euo pipefail

BUILD_DIR=${1:-build}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
IO_THREADS=${IO_THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-$IO_THREADS}  # as many processes as we have I/O threads
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

# to_ms "850.00us" -> 0.850
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# bench NAME URL: one wrk run; appends req/s and p99 (ms) to $WORK/NAME.rps and .p99.
bench() {
  local name=$1 url=$2 out file
  file="$WORK/$(tr ' /()+' '_____' <<<"$name")"
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  if grep -q "Non-2xx" <<<"$out"; then echo "run.sh: $name had errors:"; echo "$out"; exit 1; fi
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  echo "$rps" >>"$file.rps"
  echo "$p99" >>"$file.p99"
  printf '  %-26s %10s req/s   p99 %7s ms   %s\n' "$name" "$rps" "$p99" "$(grep "Socket errors" <<<"$out" || true)"
}
summary() {
  local name=$1 file
  file="$WORK/$(tr ' /()+' '_____' <<<"$name")"
  RPS[$name]=$(median <"$file.rps")
  P99[$name]=$(median <"$file.p99")
}
declare -A RPS P99

# The bench server writes bench.json into the web root; nginx serves those same bytes.
start_hoptac quiet --access-log off
QUIET_PORT=$HOPTAC_PORT
EXPECTED=$(curl -fsS "http://127.0.0.1:$QUIET_PORT/api/fast")
start_hoptac logged --access-log "$WORK/access.log"
LOGGED_PORT=$HOPTAC_PORT
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

# Every server must give the same bytes before it is timed.
[[ "$(curl -fsS "http://127.0.0.1:$NGINX_PORT/bench.json")" == "$EXPECTED" ]] || { echo "run.sh: nginx body differs"; exit 1; }
for path in /api/fast /api/worker /bench.json; do
  [[ "$(curl -fsS "http://127.0.0.1:$QUIET_PORT$path")" == "$EXPECTED" ]] || { echo "run.sh: $path body differs"; exit 1; }
done
[[ "$(curl -fsS "http://127.0.0.1:$LOGGED_PORT/api/fast")" == "$EXPECTED" ]] || { echo "run.sh: logged body differs"; exit 1; }

declare -A URLS=(
  ["nginx static"]="http://127.0.0.1:$NGINX_PORT/bench.json"
  ["hoptac TryFast"]="http://127.0.0.1:$QUIET_PORT/api/fast"
  ["hoptac Handle (workers)"]="http://127.0.0.1:$QUIET_PORT/api/worker"
  ["hoptac static file"]="http://127.0.0.1:$QUIET_PORT/bench.json"
  ["hoptac TryFast + log"]="http://127.0.0.1:$LOGGED_PORT/api/fast"
)
CASES=("nginx static" "hoptac TryFast" "hoptac Handle (workers)" "hoptac static file" "hoptac TryFast + log")

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS round(s), on $(nproc) cores (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); body $(printf %s "$EXPECTED" | wc -c) bytes"
for name in "${CASES[@]}"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d1s "${URLS[$name]}" >/dev/null; done  # warm-up
for round in $(seq "$ROUNDS"); do
  echo "round $round"
  for name in "${CASES[@]}"; do bench "$name" "${URLS[$name]}"; done
done
lines=$(wc -l <"$WORK/access.log")
[[ "$lines" -gt 0 ]] || { echo "run.sh: access log is empty"; exit 1; }

echo
echo "median of $ROUNDS round(s):"
for name in "${CASES[@]}"; do summary "$name"; done
base=${RPS["nginx static"]}
for name in "${CASES[@]}"; do
  awk -v n="$name" -v a="${RPS[$name]}" -v b="$base" -v p="${P99[$name]}" \
    'BEGIN { printf "%-26s %10.0f req/s   p99 %7.2f ms   %.2f of nginx\n", n, a, p, a / b }'
done
echo "access log lines written (logged server, all rounds): $lines"
