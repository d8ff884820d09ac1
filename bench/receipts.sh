#!/usr/bin/env bash
# The deletion receipt log at N receipts (default 100000), in memory with the cluster log's own append code: append
# rate, proof sizes, proof and whole-log verification times, stored bytes per receipt (no server needed).
# Usage: bench/receipts.sh [receipts]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_build
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g}" bench_java dev.ekyc.operator.bench.ReceiptBench \
  "$BENCH_RUN/receipts-report.txt" "$@"
