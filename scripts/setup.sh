#!/usr/bin/env bash
# Installs what this project needs on Debian or Ubuntu, then builds dist/.
#   scripts/setup.sh          what the demo needs (Node packages, the system ping)
#   scripts/setup.sh --test   and what the tests need from the system
# Idempotent: installs only what is missing, reinstalls Node packages only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test_tools=0
[ "${1:-}" = "--test" ] && with_test_tools=1

if ! command -v node >/dev/null || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "setup: Node.js 20 or newer is required (Debian: apt-get install nodejs npm, or https://nodejs.org)." >&2
  exit 1
fi

# System packages: command → Debian package.
missing=()
command -v ping >/dev/null || missing+=(iputils-ping)
if [ "$with_test_tools" = 1 ]; then
  command -v snmpd >/dev/null || [ -x /usr/sbin/snmpd ] || missing+=(snmpd)
  command -v python3 >/dev/null || missing+=(python3)
  # The dashboard's browser tests drive Debian's Chromium with playwright-core (no browser download).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -q . || missing+=(fonts-dejavu-core)
  # The agent packages (npm run dist, test/deploy): MSI, Authenticode, rpm, the executable under Wine,
  # the unit checked by systemd-analyze and enabled by the .deb's scripts.
  command -v wixl >/dev/null || missing+=(wixl)
  command -v msiinfo >/dev/null || missing+=(msitools)
  command -v osslsigncode >/dev/null || missing+=(osslsigncode)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v rpmbuild >/dev/null || missing+=(rpm)
  [ -x /usr/lib/wine/wine64 ] || missing+=(wine64)
  command -v systemd-analyze >/dev/null || missing+=(systemd)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: please install these Debian packages first: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node packages, from the lock file. Not `npm ci`: it refuses a lock that lacks chDB's engine
# packages for other platforms, which some registries and mirrors do not carry.
stamp=node_modules/.sf-lock-sha256
lock_sum() { sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1; }
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(lock_sum)" ]; then
  echo "setup: installing Node packages"
  npm install --no-audit --no-fund --loglevel=error
  lock_sum >"$stamp"
fi

node scripts/build.mjs
# The tests run the agent's Linux single executable too (about 10 s to build).
if [ "$with_test_tools" = 1 ] && [ "$(uname -s)" = Linux ]; then
  node scripts/build-sea.mjs >/dev/null
fi
