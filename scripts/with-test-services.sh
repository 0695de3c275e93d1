#!/usr/bin/env bash
# Runs a command with the services the tests need started in a private scope, and stops them after:
# - a private D-Bus session (tests never touch the desktop's bus) holding an unlocked
#   gnome-keyring Secret Service with a throw-away keyring in a temp dir, for QtKeychain;
# - a throw-away PostgreSQL cluster on 127.0.0.1 and a random port
#   (RECORDLOCK_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres);
# - a redis-server without persistence on 127.0.0.1 and a random port
#   (RECORDLOCK_TEST_REDIS_URL=redis://127.0.0.1:PORT).
# A service whose binaries are missing is skipped with a note (scripts/install-deps.sh test installs them);
# the tests that need it then fail and say so.
set -euo pipefail

if [ -z "${RECORDLOCK_IN_TEST_SESSION:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  export RECORDLOCK_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/recordlock-services.XXXXXX")
keyring_pid=
pg_bin=
pg_data=
pg_user=()
redis_pid=
cleanup() {
  if [ -n "$redis_pid" ]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# A port nothing listens on now (the server that takes it may still lose a race: callers retry).
random_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

start_postgres() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "with-test-services: PostgreSQL not installed (scripts/install-deps.sh test); RECORDLOCK_TEST_PG_URL unset" >&2
    pg_bin=
    return 0
  fi
  local dir="$scratch/pg"
  mkdir -p "$dir"
  pg_data="$dir/data"
  # initdb refuses to run as root: the cluster then belongs to the postgres system user.
  if [ "$(id -u)" -eq 0 ]; then
    chmod 755 "$scratch"
    chown postgres: "$dir"
    pg_user=(runuser -u postgres --)
  fi
  # C locale: ORDER BY id sorts by code point, as SQLite does.
  if ! "${pg_user[@]}" "$pg_bin/initdb" -D "$pg_data" --auth=trust -U postgres --no-sync \
      --locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    return 1
  fi
  local port
  for _ in 1 2 3 4 5; do
    port=$(random_free_port)
    # fsync off: a throw-away cluster; synchronous_commit stays on as in production.
    if "${pg_user[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 20 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >/dev/null 2>&1; then
      export RECORDLOCK_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  echo "with-test-services: PostgreSQL did not start:" >&2
  cat "$dir/server.log" >&2
  return 1
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "with-test-services: redis-server not installed (scripts/install-deps.sh test); RECORDLOCK_TEST_REDIS_URL unset" >&2
    return 0
  fi
  local dir="$scratch/redis" port
  mkdir -p "$dir"
  for _ in 1 2 3 4 5; do
    port=$(random_free_port)
    redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" \
      --daemonize no --logfile "$dir/redis.log" &
    redis_pid=$!
    for _ in $(seq 1 50); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        export RECORDLOCK_TEST_REDIS_URL="redis://127.0.0.1:$port"
        return 0
      fi
      kill -0 "$redis_pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=
  done
  echo "with-test-services: redis-server did not start:" >&2
  cat "$dir/redis.log" >&2
  return 1
}

if [ -n "${RECORDLOCK_IN_TEST_SESSION:-}" ] && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # The keyring lives under a private XDG data dir so the tests never see a real one.
  export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
  eval "$(printf 'recordlock-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
  keyring_pid=${GNOME_KEYRING_PID:-}
  export RECORDLOCK_TEST_KEYCHAIN=1
fi

start_postgres
start_redis

# Not exec: the trap must stop the servers after the command.
status=0
"$@" || status=$?
exit "$status"
