# shellcheck shell=bash disable=SC2034
# Sourced by the cluster scripts (testenv/cluster/*.sh): the single-node cluster's ports, directories and
# helpers, on top of testenv/env.sh. Every port differs from the shared test servers' (13306, 19000-19301)
# and from kube-api-test's random ones; everything listens on 127.0.0.1.
# shellcheck source=../env.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/env.sh"

CLUSTER_SCRIPTS="$TESTENV_DIR/cluster"

CLUSTER_ETCD_PORT="${CLUSTER_ETCD_PORT:-16379}"
CLUSTER_ETCD_PEER_PORT="${CLUSTER_ETCD_PEER_PORT:-16380}"
CLUSTER_API_PORT="${CLUSTER_API_PORT:-16443}"
CLUSTER_CM_PORT="${CLUSTER_CM_PORT:-16257}"
CLUSTER_SCHEDULER_PORT="${CLUSTER_SCHEDULER_PORT:-16259}"
CLUSTER_KUBELET_PORT="${CLUSTER_KUBELET_PORT:-16250}"
CLUSTER_KUBELET_HEALTHZ_PORT="${CLUSTER_KUBELET_HEALTHZ_PORT:-16248}"
# The kubelet refuses a loopback node IP; a node named localhost lets the API server reach it by name.
CLUSTER_NODE_NAME=localhost
CLUSTER_SERVICE_CIDR="${CLUSTER_SERVICE_CIDR:-10.96.0.0/24}"
CLUSTER_SERVICE_IP="${CLUSTER_SERVICE_IP:-10.96.0.1}"
CLUSTER_POD_CIDR="${CLUSTER_POD_CIDR:-10.244.0.0/24}"
CLUSTER_BRIDGE="${CLUSTER_BRIDGE:-ekyc-cni0}"
# The bridge's own address: the pods' gateway, and the one host address pods off the host network can reach
# (nothing on the host listens there unless a test binds it, e.g. a relay to the API server).
CLUSTER_POD_GATEWAY="${CLUSTER_POD_GATEWAY:-10.244.0.1}"
CLUSTER_READY_TIMEOUT="${CLUSTER_READY_TIMEOUT:-120}"

# Built binaries: kube-apiserver, kubectl and etcd come from provision.sh k8s (KUBE_BIN_DIR); the node's
# binaries, helm and the pause image from cluster/provision.sh.
CLUSTER_BIN_DIR="$CACHE_DIR/k8s/$K8S_VERSION-node"
HELM_BIN="$CLUSTER_BIN_DIR/helm"
PAUSE_IMAGE="ekyc.local/pause:1"
PAUSE_IMAGE_TAR="$CLUSTER_BIN_DIR/pause-image.tar"

# Run state, wiped by stop.sh: certificates, etcd data, containerd and kubelet state, logs.
CLUSTER_DIR="$RUN_DIR/cluster"
CLUSTER_PKI="$CLUSTER_DIR/pki"
CLUSTER_LOGS="$CLUSTER_DIR/logs"
CLUSTER_PIDS="$CLUSTER_DIR/pids"
CONTAINERD_DIR="$CLUSTER_DIR/containerd"
CONTAINERD_SOCK="$CONTAINERD_DIR/containerd.sock"
KUBELET_DIR="$CLUSTER_DIR/kubelet"
# What tests and users read: the admin kubeconfig and a sourceable file with the endpoints.
CLUSTER_KUBECONFIG="$CLUSTER_DIR/admin.kubeconfig"
CLUSTER_ENDPOINTS="$CLUSTER_DIR/endpoints.env"
# Settings the kubelet changes, saved before the first start and restored by stop.sh.
CLUSTER_SYSCTL_SAVE="$RUN_DIR/cluster-sysctl.saved"
CLUSTER_SYSCTLS="vm.overcommit_memory kernel.panic kernel.panic_on_oops"
# Host directories the kubelet (device plugins), libcni (result cache) and containerd (shim sockets) use
# whatever their configured roots; the ones that did not exist before the first start are listed here.
CLUSTER_HOST_DIRS="/var/lib/kubelet /var/lib/cni /run/containerd /run/netns"
CLUSTER_CREATED_DIRS="$RUN_DIR/cluster-created-dirs"

# Start order; stop.sh goes backwards.
CLUSTER_COMPONENTS="etcd apiserver controller-manager scheduler containerd kubelet"

cluster_pid_file() { echo "$CLUSTER_PIDS/$1.pid"; }

# The binary each component runs: a PID whose command line does not contain it was recycled.
cluster_marker() {
  case "$1" in
    etcd) echo "$KUBE_BIN_DIR/etcd" ;;
    apiserver) echo "$KUBE_BIN_DIR/kube-apiserver" ;;
    controller-manager) echo "$CLUSTER_BIN_DIR/kube-controller-manager" ;;
    scheduler) echo "$CLUSTER_BIN_DIR/kube-scheduler" ;;
    containerd) echo "containerd" ;;
    kubelet) echo "$CLUSTER_BIN_DIR/kubelet" ;;
  esac
}

# Prints the PID of a running component, or nothing.
cluster_pid() {
  local f pid
  f="$(cluster_pid_file "$1")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(cluster_marker "$1")"; then
    echo "$pid"
  fi
}

cluster_kubectl() { "$KUBE_BIN_DIR/kubectl" --kubeconfig "$CLUSTER_KUBECONFIG" "$@"; }
cluster_ctr() { ctr --address "$CONTAINERD_SOCK" --namespace k8s.io "$@"; }

# Runs "$@" detached (own session, stdin from /dev/null, output to the component's log) and records its
# PID; the recording shell execs the command, so the PID is the component's own (as testenv/start.sh does).
# Usage: cluster_launch NAME CMD...
cluster_launch() {
  local name="$1" pf logf
  shift
  pf="$(cluster_pid_file "$name")"
  logf="$CLUSTER_LOGS/$name.log"
  rm -f "$pf"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pf" "$@" >>"$logf" 2>&1 </dev/null &
  for _ in $(seq 50); do [ -s "$pf" ] && break; sleep 0.1; done
  [ -s "$pf" ] || die "cluster: $name has no PID file after launch"
}

# Waits for a component's readiness command (bounded by CLUSTER_READY_TIMEOUT); on failure shows its log.
# Usage: cluster_wait NAME CMD...
cluster_wait() {
  local name="$1" started=$SECONDS
  shift
  READY_TIMEOUT="$CLUSTER_READY_TIMEOUT" wait_ready "cluster $name" "$(cat "$(cluster_pid_file "$name")")" \
    "$CLUSTER_LOGS/$name.log" "$@" || die "cluster: $name did not become ready (logs kept in $CLUSTER_LOGS)"
  log "cluster: $name ready ($((SECONDS - started))s)"
}
