#!/usr/bin/env bash
# Loads an image tarball (docker-save or OCI layout, e.g. operator/target/jib-image.tar) into the test
# cluster's containerd, where the kubelet finds it without a registry. Prints the imported image names.
#
#   testenv/cluster/load-image.sh IMAGE.tar
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

tar="${1:?usage: load-image.sh IMAGE.tar}"
[ -f "$tar" ] || die "cluster: no image tarball at $tar (build it with ./mvnw -B package -DskipTests)"
[ -n "$(cluster_pid containerd)" ] || die "cluster: containerd is not running: start the cluster (testenv/cluster/start.sh)"
cluster_ctr images import "$tar" | sed -n 's/^unpacking \([^ ]*\) .*/\1/p'
