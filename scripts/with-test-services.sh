#!/usr/bin/env bash
# Runs a command with the services the tests need started in a private scope, and stops them after:
# a private D-Bus session (tests never touch the desktop's bus) holding an unlocked
# gnome-keyring Secret Service with a throw-away keyring in a temp dir, for QtKeychain.
set -euo pipefail

if [ -z "${RECORDLOCK_IN_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  export RECORDLOCK_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/recordlock-services.XXXXXX")
keyring_pid=
cleanup() {
  if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

if [ -n "${RECORDLOCK_IN_TEST_SESSION:-}" ] && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # The keyring lives under a private XDG data dir so the tests never see a real one.
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf 'recordlock-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
  keyring_pid=${GNOME_KEYRING_PID:-}
  export RECORDLOCK_TEST_KEYCHAIN=1
fi

"$@"
