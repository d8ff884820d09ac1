#!/usr/bin/env bash
# N RetentionPolicies over M namespaces against the real API server (kube-api-test binaries in ~/.kubeapitest,
# as the integration tests use) and the operator's real wiring in one JVM: time from the last create to all
# Ready, heap and resident memory. Measures only. Usage: bench/scale.sh [policies] [namespaces] [timeout-seconds]
# (defaults 1000 100 600). Needs testenv/up.sh's MariaDB (one DataStore per namespace points at it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_endpoints
bench_build
bench_java dev.ekyc.operator.it.ScaleBench "$BENCH_RUN/scale-report.txt" "${1:-1000}" "${2:-100}" "${3:-600}"
