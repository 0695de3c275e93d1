#!/usr/bin/env bash
# Runs a command with the services the tests need started in a private scope, and stops them after.
# Now: a private D-Bus session (tests never touch the desktop's bus).
set -euo pipefail

if [ -z "${RECORDLOCK_IN_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  export RECORDLOCK_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

exec "$@"
