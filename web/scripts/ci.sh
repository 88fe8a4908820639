#!/usr/bin/env bash
# The web portal's checks, for CI (assumes build/hoptac and build/hoptac-smtp-sink exist, as scripts/test
# builds them first):
# install the locked dependencies, build (tsc + vite + .gz files), unit tests (Vitest), then the
# browser tests against the real server in Debian's Chromium. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fonts-noto-cjk
  else
    echo "web: ${CHROMIUM:-/usr/bin/chromium} is missing: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund --loglevel=error
npm run build
npm test
npm run test:browser
