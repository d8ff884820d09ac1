# shellcheck shell=bash
# The test cluster's certificates (sourced by start.sh): one CA, the API server's serving certificate, a
# client certificate per component, the ServiceAccount token signing key. Throw-away, made on every start.

# Usage: pki_client_cert NAME "/O=group/CN=user"
pki_client_cert() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$CLUSTER_PKI/$1.key" -subj "$2" 2>/dev/null |
    openssl x509 -req -CA "$CLUSTER_PKI/ca.crt" -CAkey "$CLUSTER_PKI/ca.key" -CAcreateserial -days 30 \
      -out "$CLUSTER_PKI/$1.crt" -extfile <(printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n') 2>/dev/null
}

pki_create() {
  mkdir -p "$CLUSTER_PKI"
  chmod 700 "$CLUSTER_PKI"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$CLUSTER_PKI/ca.key" -out "$CLUSTER_PKI/ca.crt" -days 30 \
    -subj "/CN=ekyc-test-cluster-ca" 2>/dev/null
  # Clients reach the API server as 127.0.0.1/localhost (host network), by its Service name and IP, or
  # through a relay on the pods' gateway address.
  openssl req -new -newkey rsa:2048 -nodes -keyout "$CLUSTER_PKI/apiserver.key" -subj "/CN=kube-apiserver" 2>/dev/null |
    openssl x509 -req -CA "$CLUSTER_PKI/ca.crt" -CAkey "$CLUSTER_PKI/ca.key" -CAcreateserial -days 30 \
      -out "$CLUSTER_PKI/apiserver.crt" -extfile <(printf '%s\n%s\n' 'extendedKeyUsage=serverAuth' \
      "subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:127.0.0.1,IP:$CLUSTER_SERVICE_IP,IP:$CLUSTER_POD_GATEWAY") 2>/dev/null
  pki_client_cert admin "/O=system:masters/CN=ekyc-test-admin"
  pki_client_cert kubelet "/O=system:nodes/CN=system:node:$CLUSTER_NODE_NAME"
  pki_client_cert controller-manager "/CN=system:kube-controller-manager"
  pki_client_cert scheduler "/CN=system:kube-scheduler"
  # The API server calls the kubelet (logs, exec) with this one; the kubelet asks the API server to authorize it.
  pki_client_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  openssl genrsa -out "$CLUSTER_PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$CLUSTER_PKI/sa.key" -pubout -out "$CLUSTER_PKI/sa.pub" 2>/dev/null
  [ -s "$CLUSTER_PKI/apiserver-kubelet-client.crt" ] && [ -s "$CLUSTER_PKI/sa.pub" ] || die "cluster: certificate creation failed"
}

# Usage: pki_kubeconfig NAME OUT   (NAME: the client certificate's file name)
pki_kubeconfig() {
  local kc="$2"
  "$KUBE_BIN_DIR/kubectl" config set-cluster ekyc-test --server="https://127.0.0.1:$CLUSTER_API_PORT" \
    --certificate-authority="$CLUSTER_PKI/ca.crt" --embed-certs=true --kubeconfig="$kc" >/dev/null
  "$KUBE_BIN_DIR/kubectl" config set-credentials "$1" --client-certificate="$CLUSTER_PKI/$1.crt" \
    --client-key="$CLUSTER_PKI/$1.key" --embed-certs=true --kubeconfig="$kc" >/dev/null
  "$KUBE_BIN_DIR/kubectl" config set-context ekyc-test --cluster=ekyc-test --user="$1" --kubeconfig="$kc" >/dev/null
  "$KUBE_BIN_DIR/kubectl" config use-context ekyc-test --kubeconfig="$kc" >/dev/null
  chmod 600 "$kc"
}
