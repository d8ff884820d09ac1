#!/usr/bin/env bash
# The backend reads of the operator's drift cycles: N object-storage RetentionPolicies on B buckets of moto, the
# operator (`Main run`, a JVM of its own with the chart's default JVM options) reaching moto through a counting HTTP
# proxy in the bench; counts the requests of C drift intervals after everything is applied and in sync, and prints
# lifecycle reads per cycle and per bucket (target: one per bucket). BENCH_MAIN_CLASSES=<other build>/operator/target/
# classes runs another build's operator (before/after). Measures only.
# Usage: bench/drift.sh [policies] [buckets] [cycles] [drift-interval-seconds] [timeout-seconds]
# (defaults 1000 10 3 10 600). Needs testenv/up.sh's moto and the kube-apiserver binaries in ~/.kubeapitest.
# Search mode: bench/drift.sh search [policies] [stores] [cycles] [drift-interval-seconds] [timeout-seconds]: N ILM
# policies on S search DataStores of testenv's Elasticsearch 6.8 (same defaults), requests counted by path shape;
# prints requests per cycle and ILM policy listings per store per cycle (target: one).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_endpoints
bench_build
export BENCH_OPERATOR_JAVA_OPTS=${BENCH_OPERATOR_JAVA_OPTS:-$(bench_chart_java_opts)}
main=dev.ekyc.operator.it.DriftBench report=drift-report.txt
if [[ ${1:-} == search ]]; then
  main=dev.ekyc.operator.it.SearchDriftBench report=drift-search-report.txt
  shift
fi
bench_java "$main" "$BENCH_RUN/$report" "${1:-1000}" "${2:-10}" "${3:-3}" "${4:-10}" "${5:-600}"
