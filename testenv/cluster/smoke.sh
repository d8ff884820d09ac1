#!/usr/bin/env bash
# Smoke test of a running test cluster: a Pod with the restricted Pod Security profile (non-root, read-only
# root file system, no capabilities, RuntimeDefault seccomp) runs to Succeeded and its log reads back
# through the API server (API server -> kubelet). Cleans up after itself.
#
#   testenv/cluster/smoke.sh
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

ns="ekyc-smoke-$$"
start=$SECONDS
cleanup() { cluster_kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; }
trap cleanup EXIT

cluster_kubectl create namespace "$ns" >/dev/null
cluster_kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted >/dev/null
cluster_kubectl -n "$ns" wait --for=jsonpath='{.metadata.name}'=default serviceaccount/default --timeout=60s >/dev/null
cluster_kubectl -n "$ns" apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: smoke
spec:
  restartPolicy: Never
  securityContext:
    runAsNonRoot: true
    runAsUser: 65532
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: smoke
      image: ekyc.local/busybox:1
      imagePullPolicy: Never
      command: ["/bin/sh", "-c", "echo smoke-ok uid=\$(id -u)"]
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities:
          drop: [ALL]
YAML
if ! cluster_kubectl -n "$ns" wait --for=jsonpath='{.status.phase}'=Succeeded pod/smoke --timeout=90s >/dev/null; then
  cluster_kubectl -n "$ns" describe pod smoke >&2 || true
  die "cluster smoke: the pod did not succeed (logs: $CLUSTER_LOGS)"
fi
printed="$(cluster_kubectl -n "$ns" logs smoke)"
[ "$printed" = "smoke-ok uid=65532" ] || die "cluster smoke: unexpected pod output '$printed'"
log "cluster smoke: restricted pod ran to Succeeded and printed '$printed' ($((SECONDS - start))s)"
