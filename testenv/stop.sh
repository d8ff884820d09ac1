#!/usr/bin/env bash
# Stops the test servers started by start.sh, by PID file (TERM, then KILL
# after 30s). Never kills by process name.
#
#   testenv/stop.sh [--clean] [all|mariadb|mariadb_binlog|elasticsearch|opensearch|s3|s3proxy|cluster]...
#
# "all" includes s3proxy and the test cluster (testenv/cluster/stop.sh, which
# also cleans what the kubelet left on the host). --clean also deletes the run
# directory (data, logs).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

clean=""
cluster=""
args=()
for a in "$@"; do
  case "$a" in
    --clean) clean=1 ;;
    cluster) cluster=1 ;;
    *) args+=("$a") ;;
  esac
done
# The cluster first: its mounts live under the run directory.
only_cluster=""
if [ -n "$cluster" ] && [ ${#args[@]} -eq 0 ] && [ -z "$clean" ]; then only_cluster=1; fi
if [ -n "$cluster" ] || [ ${#args[@]} -eq 0 ] || [[ " ${args[*]} " == *" all "* ]]; then
  if [ -d "$RUN_DIR/cluster" ] || [ -f "$RUN_DIR/cluster-sysctl.saved" ]; then
    "$(dirname "$0")/cluster/stop.sh"
  fi
fi
[ -z "$only_cluster" ] || exit 0
_list="$(expand_services "$ALL_SERVICES s3proxy" "" "${args[@]}")"
mapfile -t services <<<"$_list"

stop_one() {
  local svc="$1" pid
  pid="$(service_pid "$svc")"
  if [ -z "$pid" ]; then
    rm -f "$(pid_file "$svc")"
    log "$svc: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$svc: still alive after 30s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$svc")"
  log "$svc: stopped (pid $pid)"
}

for s in "${services[@]}"; do stop_one "$s"; done

if [ -n "$clean" ]; then
  case "$RUN_DIR" in
    /|"") die "refusing to delete RUN_DIR='$RUN_DIR'" ;;
  esac
  for s in $ALL_SERVICES s3proxy; do
    [ -z "$(service_pid "$s")" ] || die "$s still running, not cleaning $RUN_DIR"
  done
  rm -rf "$RUN_DIR"
  log "removed $RUN_DIR"
fi
