#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time on a copy of its seed corpus (ctest, label fuzz).
# Usage: run-fuzz.sh FUZZER SEED_DIR DICT SECONDS ARTIFACT_DIR UBSAN_SUPPRESSIONS
# Fails on any crash, sanitizer report, leak, timeout or broken invariant; the input that caused
# it is kept in ARTIFACT_DIR (in the build tree) and printed, so it can be replayed with
# `FUZZER ARTIFACT_DIR/crash-...`. The source tree is never written to.
set -euo pipefail

fuzzer=$1
seeds=$2
dict=$3
seconds=$4
artifacts=$5
suppressions=$6

work=$(mktemp -d "${TMPDIR:-/tmp}/recordlock-fuzz-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$artifacts"
mkdir -p "$work/corpus" "$work/tmp" "$artifacts"
cp "$seeds"/* "$work/corpus/"

symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
export ASAN_OPTIONS="detect_leaks=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$suppressions"
# The dispatcher target keeps its SQLite data under TMPDIR: inside the run's own directory.
export TMPDIR="$work/tmp"

status=0
"$fuzzer" "$work/corpus" \
  -dict="$dict" \
  -max_total_time="$seconds" \
  -runs=10000000 \
  -timeout=5 \
  -rss_limit_mb=2048 \
  -max_len=8192 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/" \
  >"$work/log" 2>&1 || status=$?

tail -n 30 "$work/log"
if [ "$status" -ne 0 ]; then
  echo "run-fuzz.sh: $(basename "$fuzzer") failed with status $status; full log and artifacts:" >&2
  cp "$work/log" "$artifacts/last-run.log"
  echo "  $artifacts/last-run.log" >&2
  for file in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
    [ -e "$file" ] || continue
    echo "--- $file (replay: $fuzzer $file)" >&2
    head -c 2000 "$file" | od -An -c | head -n 40 >&2
    # A replay with the slow unwinder gives whole stacks through Qt (built without frame pointers).
    echo "--- replay of $(basename "$file"):" >&2
    ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" timeout 60 "$fuzzer" "$file" 2>&1 \
      | grep -v '^INFO:' | head -n 80 >&2 || true
  done
  exit 1
fi
