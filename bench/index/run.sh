#!/usr/bin/env bash
# Index benchmark: builds hoptac-bench-index (Release, in build-bench/) and runs it on one core at
# 100,000 and then 1,000,000 profiles: our index vs SQLite FTS5, PostgreSQL and Xapian on the same
# corpus and queries. The Markdown report goes to stdout, progress to stderr.
#
#   bench/index/run.sh                      # 100k then 1M (about an hour on a quiet 2-core machine)
#   SIZES="20000" bench/index/run.sh        # other sizes
#   BUDGET=60 CORE=0 bench/index/run.sh     # seconds per reference engine and workload; which core
#   bench/index/run.sh --engines ours,xapian   # extra flags go to the program
#
# Needs libxapian-dev and libpq-dev to build; PostgreSQL (Debian `postgresql`) to include it, else
# that engine is skipped with a message. Run it when the machine is otherwise idle: the wall-clock
# figures include any time other processes take the core (the report also gives CPU time).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${BUILD:-$ROOT/build-bench}"
SIZES="${SIZES:-100000 1000000}"
BUDGET="${BUDGET:-120}"
CORE="${CORE:-1}"

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOPTAC_BUILD_TESTS=OFF >&2
fi
ninja -C "$BUILD" -j2 hoptac-bench-index >&2

echo "# hoptac-bench-index, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
     "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo); pinned to core $CORE;"\
     "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
  taskset -c "$CORE" "$BUILD/hoptac-bench-index" --n "$n" --budget "$BUDGET" "$@"
done
