#!/usr/bin/env bash
# Installs what the tests need (mold and rustfilt from the system's packages, the npm packages) and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# mold for the linker variants, rustfilt as the reference demangler the symbol tests compare with.
missing=()
command -v mold >/dev/null 2>&1 || missing+=(mold)
command -v rustfilt >/dev/null 2>&1 || missing+=(rustfilt)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_prefix=()
  [ "$(id -u)" -ne 0 ] && sudo_prefix=(sudo)
  "${sudo_prefix[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "The tests build Rust fixtures: install Rust (cargo) first." >&2; exit 1; }

npm ci --no-audit --no-fund
npm run package
mkdir -p build
status=0
npm test -- --reporter=default --reporter=json --outputFile.json=build/test-results.json || status=$?
node scripts/report-test-counts.mjs build/test-results.json || true
exit "$status"
