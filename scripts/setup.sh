#!/usr/bin/env bash
# Installs what Rotation Ready needs on a fresh Debian machine, then exits; safe to run again (fast when done).
#   Debian packages: libsecret-1-dev (keytar builds from source against it), gnome-keyring + dbus-x11
#   (a private Secret Service for the keychain tests), chromium (drives the VS Code UI in tests),
#   prometheus (test/unit/channels/prometheus.test.ts scrapes the metrics endpoint with a real server), openssl
#   (test/unit/rules/keyFiles.test.ts has it write the PKCS#12 files the .p12 rule must recognise),
#   python3 with python3-requests and python3-httpx (the yardstick's Python projects run against the simulator),
#   and what code-server's native modules need to build.
#   npm: the extension's packages, a Node 24 binary (code-server needs it) and code-server, the
#   last two in test/harness/ so they never reach the extension's node_modules or .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsecret-1-dev gnome-keyring dbus-x11 chromium openssl libkrb5-dev libx11-dev libxkbfile-dev pkg-config python3 python3-requests python3-httpx make g++ git prometheus)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 2
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile changed since the last install (node_modules/.package-lock.json is npm's own record).
install_if_stale() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: npm ci in ${dir}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_if_stale .
install_if_stale test/harness/node24
PATH="$PWD/test/harness/node24/node_modules/.bin:$PATH" install_if_stale test/harness/host
echo "setup: ready"
