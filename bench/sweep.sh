#!/usr/bin/env bash
# Object sweep: the sweeper vs rclone delete --min-age on identical prefixes (s3proxy), and the sweeper's
# tag-dependent rule vs the same rule without tags (moto), in one run.
# Usage: bench/sweep.sh [due] [young] [tagged] [retention-seconds]   (defaults 20000 2000 2000 60).
# Needs testenv/up.sh's s3proxy and moto. Exits non-zero when a contender fails or the survivors differ.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$BENCH_ROOT/bench/install-baselines.sh" >/dev/null
bench_endpoints
bench_build
bench_java dev.ekyc.operator.bench.SweepBench "$BENCH_RUN/sweep-report.txt" "${1:-20000}" "${2:-2000}" \
  "${3:-2000}" "${4:-60}"
