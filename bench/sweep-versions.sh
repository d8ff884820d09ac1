#!/usr/bin/env bash
# Versioned bucket: the version-aware sweep (due and young versions, delete markers) against the object sweep of
# as many unversioned objects, and against itself one request at a time, on moto. Survivors checked by version ID.
# Usage: bench/sweep-versions.sh [keys] [versions] [young] [retention-seconds]   (defaults 1000 3 100 10).
# Needs testenv/up.sh's moto. Exits non-zero when a contender leaves other survivors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_endpoints
bench_build
bench_java dev.ekyc.operator.bench.VersionSweepBench "$BENCH_RUN/sweep-versions-report.txt" "${1:-1000}" \
  "${2:-3}" "${3:-100}" "${4:-10}"
