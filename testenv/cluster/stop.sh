#!/usr/bin/env bash
# Stops the single-node test cluster and removes everything it left on the host: containers and their
# shims, mounts, the kubepods cgroups, the CNI bridge and network namespaces, the kubelet's iptables
# canary chains, the kernel settings the kubelet changed (restored to the saved values) and host
# directories that did not exist before. Processes are stopped by PID (TERM, KILL after 30 s), never by
# name. The logs survive in $RUN_DIR/cluster-logs.last; everything else under $CLUSTER_DIR is deleted.
#
#   testenv/cluster/stop.sh
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

start=$SECONDS

stop_pid() {
  local name="$1" pid="$2"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "cluster: $name (pid $pid) still alive after 30s, sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
}

stop_component() {
  local pid
  pid="$(cluster_pid "$1")"
  rm -f "$(cluster_pid_file "$1")"
  [ -n "$pid" ] || return 0
  stop_pid "$1" "$pid"
  log "cluster: $1 stopped (pid $pid)"
}

# Every process in the kubelet's pod cgroups (the containers and their pause processes), by PID.
kill_pod_processes() {
  local procs
  # cgroup v1 (one hierarchy per controller; pids has them all) or v2 (one unified tree)
  procs="$(find /sys/fs/cgroup/pids/kubepods /sys/fs/cgroup/kubepods -name cgroup.procs -exec cat {} + 2>/dev/null |
    sort -u || true)"
  [ -z "$procs" ] && return 0
  # shellcheck disable=SC2086
  kill -KILL $procs 2>/dev/null || true
}

# containerd's shims outlive it by design; ours are the ones started with our containerd's socket.
shim_pids() {
  local p
  for p in /proc/[0-9]*; do
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "-address $CONTAINERD_SOCK " && echo "${p#/proc/}"
  done
  return 0
}

unmount_under() {
  local prefix="$1" m
  # Deepest first; lazy, so a mount still busy for a moment does not stop the cleaning.
  awk -v p="$prefix" 'index($5, p) == 1 {print length($5), $5}' /proc/self/mountinfo | sort -rn | cut -d' ' -f2- |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# 1. The kubelet first, so it restarts nothing; then the pods, through containerd while it still runs.
stop_component kubelet
if [ -n "$(cluster_pid containerd)" ]; then
  for t in $(timeout 20 ctr --address "$CONTAINERD_SOCK" --namespace k8s.io tasks ls -q 2>/dev/null || true); do
    timeout 10 ctr --address "$CONTAINERD_SOCK" --namespace k8s.io tasks kill -a -s SIGKILL "$t" >/dev/null 2>&1 || true
  done
  kill_pod_processes
  for t in $(timeout 20 ctr --address "$CONTAINERD_SOCK" --namespace k8s.io tasks ls -q 2>/dev/null || true); do
    timeout 10 ctr --address "$CONTAINERD_SOCK" --namespace k8s.io tasks delete -f "$t" >/dev/null 2>&1 || true
  done
fi
kill_pod_processes

# 2. The rest, in reverse start order.
for c in containerd scheduler controller-manager apiserver etcd; do stop_component "$c"; done
for pid in $(shim_pids); do stop_pid "containerd-shim (pid $pid)" "$pid"; done

# 3. What they leave behind.
unmount_under "$CLUSTER_DIR/"
unmount_under /run/containerd/
for ns in /run/netns/cni-*; do
  [ -e "$ns" ] || continue
  umount -l "$ns" 2>/dev/null || true
  rm -f "$ns"
done
for hierarchy in /sys/fs/cgroup /sys/fs/cgroup/*; do
  [ -d "$hierarchy/kubepods" ] && find "$hierarchy/kubepods" -depth -type d -exec rmdir {} + 2>/dev/null || true
done
if ip link show "$CLUSTER_BRIDGE" >/dev/null 2>&1; then ip link delete "$CLUSTER_BRIDGE" || true; fi
for ipt in iptables ip6tables; do
  command -v "$ipt" >/dev/null || continue
  for table in mangle nat filter; do
    for chain in KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
      "$ipt" -w -t "$table" -F "$chain" 2>/dev/null && "$ipt" -w -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
done
if [ -f "$CLUSTER_SYSCTL_SAVE" ]; then
  while IFS='=' read -r key value; do
    [ -n "$key" ] && sysctl -q -w "$key=$value" >/dev/null || log "cluster: could not restore $key=$value"
  done <"$CLUSTER_SYSCTL_SAVE"
  rm -f "$CLUSTER_SYSCTL_SAVE"
fi
if [ -f "$CLUSTER_CREATED_DIRS" ]; then
  while read -r d; do
    case "$d" in /var/lib/kubelet|/var/lib/cni|/run/containerd|/run/netns) rm -rf "$d" ;; esac
  done <"$CLUSTER_CREATED_DIRS"
  rm -f "$CLUSTER_CREATED_DIRS"
fi

# 4. The run state; the logs are kept for a look after a failure.
if [ -d "$CLUSTER_DIR" ]; then
  case "$CLUSTER_DIR" in /|"") die "refusing to delete CLUSTER_DIR='$CLUSTER_DIR'" ;; esac
  if [ -d "$CLUSTER_LOGS" ]; then
    rm -rf "$RUN_DIR/cluster-logs.last"
    mv "$CLUSTER_LOGS" "$RUN_DIR/cluster-logs.last"
  fi
  rm -rf "$CLUSTER_DIR" || die "cluster: cannot remove $CLUSTER_DIR (still mounted? see /proc/self/mountinfo)"
fi
log "cluster: stopped and cleaned in $((SECONDS - start))s (logs: $RUN_DIR/cluster-logs.last)"
