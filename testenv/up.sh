#!/usr/bin/env bash
# One call for CI / a fresh machine: provision everything (cached), start the
# servers and the single-node test cluster, print the endpoints file to source.
#   testenv/up.sh && set -a && . "$(testenv/endpoints.sh --file)" && set +a
# EKYC_TESTENV_CLUSTER=0 leaves the cluster out (it needs root); its ITs then
# skip on a developer machine (and fail with CI=true).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
. "$dir/env.sh"
with_cluster=1
if [ "${EKYC_TESTENV_CLUSTER:-1}" = 0 ]; then
  with_cluster=""
elif [ "$(id -u)" != 0 ]; then
  log "not root: the test cluster (containerd, kubelet) is left out; its ITs will skip"
  with_cluster=""
fi
# s3proxy too: it checks S3 signatures (moto accepts any), which the wrong-credentials tests need.
"$dir/provision.sh" all s3proxy
if [ -n "$with_cluster" ]; then "$dir/cluster/provision.sh"; fi
"$dir/start.sh" all s3proxy
if [ -n "$with_cluster" ]; then "$dir/cluster/start.sh"; fi
"$dir/endpoints.sh" --file
