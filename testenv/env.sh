# shellcheck shell=bash disable=SC2034
# Sourced by every testenv script: versions, ports, directories and helpers.
# Everything listens on 127.0.0.1 only. Override any variable from the
# environment before calling the scripts.

TESTENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# ---------------------------------------------------------------- versions
# Kubernetes 1.34 matches fabric8 kubernetes-client 7.5.x (its model is generated
# from the 1.34 API). k8s 1.34 needs Go >= 1.24; the machine's Go 1.26 builds it.
K8S_VERSION="${K8S_VERSION:-1.34.4}"
# etcd version Kubernetes 1.34 itself tests with (hack/lib/etcd.sh in k8s 1.34.4).
ETCD_VERSION="${ETCD_VERSION:-3.6.5}"
ES_VERSION="${ES_VERSION:-6.8.23}"
OS_VERSION="${OS_VERSION:-2.19.6}"
MOTO_VERSION="${MOTO_VERSION:-5.2.5}"
S3PROXY_VERSION="${S3PROXY_VERSION:-4.1.0}"

# ------------------------------------------------------------------- ports
MARIADB_PORT="${MARIADB_PORT:-13306}"
# The second MariaDB, with the binary log on (start.sh mariadb_binlog).
MARIADB_BINLOG_PORT="${MARIADB_BINLOG_PORT:-13307}"
ES_PORT="${ES_PORT:-19200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-19300}"
OS_PORT="${OS_PORT:-19201}"
OS_TRANSPORT_PORT="${OS_TRANSPORT_PORT:-19301}"
S3_PORT="${S3_PORT:-19000}"
S3PROXY_PORT="${S3PROXY_PORT:-19002}"

# -------------------------------------------------------- mariadb accounts
MARIADB_DATABASE="${MARIADB_DATABASE:-ekyc}"
MARIADB_USER="${MARIADB_USER:-ekyc}"
MARIADB_PASSWORD="${MARIADB_PASSWORD:-ekyc-test-pw}"
# Extra account with all privileges, for tests that create schemas/users.
MARIADB_ADMIN_USER="${MARIADB_ADMIN_USER:-ekyc_admin}"
MARIADB_ADMIN_PASSWORD="${MARIADB_ADMIN_PASSWORD:-ekyc-admin-pw}"

# ------------------------------------------------------------ directories
# Cache: downloads, unpacked servers, built binaries, the moto venv.
# As root the default is under /var/cache, not $HOME/.cache: /root is mode 700,
# and Elasticsearch/OpenSearch run as uid 65534, which must be able to read
# their install directories.
if [ "$(id -u)" = 0 ]; then
  _default_cache=/var/cache/ekyc-testenv
else
  _default_cache="$HOME/.cache/ekyc-testenv"
fi
CACHE_DIR="${EKYC_TESTENV_CACHE:-$_default_cache}"
# Run state: data dirs, logs, PID files. Throw-away; wiped by `stop.sh --clean`.
RUN_DIR="${EKYC_TESTENV_RUN:-/tmp/ekyc-testenv}"
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"

# kube-api-test (io.fabric8:kube-api-test) looks for
#   $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
# with KUBE_API_TEST_DIR defaulting to ~/.kubeapitest (see README).
KUBE_API_TEST_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
KUBE_BIN_DIR="$KUBE_API_TEST_DIR/k8s/${K8S_VERSION}-linux-amd64"

ES_HOME="$CACHE_DIR/elasticsearch-$ES_VERSION"
OS_HOME="$CACHE_DIR/opensearch-$OS_VERSION"
MOTO_VENV="$CACHE_DIR/moto-$MOTO_VERSION"
S3PROXY_JAR="$CACHE_DIR/s3proxy-$S3PROXY_VERSION.jar"

# Elasticsearch and OpenSearch refuse to run as root: they run as this uid/gid.
SEARCH_UID="${SEARCH_UID:-65534}"
SEARCH_GID="${SEARCH_GID:-65534}"
SEARCH_HEAP="${SEARCH_HEAP:-512m}"

# Both search engines run on Java 17 (ES 6.8.23's jvm.options already switches
# to G1 on Java >= 14; Java 24+ would fail: no SecurityManager any more).
if [ -z "${SEARCH_JAVA_HOME:-}" ]; then
  for _j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-*; do
    if [ -x "$_j/bin/java" ]; then SEARCH_JAVA_HOME="$_j"; break; fi
  done
fi
SEARCH_JAVA_HOME="${SEARCH_JAVA_HOME:-}"

READY_TIMEOUT="${READY_TIMEOUT:-120}"

ALL_SERVICES="mariadb mariadb_binlog elasticsearch opensearch s3"

# ----------------------------------------------------------------- helpers
log() { printf '[testenv %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Expand "all" into the default list and validate names.
# Usage: expand_services "DEFAULT_LIST" "OPT_IN_LIST" ARGS...
expand_services() {
  local all="$1" extra="$2"; shift 2
  local out=() s
  [ $# -eq 0 ] && set -- all
  for s in "$@"; do
    if [ "$s" = all ]; then
      # shellcheck disable=SC2206
      out+=($all)
    elif [[ " $all $extra " == *" $s "* ]]; then
      out+=("$s")
    else
      die "unknown piece '$s' (valid: all $all $extra)"
    fi
  done
  printf '%s\n' "${out[@]}" | awk '!seen[$0]++'
}

pid_file() { echo "$PID_DIR/$1.pid"; }

# Prints the PID of a running service, or nothing. The PID must still belong
# to the expected program (guards against a recycled PID after a reboot).
service_pid() {
  local svc="$1" f pid marker
  f="$(pid_file "$svc")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  case "$svc" in
    mariadb|mariadb_binlog) marker=mariadbd ;;
    # during startup the PID is still the bin/ launcher script (it execs java)
    elasticsearch) marker='org.elasticsearch.bootstrap.Elasticsearch|bin/elasticsearch' ;;
    opensearch) marker='org.opensearch.bootstrap.OpenSearch|bin/opensearch' ;;
    s3) marker=moto_server ;;
    s3proxy) marker=s3proxy ;;
    *) marker="" ;;
  esac
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -Eq -- "$marker"; then
    echo "$pid"
  fi
}

# Wait until a command succeeds; on timeout print the log tail and fail.
# Usage: wait_ready NAME PID LOGFILE CMD...
wait_ready() {
  local name="$1" pid="$2" logf="$3"; shift 3
  local deadline=$((SECONDS + READY_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) exited during startup; last lines of $logf:"
      tail -n 40 "$logf" >&2 || true
      return 1
    fi
    sleep 1
  done
  log "$name not ready after ${READY_TIMEOUT}s; last lines of $logf:"
  tail -n 40 "$logf" >&2 || true
  return 1
}

# Download one artifact from the Maven repository configured for `mvn`
# (it lands in ~/.m2 first, so a second download is a local copy).
mvn_fetch() {
  local coords="$1" outdir="$2"
  command -v mvn >/dev/null || ensure_apt_packages maven
  mkdir -p "$outdir"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
    -Dartifact="$coords" -DoutputDirectory="$outdir" -Dmdep.overWriteIfNewer=true \
    >"$outdir/.mvn-$$.log" 2>&1 || { cat "$outdir/.mvn-$$.log" >&2; die "mvn could not fetch $coords"; }
  rm -f "$outdir/.mvn-$$.log"
}

_apt_updated=""
# Install Debian packages that are missing (apt-get update once per process,
# and only if something has to be installed).
# Prints the Debian packages among "$@" that are not installed.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

ensure_apt_packages() {
  local missing=()
  mapfile -t missing < <(apt_missing "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
  if [ -z "$_apt_updated" ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    _apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  # Services are not started by the package scripts here (policy-rc.d / no
  # init); start.sh runs them itself.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_go() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else die "Go toolchain not found (need go >= 1.24 in PATH or /usr/local/go/bin)"
  fi
}
