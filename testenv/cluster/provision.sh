#!/usr/bin/env bash
# Installs / builds what the single-node test cluster needs on top of `testenv/provision.sh k8s`
# (kube-apiserver, kubectl, etcd). Idempotent and cached like the rest of testenv:
#   - kubelet, kube-controller-manager, kube-scheduler: the same wrapper module and version stamping as
#     kube-apiserver (testenv/k8sbin), so a warm Go build cache makes them cheap;
#   - helm, from its own wrapper module (testenv/helmbin);
#   - the pause and busybox images (image tarballs, no registry needed);
#   - containerd, runc, the CNI plugins and busybox from Debian.
#
#   testenv/cluster/provision.sh
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

start=$SECONDS
mkdir -p "$CACHE_DIR" "$CLUSTER_BIN_DIR"

provision_runtime_packages() {
  local missing
  # libfaketime: ReferenceJobsClusterIT runs a private moto whose clock it sets, to write genuinely old, tagged objects.
  missing="$(apt_missing containerd runc containernetworking-plugins busybox-static openssl iproute2 libfaketime)"
  [ -z "$missing" ] && return 0
  # Keep the package scripts from starting a system-wide containerd: start.sh runs its own.
  local policy=/usr/sbin/policy-rc.d added="" rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; added=1
  fi
  # shellcheck disable=SC2086
  ensure_apt_packages $missing || rc=$?
  if [ -n "$added" ]; then rm -f "$policy"; fi
  [ "$rc" -eq 0 ] || die "cluster: apt-get install failed"
}

# Cache key: Kubernetes version, both wrapper modules' go.sum and the pause program.
stamp_want() {
  echo "k8s=$K8S_VERSION $(cat "$TESTENV_DIR"/k8sbin/go.sum "$TESTENV_DIR"/helmbin/go.sum \
    "$CLUSTER_SCRIPTS"/pause/main.go "$CLUSTER_SCRIPTS"/image-layout.sh "$CLUSTER_SCRIPTS"/provision.sh | sha256sum | cut -c1-16)"
}

build_binaries() {
  local go minor ldflags p
  go="$(find_go)"
  export GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--mod=readonly}" CGO_ENABLED=0
  # Version stamping exactly as provision.sh does for kube-apiserver (hack/lib/version.sh).
  minor="${K8S_VERSION#*.}"; minor="${minor%%.*}"
  ldflags="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  grep -Eq "^[[:space:]]*(require[[:space:]]+)?k8s.io/kubernetes v$K8S_VERSION( |\$)" "$TESTENV_DIR/k8sbin/go.mod" ||
    die "cluster: testenv/k8sbin is for another Kubernetes version than $K8S_VERSION (regenerate it with gen-go-mod.sh)"
  log "cluster: building kubelet, kube-controller-manager, kube-scheduler v$K8S_VERSION"
  (cd "$TESTENV_DIR/k8sbin" && "$go" build -trimpath -ldflags "$ldflags" -o "$CLUSTER_BIN_DIR/" \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler)
  log "cluster: building helm"
  # As helm's own Makefile stamps it: its version, and the Kubernetes version `helm template` assumes offline.
  local helm_version helm_ldflags="-s -w"
  helm_version="$(sed -En 's/^[[:space:]]*(require[[:space:]]+)?helm.sh\/helm\/v3 (v[^ ]*).*/\2/p' "$TESTENV_DIR/helmbin/go.mod")"
  [ -n "$helm_version" ] || die "cluster: no helm.sh/helm/v3 version in testenv/helmbin/go.mod"
  helm_ldflags+=" -X helm.sh/helm/v3/internal/version.version=$helm_version"
  for p in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    helm_ldflags+=" -X $p.k8sVersionMajor=1 -X $p.k8sVersionMinor=$minor"
  done
  (cd "$TESTENV_DIR/helmbin" && "$go" build -trimpath -ldflags "$helm_ldflags" -o "$CLUSTER_BIN_DIR/helm" helm.sh/helm/v3/cmd/helm)
  log "cluster: building pause"
  (cd "$CLUSTER_SCRIPTS/pause" && "$go" build -trimpath -ldflags "-s -w" -o "$CLUSTER_BIN_DIR/pause" .)
}

build_images() {
  # shellcheck source=image-layout.sh
  . "$CLUSTER_SCRIPTS/image-layout.sh"
  local root
  root="$(mktemp -d "$CACHE_DIR/.pause-root.XXXXXX")"
  install -m 0755 "$CLUSTER_BIN_DIR/pause" "$root/pause"
  oci_image_tar "$PAUSE_IMAGE" "$root" '["/pause"]' "$PAUSE_IMAGE_TAR"
  rm -rf "$root"
  # A minimal shell image for smoke pods: static busybox and its applet links.
  root="$(mktemp -d "$CACHE_DIR/.busybox-root.XXXXXX")"
  mkdir -p "$root/bin"
  install -m 0755 /bin/busybox "$root/bin/busybox"
  local applet
  for applet in sh true false echo cat sleep ls id env; do ln -s busybox "$root/bin/$applet"; done
  oci_image_tar "ekyc.local/busybox:1" "$root" '["/bin/sh"]' "$CLUSTER_BIN_DIR/busybox-image.tar"
  rm -rf "$root"
}

provision_runtime_packages
want="$(stamp_want)"
if [ "$(cat "$CLUSTER_BIN_DIR/.stamp" 2>/dev/null)" = "$want" ] &&
   [ -x "$CLUSTER_BIN_DIR/kubelet" ] && [ -x "$HELM_BIN" ] && [ -f "$PAUSE_IMAGE_TAR" ]; then
  log "cluster: binaries and images for $K8S_VERSION already built"
else
  build_binaries
  build_images
  echo "$want" >"$CLUSTER_BIN_DIR/.stamp"
fi
"$CLUSTER_BIN_DIR/kubelet" --version >&2
"$HELM_BIN" version --short >&2
log "cluster: provisioned in $((SECONDS - start))s ($CLUSTER_BIN_DIR)"
