#!/usr/bin/env bash
# Installs what the tests need from the system's packages and npm, then runs the tests.
#   mold       the linker the mold variant measures
#   lld        a system ld.lld, so the lld variant is not rustc's bundled one
#   rustfilt   the reference demangler the symbol tests compare with
#   chromium   renders the golden reports as GitHub does (Markdown and Mermaid)
#   fonts-liberation, fonts-noto-color-emoji   the fonts those renderings measure their text and emoji with
# Another apt-get or dpkg holding the package lock is waited for (up to LOCK_WAIT_SECONDS), not a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

LOCK_WAIT_SECONDS=${LOCK_WAIT_SECONDS:-600}
wanted=(mold:mold ld.lld:lld rustfilt:rustfilt chromium:chromium)
# Packages without a command of their own: asked of dpkg.
wanted_files=(fonts-liberation fonts-noto-color-emoji)

missing=()
for entry in "${wanted[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done
for package in "${wanted_files[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done

sudo_prefix=()
[ "$(id -u)" -ne 0 ] && sudo_prefix=(sudo)

# apt-get with the lock waited for: its own timeout for dpkg's lock, and a retry for the package lists' lock.
apt_get() {
  local deadline=$((SECONDS + LOCK_WAIT_SECONDS)) output status
  while :; do
    status=0
    output=$(DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT_SECONDS" "$@" 2>&1) || status=$?
    if [ "$status" -eq 0 ]; then return 0; fi
    if grep -q 'Could not get lock\|Unable to lock' <<<"$output" && [ "$SECONDS" -lt "$deadline" ]; then
      echo "Another package manager holds the lock; waiting ($((deadline - SECONDS)) s left)..." >&2
      sleep 5
      continue
    fi
    echo "$output" >&2
    return "$status"
  done
}

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing from the system's packages: ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "System packages already there: mold, lld, rustfilt, chromium, fonts-liberation, fonts-noto-color-emoji."
fi
command -v cargo >/dev/null || { echo "The tests build Rust fixtures: install Rust (cargo) first." >&2; exit 1; }

npm ci --no-audit --no-fund
npm run package
mkdir -p build
status=0
npm test -- --reporter=default --reporter=json --outputFile.json=build/test-results.json || status=$?
node scripts/report-test-counts.mjs build/test-results.json || true
exit "$status"
