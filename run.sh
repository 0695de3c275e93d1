#!/usr/bin/env bash
# Sets up what is missing, builds RecordLock and runs it on its embedded default (SQLite):
# recordlockd with demo data plus two desktop windows signed in as alice and bob, side by side.
#
# Usage: ./run.sh [--lang CODE] [--server URL] [--server-only] [--listen ADDR:PORT]
#   --lang de        start the windows in German
#   --server URL     do not start a server; connect the windows to URL (ws://host:port/ws)
#   --server-only    start only recordlockd (in the foreground)
#   --listen A:P     where the local server listens (default 127.0.0.1:8765)
set -euo pipefail
cd "$(dirname "$0")"

lang=""
server_url=""
server_only=0
listen=127.0.0.1:8765
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) lang=$2; shift 2 ;;
    --lang=*) lang=${1#*=}; shift ;;
    --server) server_url=$2; shift 2 ;;
    --server=*) server_url=${1#*=}; shift ;;
    --server-only) server_only=1; shift ;;
    --listen) listen=$2; shift 2 ;;
    --listen=*) listen=${1#*=}; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh run

build_dir=${RECORDLOCK_BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
. scripts/use-clang.sh
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$jobs" --target recordlockd recordlock

server_bin="$build_dir/app/recordlockd/recordlockd"
client_bin="$build_dir/app/recordlock/recordlock"
data_dir=${RECORDLOCK_DATA_DIR:-$PWD/run-data}
mkdir -p "$data_dir"

if [ "$server_only" = 1 ]; then
  echo "Starting recordlockd with demo data in $data_dir. Stop it with Ctrl+C."
  exec "$server_bin" --demo --data-dir "$data_dir" --listen "$listen"
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [ -z "$server_url" ]; then
  port_file=$(mktemp)
  "$server_bin" --demo --data-dir "$data_dir" --listen "$listen" --port-file "$port_file" &
  pids+=($!)
  for _ in $(seq 1 100); do
    [ -s "$port_file" ] && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "recordlockd did not start (is $listen in use?)" >&2; exit 1; }
    sleep 0.1
  done
  [ -s "$port_file" ] || { echo "recordlockd did not report its port" >&2; exit 1; }
  server_url="ws://${listen%:*}:$(cat "$port_file")/ws"
  rm -f "$port_file"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  display=:${RECORDLOCK_XVFB_DISPLAY:-77}
  Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  export DISPLAY=$display
  for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  echo "No display found: the windows run on the virtual display $DISPLAY (Xvfb)."
fi

lang_args=()
[ -n "$lang" ] && lang_args=(--lang "$lang")
echo "Server: $server_url (demo users alice, bob: editors; carol: admin; password = user name)"
RECORDLOCK_PASSWORD=alice "$client_bin" --server "$server_url" --user alice --position left "${lang_args[@]}" &
pids+=($!)
alice=$!
RECORDLOCK_PASSWORD=bob "$client_bin" --server "$server_url" --user bob --position right "${lang_args[@]}" &
pids+=($!)
bob=$!
echo "Two windows are open (alice left, bob right). Close both, or press Ctrl+C, to stop."
wait "$alice" "$bob" || true
