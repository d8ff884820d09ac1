#!/usr/bin/env bash
# N RetentionPolicies over M namespaces against the real API server (kube-api-test binaries in ~/.kubeapitest,
# as the integration tests use) and the operator (`Main run`) in a JVM of its own with the chart's default JVM
# options and memory limit (BENCH_OPERATOR_JAVA_OPTS overrides them): time from the last create to all Ready,
# operator CPU, reconciliations, heap and resident memory. BENCH_MAIN_CLASSES=<other build>/operator/target/classes
# runs another build's operator (before/after). Measures only. Usage: bench/scale.sh [policies] [namespaces] [timeout-seconds]
# (defaults 1000 100 600). Needs testenv/up.sh's MariaDB (one DataStore per namespace points at it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_endpoints
bench_build
export BENCH_OPERATOR_JAVA_OPTS=${BENCH_OPERATOR_JAVA_OPTS:-$(bench_chart_java_opts)}
bench_java dev.ekyc.operator.it.ScaleBench "$BENCH_RUN/scale-report.txt" "${1:-1000}" "${2:-100}" "${3:-600}"
