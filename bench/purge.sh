#!/usr/bin/env bash
# SQL purge: the engine vs pt-archiver vs one unbounded DELETE on identical copies of one table, in one run; the
# same on a table RANGE-partitioned by the timestamp; and a consent/erasure workload, the engine vs hand-written
# UPDATE and DELETE statements.
# Usage: bench/purge.sh [rows] [workloads]   (default 1000000, half due; plain,partitioned,consent).
# Needs testenv/up.sh's MariaDB.
# Exits non-zero when a contender fails or the survivors differ.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
"$BENCH_ROOT/bench/install-baselines.sh" >/dev/null
bench_endpoints
bench_build
bench_java dev.ekyc.operator.bench.PurgeBench "$BENCH_RUN/purge-report.txt" "${1:-1000000}" "${2:-plain,partitioned,consent}"
