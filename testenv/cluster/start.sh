#!/usr/bin/env bash
# Starts the single-node test cluster: etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# containerd (with runc and the CNI bridge) and the kubelet, as background processes on 127.0.0.1, and
# waits until it is usable: every component healthy, the node Ready, the default ServiceAccount there.
# Idempotent: a cluster that is up is only checked; a half-started one is stopped and started afresh.
#
#   testenv/cluster/start.sh
#
# Writes $CLUSTER_DIR/admin.kubeconfig and $CLUSTER_DIR/endpoints.env (what the cluster ITs read).
# Run testenv/provision.sh k8s and testenv/cluster/provision.sh first. Needs root (containerd, kubelet).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"
# shellcheck source=pki.sh
. "$CLUSTER_SCRIPTS/pki.sh"

[ "$(id -u)" = 0 ] || die "cluster: start.sh needs root (containerd and the kubelet manage cgroups and mounts)"
for b in "$KUBE_BIN_DIR/kube-apiserver" "$KUBE_BIN_DIR/etcd" "$KUBE_BIN_DIR/kubectl" \
         "$CLUSTER_BIN_DIR/kubelet" "$CLUSTER_BIN_DIR/kube-controller-manager" "$CLUSTER_BIN_DIR/kube-scheduler" \
         "$PAUSE_IMAGE_TAR"; do
  [ -e "$b" ] || die "cluster: $b is missing: run testenv/provision.sh k8s and testenv/cluster/provision.sh"
done
command -v containerd >/dev/null || die "cluster: containerd is missing: run testenv/cluster/provision.sh"

start=$SECONDS

node_ready() {
  [ "$(cluster_kubectl get node "$CLUSTER_NODE_NAME" \
    -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

all_running() {
  local c
  for c in $CLUSTER_COMPONENTS; do [ -n "$(cluster_pid "$c")" ] || return 1; done
}

# What the cluster ITs read; rewritten on every start, so a running cluster gets what a newer start.sh adds.
write_endpoints() {
  cat >"$CLUSTER_ENDPOINTS.tmp" <<ENV
EKYC_CLUSTER_KUBECONFIG=$CLUSTER_KUBECONFIG
EKYC_CLUSTER_API_SERVER=https://127.0.0.1:$CLUSTER_API_PORT
EKYC_CLUSTER_API_PORT=$CLUSTER_API_PORT
EKYC_CLUSTER_KUBECTL=$KUBE_BIN_DIR/kubectl
EKYC_CLUSTER_HELM=$HELM_BIN
EKYC_CLUSTER_LOAD_IMAGE=$CLUSTER_SCRIPTS/load-image.sh
EKYC_CLUSTER_NODE=$CLUSTER_NODE_NAME
EKYC_CLUSTER_POD_GATEWAY=$CLUSTER_POD_GATEWAY
EKYC_CLUSTER_MOTO_SERVER=$MOTO_VENV/bin/moto_server
EKYC_CLUSTER_FAKETIME_LIB=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n 1)
ENV
  mv "$CLUSTER_ENDPOINTS.tmp" "$CLUSTER_ENDPOINTS"
}

if all_running && node_ready; then
  write_endpoints
  log "cluster: already running (kubeconfig $CLUSTER_KUBECONFIG)"
  exit 0
fi
if [ -d "$CLUSTER_DIR" ]; then
  log "cluster: leftovers of an earlier start found, stopping and cleaning first"
  "$CLUSTER_SCRIPTS/stop.sh"
fi

mkdir -p "$CLUSTER_LOGS" "$CLUSTER_PIDS" "$CONTAINERD_DIR" "$KUBELET_DIR" "$CLUSTER_DIR/cni/net.d"

# The kubelet changes these kernel settings; stop.sh puts the saved values back. Saved once: a second
# start without a stop must not save the kubelet's values as the originals.
# The same for the host directories the kubelet, CNI and containerd create outside CLUSTER_DIR: stop.sh
# removes only those that did not exist before.
if [ ! -f "$CLUSTER_SYSCTL_SAVE" ]; then
  for s in $CLUSTER_SYSCTLS; do echo "$s=$(sysctl -n "$s")"; done >"$CLUSTER_SYSCTL_SAVE.tmp"
  mv "$CLUSTER_SYSCTL_SAVE.tmp" "$CLUSTER_SYSCTL_SAVE"
  for d in $CLUSTER_HOST_DIRS; do [ -e "$d" ] || echo "$d"; done >"$CLUSTER_CREATED_DIRS"
fi

pki_create
pki_kubeconfig admin "$CLUSTER_KUBECONFIG"
for c in kubelet controller-manager scheduler; do pki_kubeconfig "$c" "$CLUSTER_DIR/$c.kubeconfig"; done

# ---------------------------------------------------------------------------------------------- control plane
cluster_launch etcd "$KUBE_BIN_DIR/etcd" --name ekyc-cluster --data-dir "$CLUSTER_DIR/etcd" \
  --listen-client-urls "http://127.0.0.1:$CLUSTER_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$CLUSTER_ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" \
  --initial-cluster "ekyc-cluster=http://127.0.0.1:$CLUSTER_ETCD_PEER_PORT" \
  --listen-metrics-urls "" --unsafe-no-fsync --log-level warn
cluster_wait etcd curl -fsS "http://127.0.0.1:$CLUSTER_ETCD_PORT/health"

# No Service endpoint for 127.0.0.1 (loopback endpoints are invalid): pods on the host network are told
# the API server's address by KUBERNETES_SERVICE_HOST/PORT instead.
cluster_launch apiserver "$KUBE_BIN_DIR/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$CLUSTER_ETCD_PORT" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$CLUSTER_API_PORT" \
  --endpoint-reconciler-type none \
  --tls-cert-file "$CLUSTER_PKI/apiserver.crt" --tls-private-key-file "$CLUSTER_PKI/apiserver.key" \
  --client-ca-file "$CLUSTER_PKI/ca.crt" \
  --service-account-issuer https://kubernetes.default.svc \
  --service-account-key-file "$CLUSTER_PKI/sa.pub" --service-account-signing-key-file "$CLUSTER_PKI/sa.key" \
  --service-cluster-ip-range "$CLUSTER_SERVICE_CIDR" \
  --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
  --kubelet-client-certificate "$CLUSTER_PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$CLUSTER_PKI/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types Hostname \
  --allow-privileged=true --profiling=false
cluster_wait apiserver cluster_kubectl get --raw /readyz

cluster_launch controller-manager "$CLUSTER_BIN_DIR/kube-controller-manager" \
  --kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$CLUSTER_CM_PORT" --leader-elect=false \
  --service-account-private-key-file "$CLUSTER_PKI/sa.key" --root-ca-file "$CLUSTER_PKI/ca.crt" \
  --use-service-account-credentials=true --profiling=false
cluster_launch scheduler "$CLUSTER_BIN_DIR/kube-scheduler" \
  --kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --authentication-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --authorization-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$CLUSTER_SCHEDULER_PORT" --leader-elect=false --profiling=false
cluster_wait controller-manager curl -kfsS "https://127.0.0.1:$CLUSTER_CM_PORT/healthz"
cluster_wait scheduler curl -kfsS "https://127.0.0.1:$CLUSTER_SCHEDULER_PORT/healthz"

# ------------------------------------------------------------------------------------------------------ node
# cgroup v1 here: cgroupfs driver for both. restrict_oom_score_adj: this machine's bounding set lacks
# CAP_SYS_RESOURCE, so runc cannot set the negative oom_score_adj the kubelet asks for the sandbox.
cat >"$CONTAINERD_DIR/config.toml" <<TOML
version = 2
root = "$CONTAINERD_DIR/root"
state = "$CONTAINERD_DIR/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]
[grpc]
  address = "$CONTAINERD_SOCK"
[ttrpc]
  address = "$CONTAINERD_SOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$CONTAINERD_DIR/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CLUSTER_DIR/cni/net.d"
TOML
# The pods' bridge, made here with its gateway address so the host can bind that address before any pod
# exists (the CNI bridge plugin adopts it). No masquerade: pods reach each other and the gateway address
# only; pods that need the host's loopback servers use the host network.
if ip link show "$CLUSTER_BRIDGE" >/dev/null 2>&1; then ip link delete "$CLUSTER_BRIDGE"; fi   # a crashed run's
ip link add name "$CLUSTER_BRIDGE" type bridge
ip addr add "$CLUSTER_POD_GATEWAY/${CLUSTER_POD_CIDR#*/}" dev "$CLUSTER_BRIDGE"
ip link set "$CLUSTER_BRIDGE" up
cat >"$CLUSTER_DIR/cni/net.d/10-ekyc.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "ekyc-test",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CLUSTER_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{"subnet": "$CLUSTER_POD_CIDR", "gateway": "$CLUSTER_POD_GATEWAY"}]],
        "dataDir": "$CLUSTER_DIR/cni/ipam"
      }
    }
  ]
}
JSON
cluster_launch containerd containerd --config "$CONTAINERD_DIR/config.toml"
cluster_wait containerd cluster_ctr version
for tar in "$PAUSE_IMAGE_TAR" "$CLUSTER_BIN_DIR/busybox-image.tar"; do
  cluster_ctr images import "$tar" >/dev/null || die "cluster: cannot import $tar"
done
log "cluster: images imported: $(cluster_ctr images ls -q | tr '\n' ' ')"

# Image garbage collection off (thresholds 100/99): imported images cannot be pulled again.
cat >"$KUBELET_DIR/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: 127.0.0.1
port: $CLUSTER_KUBELET_PORT
healthzBindAddress: 127.0.0.1
healthzPort: $CLUSTER_KUBELET_HEALTHZ_PORT
readOnlyPort: 0
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $CLUSTER_PKI/ca.crt
authorization:
  mode: Webhook
cgroupDriver: cgroupfs
failCgroupV1: false
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
failSwapOn: false
staticPodPath: ""
maxPods: 50
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  nodefs.inodesFree: 1%
  imagefs.available: 1%
serializeImagePulls: false
YAML
cluster_launch kubelet "$CLUSTER_BIN_DIR/kubelet" --config "$KUBELET_DIR/config.yaml" \
  --kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" --root-dir "$KUBELET_DIR" --cert-dir "$KUBELET_DIR/pki" \
  --hostname-override "$CLUSTER_NODE_NAME" --v 1
cluster_wait kubelet curl -fsS "http://127.0.0.1:$CLUSTER_KUBELET_HEALTHZ_PORT/healthz"
cluster_wait kubelet node_ready
cluster_wait controller-manager cluster_kubectl -n default get serviceaccount default

write_endpoints
log "cluster: up in $((SECONDS - start))s; kubectl --kubeconfig $CLUSTER_KUBECONFIG (endpoints: $CLUSTER_ENDPOINTS)"
