#!/usr/bin/env bash
# SQL purge: the engine vs pt-archiver vs one unbounded DELETE on identical copies of one table, in one run.
# Usage: bench/purge.sh [rows]   (default 1000000, half due). Needs testenv/up.sh's MariaDB.
# Exits non-zero when a contender fails or the survivors differ.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$BENCH_ROOT/bench/install-baselines.sh" >/dev/null
bench_endpoints
bench_build
bench_java dev.ekyc.operator.bench.PurgeBench "$BENCH_RUN/purge-report.txt" "${1:-1000000}"
