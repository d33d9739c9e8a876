#!/usr/bin/env bash
# Runs a command against a throwaway Secret Service: a private D-Bus session bus (no service
# activation, so nothing on the machine can be auto-started into it) with its own gnome-keyring
# daemon, unlocked with a random password, keeping its files in a fresh temporary directory.
# The machine's own keychain is never touched; the script refuses to run if it cannot isolate.
#
#   bash scripts/with-keyring.sh <command…>
#
# Inside the command these are set (tests check them, see test/keychain/private.ts):
#   RR_PRIVATE_KEYRING=1          the marker that this script is in charge
#   RR_KEYRING_ROOT               the temporary directory (bus socket, keyrings, runtime dir)
#   RR_KEYRING_PASSWORD           the throwaway keyring password (to unlock or restart the daemon)
#   RR_PRIVATE_DBUS_ADDRESS       the private bus address (= DBUS_SESSION_BUS_ADDRESS)
#   XDG_DATA_HOME, XDG_RUNTIME_DIR  inside RR_KEYRING_ROOT, so a restarted daemon stays private
# Recipe: /work/shared/HARNESS.md, "Keychain inside the harness".
set -euo pipefail

die() { echo "with-keyring: $*" >&2; exit 2; }

if [ "${1:-}" = "--inside" ]; then
  shift
  # Refuse unless we are on the private bus this script created.
  [ -n "${RR_KEYRING_ROOT:-}" ] || die "RR_KEYRING_ROOT is not set; run this script without --inside"
  case "${DBUS_SESSION_BUS_ADDRESS:-}" in
    "unix:path=$RR_KEYRING_ROOT/bus/socket"*) ;;
    *) die "not on the private bus (DBUS_SESSION_BUS_ADDRESS is '${DBUS_SESSION_BUS_ADDRESS:-}'); refusing to touch a real keychain" ;;
  esac
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    die "a Secret Service already owns the private bus; refusing"
  fi

  RR_KEYRING_PASSWORD="rr-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  export RR_KEYRING_PASSWORD
  # --unlock reads the password from stdin and creates the login keyring in XDG_DATA_HOME/keyrings.
  daemon_env="$(printf '%s' "$RR_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)" \
    || die "gnome-keyring-daemon did not start"
  while IFS= read -r line; do
    case "$line" in *=*) export "${line?}" ;; esac
  done <<<"$daemon_env"

  # Wait until the daemon owns org.freedesktop.secrets on our bus.
  for _ in $(seq 1 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      break
    fi
    sleep 0.1
  done
  daemon_pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}')"
  [ -n "$daemon_pid" ] || die "the private gnome-keyring-daemon did not appear on the bus"

  export RR_PRIVATE_KEYRING=1
  export RR_PRIVATE_DBUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"
  set +e
  "$@"
  status=$?
  set -e
  # The daemon would exit with the bus; end it explicitly, by the id the bus reports (tests may
  # have restarted it with --replace, so ask again).
  daemon_pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}')" || true
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
  exit "$status"
fi

[ $# -gt 0 ] || die "usage: with-keyring.sh <command…>"
command -v dbus-run-session >/dev/null || die "dbus-run-session not found (apt-get install dbus-x11 / dbus-daemon)"
command -v dbus-send >/dev/null || die "dbus-send not found (apt-get install dbus)"
command -v gnome-keyring-daemon >/dev/null || die "gnome-keyring-daemon not found (apt-get install gnome-keyring)"

RR_KEYRING_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/rr-keyring.XXXXXX")"
cleanup() { rm -rf "$RR_KEYRING_ROOT"; }
trap cleanup EXIT
mkdir -m 700 "$RR_KEYRING_ROOT/bus" "$RR_KEYRING_ROOT/data" "$RR_KEYRING_ROOT/runtime"

# A session bus that listens only on our socket and has no service directories: nothing can be
# activated into it (not even gcr-prompter, so a locked keyring fails fast instead of prompting).
cat >"$RR_KEYRING_ROOT/bus/session.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$RR_KEYRING_ROOT/bus/socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

export RR_KEYRING_ROOT
export XDG_DATA_HOME="$RR_KEYRING_ROOT/data"
export XDG_RUNTIME_DIR="$RR_KEYRING_ROOT/runtime"
unset GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
set +e
dbus-run-session --config-file="$RR_KEYRING_ROOT/bus/session.conf" -- bash "${BASH_SOURCE[0]}" --inside "$@" \
  2> >(grep --line-buffered -v -e 'Failed to set fd limit' -e 'org.gnome.keyring.SystemPrompter' >&2)
status=$?
set -e
exit "$status"
