#!/usr/bin/env bash
# Pictures of the real widgets for docs/screenshots/: every lock banner state and the main window,
# in English and German (file names end in -de), the banner and window also with a dark palette.
# Builds what is missing, starts two real recordlockd servers per language on free loopback ports
# (one with the default lock TTL, one with a 6 s TTL that the screenshot program pauses briefly to
# show a failing renewal, a pending request and a lost lock), and stops them again.
# Usage: scripts/make-screenshots.sh            (build dir: $RECORDLOCK_BUILD_DIR or ./build)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${RECORDLOCK_BUILD_DIR:-build}
out_dir=docs/screenshots
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j2 --target recordlockd recordlock_screenshots

server_bin="$build_dir/app/recordlockd/recordlockd"
shooter_bin="$build_dir/tests/gui/recordlock_screenshots"
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# start_server NAME [recordlockd options]: starts a demo server; sets $port and $pid.
start_server() {
    local name=$1
    shift
    mkdir -p "$work/$name"
    "$server_bin" --demo --data-dir "$work/$name" --listen 127.0.0.1:0 --port-file "$work/$name/port" "$@" \
        >"$work/$name/log" 2>&1 &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 100); do
        [[ -s "$work/$name/port" ]] && break
        sleep 0.1
    done
    if [[ ! -s "$work/$name/port" ]]; then
        echo "recordlockd ($name) did not start:" >&2
        cat "$work/$name/log" >&2
        exit 1
    fi
    port=$(tr -d '\n' <"$work/$name/port")
}

mkdir -p "$out_dir"
export QT_QPA_PLATFORM=offscreen
for lang in en de; do
    start_server "main-$lang"
    main_port=$port
    start_server "paused-$lang" --lock-ttl 6
    paused_port=$port
    paused_pid=$pid
    "$shooter_bin" --lang "$lang" --out "$out_dir" \
        --server "ws://127.0.0.1:$main_port/ws" \
        --paused-server "ws://127.0.0.1:$paused_port/ws" --paused-pid "$paused_pid"
done
echo "Screenshots are in $out_dir/"
