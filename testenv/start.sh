#!/usr/bin/env bash
# Starts the test servers in the background on 127.0.0.1 and waits until each
# one answers. Idempotent: a service that is already running is only checked.
#
#   testenv/start.sh [all|mariadb|mariadb_binlog|elasticsearch|opensearch|s3|s3proxy]...
#
# "all" = mariadb mariadb_binlog elasticsearch opensearch s3 (s3proxy is opt-in).
# kube-apiserver/etcd are not started here: kube-api-test starts them itself
# (see k8s-smoke.sh for a manual check). Run provision.sh first.
# Logs: $RUN_DIR/logs/<service>.log   PID files: $RUN_DIR/pids/<service>.pid
# Endpoints for the tests: $RUN_DIR/endpoints.env (same as endpoints.sh prints).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

_list="$(expand_services "$ALL_SERVICES" "s3proxy" "$@")"
mapfile -t services <<<"$_list"

mkdir -p "$LOG_DIR" "$PID_DIR"
chmod 755 "$RUN_DIR"

# Runs "$@" detached (own session, stdin from /dev/null, output appended to
# LOGFILE) and records its PID. The PID is written by the shell that then
# execs the command, so it is the server's own PID (all wrappers used here --
# setpriv, env, bin/elasticsearch, bin/opensearch -- exec in turn).
# Usage: launch NAME LOGFILE CMD...
launch() {
  local name="$1" logf="$2" pf
  shift 2
  pf="$(pid_file "$name")"
  rm -f "$pf"
  [ -f "$logf" ] && mv -f "$logf" "$logf.prev"   # one log per start
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$pf" "$@" >>"$logf" 2>&1 </dev/null &
  for _ in $(seq 50); do [ -s "$pf" ] && break; sleep 0.1; done
  [ -s "$pf" ] || die "$name: no PID file after launch"
  cat "$pf"
}

already_running() {
  local pid
  pid="$(service_pid "$1")"
  if [ -n "$pid" ]; then
    log "$1: already running (pid $pid)"
    return 0
  fi
  return 1
}

# --------------------------------------------------------------- mariadb
# shellcheck disable=SC2120
mariadb_sql() { mariadb --no-defaults --protocol=socket --socket="$RUN_DIR/${MARIADB_INSTANCE:-mariadb}/mysqld.sock" -uroot "$@"; }

# Usage: start_mariadb_instance NAME PORT [EXTRA mariadbd ARGS]...
start_mariadb_instance() {
  local name="$1" port="$2"
  shift 2
  local dir="$RUN_DIR/$name" logf="$LOG_DIR/$name.log" pid
  local b
  for b in /usr/sbin/mariadbd mariadb-install-db mariadb mariadb-admin; do
    command -v "$b" >/dev/null || die "$name: $b missing, run provision.sh mariadb"
  done
  if ! already_running "$name"; then
    mkdir -p "$dir/tmp"
    if [ ! -d "$dir/data/mysql" ]; then
      log "$name: initialising $dir/data"
      # root@localhost authenticates by unix socket (we are root); no test db.
      mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
        --auth-root-authentication-method=socket --skip-test-db >"$LOG_DIR/$name-install-db.log" 2>&1 ||
        { tail -n 30 "$LOG_DIR/$name-install-db.log" >&2; die "$name: mariadb-install-db failed"; }
    fi
    # --no-defaults: ignore /etc/mysql/*. --user=root: this private instance
    # runs as the invoking user (mariadbd otherwise refuses to run as root).
    pid="$(launch "$name" "$logf" /usr/sbin/mariadbd --no-defaults --user=root \
      --datadir="$dir/data" --tmpdir="$dir/tmp" \
      --socket="$dir/mysqld.sock" --pid-file="$dir/mariadbd.pid" \
      --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-flush-log-at-trx-commit=2 "$@")"
    log "$name: started pid $pid on 127.0.0.1:$port"
  fi
}

start_mariadb() {
  start_mariadb_instance mariadb "$MARIADB_PORT" --innodb-buffer-pool-size=128M --max-connections=200
}

# A second, small MariaDB with the binary log on (row-based, FULL images, 7-day expiry, as a production primary
# is often configured), for the tests of what the binary log keeps of erased values. Small buffer pool: it holds
# only a few test tables.
start_mariadb_binlog() {
  start_mariadb_instance mariadb_binlog "$MARIADB_BINLOG_PORT" --innodb-buffer-pool-size=24M --max-connections=40 \
    --server-id=1 --log-bin="$RUN_DIR/mariadb_binlog/data/binlog" --binlog-format=ROW --binlog-row-image=FULL \
    --expire-logs-days=7 --performance-schema=OFF
}

# Usage: ready_mariadb_instance NAME PORT [EXTRA SQL for the application user]
ready_mariadb_instance() {
  local name="$1" port="$2" extra="${3:-}"
  local dir="$RUN_DIR/$name" logf="$LOG_DIR/$name.log" pid
  pid="$(service_pid "$name")"
  wait_ready "$name" "$pid" "$logf" \
    mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping || return 1
  # Idempotent bootstrap: database, application user, admin user.
  MARIADB_INSTANCE="$name" mariadb_sql <<SQL
CREATE DATABASE IF NOT EXISTS \`$MARIADB_DATABASE\`;
CREATE USER IF NOT EXISTS '$MARIADB_USER'@'%' IDENTIFIED BY '$MARIADB_PASSWORD';
ALTER USER '$MARIADB_USER'@'%' IDENTIFIED BY '$MARIADB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$MARIADB_DATABASE\`.* TO '$MARIADB_USER'@'%';
CREATE USER IF NOT EXISTS '$MARIADB_ADMIN_USER'@'%' IDENTIFIED BY '$MARIADB_ADMIN_PASSWORD';
ALTER USER '$MARIADB_ADMIN_USER'@'%' IDENTIFIED BY '$MARIADB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MARIADB_ADMIN_USER'@'%' WITH GRANT OPTION;
$extra
FLUSH PRIVILEGES;
SQL
  # Ready = the application user can log in over TCP.
  mariadb --no-defaults -h127.0.0.1 -P"$port" -u"$MARIADB_USER" -p"$MARIADB_PASSWORD" \
    "$MARIADB_DATABASE" -N -e 'SELECT 1' >/dev/null ||
    { log "$name: $MARIADB_USER cannot log in (log: $logf)"; return 1; }
  log "$name: ready"
}

# PROCESS lets the application user read information_schema.INNODB_TRX, so the operator can see open
# transactions (a sub-day promise is not Compliant while they cannot be read). The binlog instance keeps the
# application user without it, to test exactly that.
ready_mariadb() {
  ready_mariadb_instance mariadb "$MARIADB_PORT" "GRANT PROCESS ON *.* TO '$MARIADB_USER'@'%';"
}
ready_mariadb_binlog() { ready_mariadb_instance mariadb_binlog "$MARIADB_BINLOG_PORT"; }

# ------------------------------------------------ elasticsearch / opensearch
# Prepares a private, writable config dir from the distribution's config:
# the node settings file is replaced, the heap lines are dropped from
# jvm.options (the heap comes from *_JAVA_OPTS).
# Usage: prepare_search_config HOME DIR YML_NAME YML_CONTENT
prepare_search_config() {
  local home="$1" dir="$2" yml="$3" content="$4"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  cp -R "$home/config/." "$dir/config/"
  # The launcher cds to the install dir, so the relative gc log / heap dump
  # paths of jvm.options would point into the (read-only) install: make them
  # absolute, inside $dir.
  sed -i -E -e '/^-Xm[sx]/d' \
    -e "s#file=logs/#file=$dir/logs/#" \
    -e "s#HeapDumpPath=data#HeapDumpPath=$dir/data#" \
    -e "s#ErrorFile=logs/#ErrorFile=$dir/logs/#" "$dir/config/jvm.options"
  printf '%s\n' "$content" >"$dir/config/$yml"
  chown -R "$SEARCH_UID:$SEARCH_GID" "$dir"
}

# Elasticsearch and OpenSearch refuse to run as root.
AS_SEARCH_USER=(setpriv --reuid="$SEARCH_UID" --regid="$SEARCH_GID" --clear-groups)

search_ready() { curl -sf "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s"; }

start_elasticsearch() {
  local dir="$RUN_DIR/elasticsearch" logf="$LOG_DIR/elasticsearch.log" pid
  [ -x "$ES_HOME/bin/elasticsearch" ] || die "elasticsearch: not installed, run provision.sh elasticsearch"
  [ -n "$SEARCH_JAVA_HOME" ] || die "elasticsearch: no Java 17 found (set SEARCH_JAVA_HOME)"
  if ! already_running elasticsearch; then
    # Binding to loopback only keeps ES in "development mode": the bootstrap
    # checks (vm.max_map_count, file descriptors) are only warnings then.
    prepare_search_config "$ES_HOME" "$dir" elasticsearch.yml "\
cluster.name: ekyc-it-es
node.name: es-it
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
discovery.type: single-node
bootstrap.memory_lock: false
# keep allocating shards even on a nearly full disk
cluster.routing.allocation.disk.threshold_enabled: false
xpack.security.enabled: false
xpack.ml.enabled: false
xpack.watcher.enabled: false
xpack.monitoring.enabled: false
# ILM checks policies every 10m by default; tests want it fast
indices.lifecycle.poll_interval: ${ES_ILM_POLL_INTERVAL:-1s}"
    pid="$(launch elasticsearch "$logf" "${AS_SEARCH_USER[@]}" env -i \
      PATH=/usr/bin:/bin HOME="$dir" JAVA_HOME="$SEARCH_JAVA_HOME" \
      ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
      ES_JAVA_OPTS="-Xms$SEARCH_HEAP -Xmx$SEARCH_HEAP" \
      "$ES_HOME/bin/elasticsearch")"
    log "elasticsearch: started pid $pid on 127.0.0.1:$ES_PORT"
  fi
}

ready_elasticsearch() {
  local dir="$RUN_DIR/elasticsearch" logf="$LOG_DIR/elasticsearch.log" pid
  pid="$(service_pid elasticsearch)"
  wait_ready elasticsearch "$pid" "$logf" search_ready "$ES_PORT" || return 1
  curl -sf "http://127.0.0.1:$ES_PORT/_ilm/status" | grep -q RUNNING ||
    { log "elasticsearch: ILM not running: $(curl -s "http://127.0.0.1:$ES_PORT/_ilm/status")"; return 1; }
  log "elasticsearch: ready (ILM running)"
}

start_opensearch() {
  local dir="$RUN_DIR/opensearch" logf="$LOG_DIR/opensearch.log" pid
  [ -x "$OS_HOME/bin/opensearch" ] || die "opensearch: not installed, run provision.sh opensearch"
  [ -d "$OS_HOME/plugins/opensearch-index-management" ] ||
    die "opensearch: $OS_HOME has no ISM plugin, run provision.sh opensearch (it installs job-scheduler and ISM)"
  [ -n "$SEARCH_JAVA_HOME" ] || die "opensearch: no Java 17 found (set SEARCH_JAVA_HOME)"
  if ! already_running opensearch; then
    # The integ-test distribution has no security plugin: plain HTTP, no auth.
    prepare_search_config "$OS_HOME" "$dir" opensearch.yml "\
cluster.name: ekyc-it-os
node.name: os-it
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $OS_PORT
transport.port: $OS_TRANSPORT_PORT
discovery.type: single-node
bootstrap.memory_lock: false
cluster.routing.allocation.disk.threshold_enabled: false
# ISM runs each managed index's job every 5 min by default; 1 (minute, the
# smallest) lets tests see a policy initialise and delete within minutes
plugins.index_state_management.job_interval: ${OS_ISM_JOB_INTERVAL:-1}"
    pid="$(launch opensearch "$logf" "${AS_SEARCH_USER[@]}" env -i \
      PATH=/usr/bin:/bin HOME="$dir" OPENSEARCH_JAVA_HOME="$SEARCH_JAVA_HOME" \
      OPENSEARCH_PATH_CONF="$dir/config" OPENSEARCH_TMPDIR="$dir/tmp" \
      OPENSEARCH_JAVA_OPTS="-Xms$SEARCH_HEAP -Xmx$SEARCH_HEAP" \
      "$OS_HOME/bin/opensearch")"
    log "opensearch: started pid $pid on 127.0.0.1:$OS_PORT"
  fi
}

ready_opensearch() {
  local dir="$RUN_DIR/opensearch" logf="$LOG_DIR/opensearch.log" pid
  pid="$(service_pid opensearch)"
  wait_ready opensearch "$pid" "$logf" search_ready "$OS_PORT" || return 1
  curl -sf "http://127.0.0.1:$OS_PORT/_cat/plugins?h=component" | grep -q '^opensearch-index-management$' ||
    { log "opensearch: ISM plugin not loaded: $(curl -s "http://127.0.0.1:$OS_PORT/_cat/plugins")"; return 1; }
  log "opensearch: ready (ISM plugin loaded)"
}

# -------------------------------------------------------------------- s3
start_s3() {
  local logf="$LOG_DIR/s3.log" pid
  [ -x "$MOTO_VENV/bin/moto_server" ] || die "s3: moto not installed, run provision.sh s3"
  if ! already_running s3; then
    # moto keeps all state in memory: a restart starts with no buckets.
    pid="$(launch s3 "$logf" "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT")"
    log "s3: moto started pid $pid on 127.0.0.1:$S3_PORT"
  fi
}

ready_s3() {
  local logf="$LOG_DIR/s3.log" pid
  pid="$(service_pid s3)"
  wait_ready s3 "$pid" "$logf" curl -sf "http://127.0.0.1:$S3_PORT/" || return 1
  log "s3: ready"
}

start_s3proxy() {
  local dir="$RUN_DIR/s3proxy" logf="$LOG_DIR/s3proxy.log" pid
  [ -f "$S3PROXY_JAR" ] || die "s3proxy: not installed, run provision.sh s3proxy"
  if ! already_running s3proxy; then
    mkdir -p "$dir/data"
    # Filesystem backend: objects are plain files, so a test can change an
    # object's mtime (touch -d) to make it look old.
    cat >"$dir/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=${S3_ACCESS_KEY:-test}
s3proxy.credential=${S3_SECRET_KEY:-test}
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
EOF
    pid="$(launch s3proxy "$logf" "$SEARCH_JAVA_HOME/bin/java" -Xmx256m \
      -Ds3proxy.marker=s3proxy -jar "$S3PROXY_JAR" --properties "$dir/s3proxy.conf")"
    log "s3proxy: started pid $pid on 127.0.0.1:$S3PROXY_PORT"
  fi
}

ready_s3proxy() {
  local dir="$RUN_DIR/s3proxy" logf="$LOG_DIR/s3proxy.log" pid
  pid="$(service_pid s3proxy)"
  # Any HTTP answer (403 without credentials) means it is listening.
  wait_ready s3proxy "$pid" "$logf" \
    bash -c "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$S3PROXY_PORT/ | grep -q '^[2-4]'" || return 1
  log "s3proxy: ready"
}

# ------------------------------------------------------------------ main
# Launch everything first, then wait: the JVMs start in parallel.
failed=()
ready=()
for s in "${services[@]}"; do
  if "start_$s"; then ready+=("$s"); else failed+=("$s"); fi
done
for s in "${ready[@]}"; do
  if "ready_$s"; then
    log "$s: up"
  else
    failed+=("$s")
  fi
done

"$TESTENV_DIR/endpoints.sh" >"$RUN_DIR/endpoints.env"
log "endpoints written to $RUN_DIR/endpoints.env"
if [ ${#failed[@]} -gt 0 ]; then
  die "failed to start: ${failed[*]}"
fi
