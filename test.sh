#!/usr/bin/env bash
# Sets up what is missing, builds RecordLock and runs the whole ctest suite.
# Usage: ./test.sh [extra ctest arguments, e.g. -L unit or -R lockflow]
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh test

build_dir=${RECORDLOCK_BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
. scripts/use-clang.sh

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j"$jobs"

export QT_QPA_PLATFORM=offscreen
scripts/with-test-services.sh ctest --test-dir "$build_dir" --output-on-failure --timeout 300 "$@"
