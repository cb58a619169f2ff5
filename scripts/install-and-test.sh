#!/usr/bin/env bash
# Installs what the tests need (mold from the system's packages, the npm packages) and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mold >/dev/null 2>&1; then
  sudo_prefix=()
  [ "$(id -u)" -ne 0 ] && sudo_prefix=(sudo)
  "${sudo_prefix[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq mold >/dev/null
fi
command -v cargo >/dev/null || { echo "The tests build Rust fixtures: install Rust (cargo) first." >&2; exit 1; }

npm ci --no-audit --no-fund
npm run package
mkdir -p build
status=0
npm test -- --reporter=default --reporter=json --outputFile.json=build/test-results.json || status=$?
node scripts/report-test-counts.mjs build/test-results.json || true
exit "$status"
