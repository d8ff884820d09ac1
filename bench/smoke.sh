#!/usr/bin/env bash
# CI smoke check for bench/: every benchmark once at a small size. No timing assertion: it fails only when a
# benchmark breaks (a contender errors, a baseline tool is missing) or a contender leaves other survivors than
# the data says must survive (or, for scale and drift, when the policies never all become Ready and in sync).
# Needs the servers of testenv/up.sh (MariaDB, s3proxy, moto, Elasticsearch) and the kube-apiserver binaries
# in ~/.kubeapitest;
# installs pt-archiver and rclone from apt when missing. About 3-4 minutes on 2 cores.
set -euo pipefail
here=$(dirname "$0")
# All three purge workloads (plain, partitioned, consent); a short wait for InnoDB's purge backlog between contenders.
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dbench.purgeDrainSeconds=10" "$here/purge.sh" 20000
"$here/sweep.sh" 1000 100 100 15
"$here/sweep-versions.sh" 200 3 20 5
"$here/sweep-memory.sh" 10000 20000
"$here/scale.sh" 20 4 180
"$here/drift.sh" 20 2 1 5 180
"$here/drift.sh" search 10 1 1 3 120   # about 30 s
"$here/receipts.sh" 2000                # a few seconds
echo "bench smoke: all benchmarks ran and every contender left the expected survivors"
