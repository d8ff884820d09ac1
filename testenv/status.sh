#!/usr/bin/env bash
# Shows whether each test server is up. Exit status 0 only if every service
# named (default: mariadb mariadb_binlog elasticsearch opensearch s3) answers.
#
#   testenv/status.sh [all|mariadb|mariadb_binlog|elasticsearch|opensearch|s3|s3proxy|k8s|cluster]...
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

_list="$(expand_services "$ALL_SERVICES" "s3proxy k8s cluster" "$@")"
mapfile -t services <<<"$_list"

probe() {
  case "$1" in
    mariadb) mariadb-admin --no-defaults -h127.0.0.1 -P"$MARIADB_PORT" \
               -u"$MARIADB_USER" -p"$MARIADB_PASSWORD" ping ;;
    mariadb_binlog) mariadb-admin --no-defaults -h127.0.0.1 -P"$MARIADB_BINLOG_PORT" \
               -u"$MARIADB_USER" -p"$MARIADB_PASSWORD" ping ;;
    elasticsearch) curl -sf "http://127.0.0.1:$ES_PORT/" ;;
    opensearch) curl -sf "http://127.0.0.1:$OS_PORT/" ;;
    s3) curl -sf "http://127.0.0.1:$S3_PORT/" ;;
    s3proxy) curl -s -o /dev/null "http://127.0.0.1:$S3PROXY_PORT/" ;;
  esac
}

rc=0
for s in "${services[@]}"; do
  if [ "$s" = k8s ]; then
    if [ -x "$KUBE_BIN_DIR/kube-apiserver" ] && [ -x "$KUBE_BIN_DIR/etcd" ] && [ -x "$KUBE_BIN_DIR/kubectl" ]; then
      printf '%-14s %-5s %s\n' k8s ok "binaries in $KUBE_BIN_DIR (started by kube-api-test)"
    else
      printf '%-14s %-5s %s\n' k8s MISSING "no binaries in $KUBE_BIN_DIR (run provision.sh k8s)"; rc=1
    fi
    continue
  fi
  if [ "$s" = cluster ]; then
    kc="$RUN_DIR/cluster/admin.kubeconfig"
    if [ -f "$kc" ] && "$KUBE_BIN_DIR/kubectl" --kubeconfig "$kc" get --raw /readyz >/dev/null 2>&1; then
      printf '%-14s %-5s %s\n' cluster up "kubectl --kubeconfig $kc"
    else
      printf '%-14s %-5s %s\n' cluster down "(testenv/cluster/start.sh)"; rc=1
    fi
    continue
  fi
  pid="$(service_pid "$s")"
  if [ -n "$pid" ] && probe "$s" >/dev/null 2>&1; then
    printf '%-14s %-5s pid %s\n' "$s" up "$pid"
  elif [ -n "$pid" ]; then
    printf '%-14s %-5s pid %s, not answering (log: %s)\n' "$s" DOWN "$pid" "$LOG_DIR/$s.log"; rc=1
  else
    printf '%-14s %-5s\n' "$s" down; rc=1
  fi
done
exit $rc
