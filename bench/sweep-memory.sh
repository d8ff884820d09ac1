#!/usr/bin/env bash
# The sweeper's live heap while sweeping generated buckets of 10,000 to 1,000,000 objects (no server needed):
# memory must not grow with the bucket. Usage: bench/sweep-memory.sh [object counts...]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_build
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx256m}" bench_java dev.ekyc.operator.bench.SweepMemoryBench \
  "$BENCH_RUN/sweep-memory-report.txt" "$@"
