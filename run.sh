#!/usr/bin/env bash
# Sets up what is missing, builds RecordLock and runs it on its embedded default (SQLite) with demo data.
# Usage: ./run.sh [recordlockd options]   e.g. ./run.sh --listen 127.0.0.1:9000
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh run

build_dir=${RECORDLOCK_BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$jobs" --target recordlockd

data_dir=${RECORDLOCK_DATA_DIR:-$PWD/run-data}
mkdir -p "$data_dir"
echo "Starting recordlockd with demo data in $data_dir (users alice, bob: editors; carol: admin; password = user name)."
echo "Stop it with Ctrl+C."
exec "$build_dir/app/recordlockd/recordlockd" --demo --data-dir "$data_dir" "$@"
