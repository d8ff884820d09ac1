#!/usr/bin/env bash
# Starts etcd + kube-apiserver from $KUBE_BIN_DIR with the same flags and the
# same kind of certificates kube-api-test 7.5.2 uses (self-signed server cert,
# self-signed client cert "O=system:masters,CN=kubeapitest" that is also the
# client CA), waits for /readyz and the default namespace via kubectl, creates
# and reads a ConfigMap, then stops both processes (by PID). Uses a private
# temp dir: ~/.kubeapitest's certificates are not touched.
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

for b in etcd kube-apiserver kubectl; do
  [ -x "$KUBE_BIN_DIR/$b" ] || die "k8s: $KUBE_BIN_DIR/$b missing, run provision.sh k8s"
done
command -v openssl >/dev/null || ensure_apt_packages openssl

work="$(mktemp -d "${TMPDIR:-/tmp}/ekyc-k8s-smoke.XXXXXX")"
etcd_port="${K8S_SMOKE_ETCD_PORT:-12379}"
etcd_peer_port="${K8S_SMOKE_ETCD_PEER_PORT:-12380}"
api_port="${K8S_SMOKE_API_PORT:-16443}"
etcd_pid="" api_pid=""

cleanup() {
  local p
  for p in $api_pid $etcd_pid; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in $api_pid $etcd_pid; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

cert() { # cert NAME SUBJECT [SAN]
  local ext=()
  [ -n "${3:-}" ] && ext=(-addext "subjectAltName=$3")
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 1 -subj "$2" \
    -keyout "$work/$1.key" -out "$work/$1.crt" "${ext[@]}" 2>/dev/null
}
cert apiserver /CN=example.org "IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
cert client "/O=system:masters/CN=kubeapitest"

start=$SECONDS
"$KUBE_BIN_DIR/etcd" -data-dir "$work/etcd-data" -wal-dir "$work/etcd-wal" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --initial-cluster "default=http://localhost:$etcd_peer_port" \
  --initial-advertise-peer-urls "http://localhost:$etcd_peer_port" \
  --listen-peer-urls "http://localhost:$etcd_peer_port" >"$work/etcd.log" 2>&1 &
etcd_pid=$!

"$KUBE_BIN_DIR/kube-apiserver" --cert-dir "$work" --secure-port "$api_port" \
  --bind-address 127.0.0.1 \
  --etcd-servers "http://127.0.0.1:$etcd_port" --authorization-mode RBAC \
  --service-account-issuer https://localhost \
  --service-account-signing-key-file "$work/apiserver.key" \
  --service-account-key-file "$work/apiserver.key" \
  --disable-admission-plugins ServiceAccount \
  --client-ca-file "$work/client.crt" \
  --tls-cert-file "$work/apiserver.crt" --tls-private-key-file "$work/apiserver.key" \
  --service-cluster-ip-range 10.0.0.0/24 --allow-privileged >"$work/apiserver.log" 2>&1 &
api_pid=$!

kc() {
  KUBECONFIG="$work/none" "$KUBE_BIN_DIR/kubectl" --server "https://127.0.0.1:$api_port" \
    --client-certificate "$work/client.crt" --client-key "$work/client.key" \
    --certificate-authority "$work/apiserver.crt" --request-timeout 5s "$@"
}

READY_TIMEOUT="${READY_TIMEOUT:-120}"
wait_ready kube-apiserver "$api_pid" "$work/apiserver.log" \
  curl -sf --cacert "$work/apiserver.crt" --cert "$work/client.crt" --key "$work/client.key" \
  "https://127.0.0.1:$api_port/readyz" || { tail -n 20 "$work/etcd.log" >&2; exit 1; }
wait_ready kube-apiserver "$api_pid" "$work/apiserver.log" kc get ns default || exit 1
log "k8s: apiserver ready in $((SECONDS - start))s"

kc version 2>&1 | grep -q "Server Version: v$K8S_VERSION" || die "unexpected server version: $(kc version 2>&1)"
kc create configmap smoke --from-literal=k=v >/dev/null
[ "$(kc get configmap smoke -o 'jsonpath={.data.k}')" = v ] || die "configmap round-trip failed"
kc version
log "k8s: etcd + kube-apiserver v$K8S_VERSION OK"
