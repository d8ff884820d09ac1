#!/usr/bin/env bash
# Installs / builds everything the integration tests need. Idempotent: each
# piece is skipped when its result is already in the cache.
#
#   testenv/provision.sh [all|k8s|mariadb|elasticsearch|opensearch|s3|receiptverify|monitoring|kstatus|s3proxy]...
#
# "all" = k8s mariadb elasticsearch opensearch s3 receiptverify monitoring kstatus (s3proxy is opt-in).
# With several pieces the (slow) k8s build runs in the background while the
# others are downloaded.
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

_list="$(expand_services "k8s mariadb elasticsearch opensearch s3 receiptverify monitoring kstatus" "s3proxy" "$@")"
mapfile -t pieces <<<"$_list"

mkdir -p "$CACHE_DIR"

# Tools the scripts themselves use.
ensure_apt_packages curl unzip ca-certificates

timed() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  log "$name: done in $((SECONDS - start))s"
}

# ------------------------------------------------------------------ k8s
# kube-apiserver + kubectl (k8s.io/kubernetes) and etcd (go.etcd.io/etcd/server/v3),
# compiled from Go modules into $CACHE_DIR/k8s/<version>/ and copied to the
# directory kube-api-test reads: $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64/.
provision_k8s() {
  local go out stamp_want
  go="$(find_go)"
  export GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:--mod=readonly}" CGO_ENABLED=0
  out="$CACHE_DIR/k8s/$K8S_VERSION-etcd-$ETCD_VERSION"
  # Cache key: versions plus the wrapper go.mod/go.sum contents.
  stamp_want="k8s=$K8S_VERSION etcd=$ETCD_VERSION $(cat "$TESTENV_DIR"/k8sbin/go.sum "$TESTENV_DIR"/etcdbin/go.sum | sha256sum | cut -c1-16)"

  if [ -x "$out/kube-apiserver" ] && [ -x "$out/kubectl" ] && [ -x "$out/etcd" ] &&
     [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp_want" ]; then
    log "k8s: binaries for $K8S_VERSION / etcd $ETCD_VERSION already built"
  else
    mkdir -p "$out"
    local k8s_mod="$TESTENV_DIR/k8sbin" etcd_mod="$TESTENV_DIR/etcdbin"
    # The committed wrapper modules are for the default versions; for another
    # version generate a module in the cache.
    if ! grep -Eq "^[[:space:]]*(require[[:space:]]+)?k8s.io/kubernetes v$K8S_VERSION( |\$)" "$k8s_mod/go.mod"; then
      k8s_mod="$CACHE_DIR/k8s/src-k8s-$K8S_VERSION"
      GO="$go" GOFLAGS=-mod=mod "$TESTENV_DIR/k8sbin/gen-go-mod.sh" "$K8S_VERSION" "$k8s_mod"
    fi
    if ! grep -Eq "^[[:space:]]*(require[[:space:]]+)?go.etcd.io/etcd/server/v3 v$ETCD_VERSION( |\$)" "$etcd_mod/go.mod"; then
      etcd_mod="$CACHE_DIR/k8s/src-etcd-$ETCD_VERSION"
      mkdir -p "$etcd_mod"
      printf 'module ekyc.local/testenv/etcdbin\n\ngo 1.24\n\ntool go.etcd.io/etcd/server/v3\n\nrequire go.etcd.io/etcd/server/v3 v%s\n' \
        "$ETCD_VERSION" >"$etcd_mod/go.mod"
      (cd "$etcd_mod" && GOFLAGS=-mod=mod "$go" mod tidy)
    fi

    # Version stamping as the Kubernetes release build does (hack/lib/version.sh),
    # so `kube-apiserver --version` and /version report v$K8S_VERSION instead of
    # v0.0.0-master. -s -w drops symbols (smaller binaries, faster link).
    local minor="${K8S_VERSION#*.}"; minor="${minor%%.*}"
    local ldflags="-s -w" p
    for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      ldflags+=" -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor"
      ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
    done
    log "k8s: building kube-apiserver + kubectl v$K8S_VERSION (cold: ~15-20 min on 2 cores)"
    (cd "$k8s_mod" && "$go" build -trimpath -ldflags "$ldflags" -o "$out/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl)
    log "k8s: building etcd v$ETCD_VERSION"
    (cd "$etcd_mod" && "$go" build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3)
    echo "$stamp_want" >"$out/.stamp"
  fi

  # Install into the kube-api-test layout (copy only when different).
  mkdir -p "$KUBE_BIN_DIR"
  local b
  for b in kube-apiserver kubectl etcd; do
    if ! cmp -s "$out/$b" "$KUBE_BIN_DIR/$b"; then
      install -m 0755 "$out/$b" "$KUBE_BIN_DIR/$b.tmp"
      mv -f "$KUBE_BIN_DIR/$b.tmp" "$KUBE_BIN_DIR/$b"
    fi
  done
  "$KUBE_BIN_DIR/kube-apiserver" --version >&2
  # sed reads all of its input: head would close the pipe early, and etcd, killed by SIGPIPE, would fail the
  # pipeline under pipefail (it did, now and then).
  "$KUBE_BIN_DIR/etcd" --version | sed -n 1p >&2
  log "k8s: binaries in $KUBE_BIN_DIR"
}

# -------------------------------------------------------------- mariadb
provision_mariadb() {
  if [ -z "$(apt_missing mariadb-server mariadb-client)" ]; then
    log "mariadb: already installed ($(/usr/sbin/mariadbd --version))"
    return 0
  fi
  # Keep the package's maintainer scripts from starting the system-wide
  # MariaDB (port 3306): a policy-rc.d that says "no" while apt runs, unless
  # the machine already has one.
  local policy=/usr/sbin/policy-rc.d added="" rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; added=1
  fi
  ensure_apt_packages mariadb-server mariadb-client || rc=$?
  if [ -n "$added" ]; then rm -f "$policy"; fi
  [ "$rc" -eq 0 ] || die "mariadb: apt-get install failed"
  log "mariadb: installed $(/usr/sbin/mariadbd --version)"
}

# ---------------------------------------------- elasticsearch / opensearch
# Unpack a distribution zip from Maven Central into $CACHE_DIR/<name> (once).
# Usage: unpack_zip COORDS TARGET_DIR
unpack_zip() {
  local coords="$1" target="$2" tmp
  if [ -d "$target/bin" ] && [ -d "$target/lib" ]; then
    log "$(basename "$target"): already unpacked"
    return 0
  fi
  tmp="$(mktemp -d "$CACHE_DIR/.unpack.XXXXXX")"
  mvn_fetch "$coords" "$tmp/dl"
  unzip -q "$tmp"/dl/*.zip -d "$tmp/x"
  rm -rf "$target"
  mv "$tmp/x/$(ls "$tmp/x")" "$target"
  rm -rf "$tmp"
  # Readable by the unprivileged uid the servers run as.
  chmod -R a+rX "$target"
  log "$(basename "$target"): unpacked"
}

provision_java() {
  [ -n "$SEARCH_JAVA_HOME" ] && [ -x "$SEARCH_JAVA_HOME/bin/java" ] && return 0
  ensure_apt_packages openjdk-17-jre-headless
}

provision_elasticsearch() {
  provision_java
  # "zip" = default distribution (basic license features incl. ILM).
  unpack_zip "org.elasticsearch.distribution.zip:elasticsearch:$ES_VERSION:zip" "$ES_HOME"
}

# The ISM plugin is not on any registry: shared/vendor/opensearch-ism/ (beside
# the repository, as in CI; its README says how it was built) provides it.
# EKYC_OS_ISM_ZIP overrides the path, e.g. for a git worktree elsewhere.
OS_PLUGIN_VERSION="${OS_PLUGIN_VERSION:-$OS_VERSION.0}"
OS_ISM_ZIP="${EKYC_OS_ISM_ZIP:-$(dirname "$(dirname "$TESTENV_DIR")")/shared/vendor/opensearch-ism/opensearch-index-management-$OS_PLUGIN_VERSION.zip}"
OS_ISM_SHA256="${EKYC_OS_ISM_SHA256:-5d5434a18b0c9b31ab0fac522e0ac398fcbab2ee3d0d45b70c19f4822a089f09}"

# Checks the vendored ISM zip before anything is installed from it.
require_ism_zip() {
  [ -f "$OS_ISM_ZIP" ] || die "opensearch: ISM plugin zip not found at $OS_ISM_ZIP.
  It is not in any registry; it lives in shared/vendor/opensearch-ism/ beside the repository
  (a clone at X/ekyc-operator expects X/shared/). Put it there, or point EKYC_OS_ISM_ZIP at it."
  local sum
  sum="$(sha256sum "$OS_ISM_ZIP" | cut -d' ' -f1)"
  [ "$sum" = "$OS_ISM_SHA256" ] || die "opensearch: $OS_ISM_ZIP has SHA-256 $sum, expected $OS_ISM_SHA256
  (see shared/vendor/opensearch-ism/README.md): replace it with the documented build."
}

# Installs job-scheduler (Maven Central) and then ISM, which extends it, into a
# copy of the unpacked distribution and swaps it in, so that a half-finished
# install is never what start.sh runs. The stamp records what is installed.
provision_opensearch_plugins() {
  local stamp_want tmp
  stamp_want="job-scheduler=$OS_PLUGIN_VERSION ism-sha256=$OS_ISM_SHA256"
  if [ -d "$OS_HOME/plugins/opensearch-job-scheduler" ] && [ -d "$OS_HOME/plugins/opensearch-index-management" ] &&
     [ "$(cat "$OS_HOME/.ekyc-plugins" 2>/dev/null)" = "$stamp_want" ]; then
    log "opensearch: job-scheduler and ISM plugins already installed"
    return 0
  fi
  require_ism_zip
  tmp="$(mktemp -d "$CACHE_DIR/.os-plugins.XXXXXX")"
  # job-scheduler has no .pom and its metadata omits this version: copy the zip by coordinates.
  mvn_fetch "org.opensearch.plugin:opensearch-job-scheduler:$OS_PLUGIN_VERSION:zip" "$tmp/dl"
  cp -a "$OS_HOME" "$tmp/home"
  rm -rf "$tmp/home/plugins/opensearch-job-scheduler" "$tmp/home/plugins/opensearch-index-management"
  local zip
  for zip in "$tmp"/dl/opensearch-job-scheduler-*.zip "$OS_ISM_ZIP"; do
    # --batch grants the plugin's security policy without a prompt.
    OPENSEARCH_JAVA_HOME="$SEARCH_JAVA_HOME" "$tmp/home/bin/opensearch-plugin" install --batch "file://$zip" \
      >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; rm -rf "$tmp"; die "opensearch: installing $zip failed"; }
  done
  chmod -R a+rX "$tmp/home"
  echo "$stamp_want" >"$tmp/home/.ekyc-plugins"
  # A running OpenSearch keeps the files it opened; it needs a restart to load the plugins.
  mv "$OS_HOME" "$tmp/old"
  mv "$tmp/home" "$OS_HOME"
  rm -rf "$tmp"
  log "opensearch: installed job-scheduler $OS_PLUGIN_VERSION and ISM ($OS_ISM_ZIP)"
  if [ -n "$(service_pid opensearch)" ]; then
    log "opensearch: the running server started without them: testenv/stop.sh opensearch && testenv/start.sh opensearch"
  fi
}

provision_opensearch() {
  provision_java
  # The integ-test zip is the only OpenSearch distribution in Maven Central.
  # It contains only the transport-netty4 module (no painless, no reindex, no
  # analysis-common) -- see README; the plugins below add ISM.
  unpack_zip "org.opensearch.distribution.integ-test-zip:opensearch:$OS_VERSION:zip" "$OS_HOME"
  provision_opensearch_plugins
}

# ------------------------------------------------------------------- s3
provision_s3() {
  if [ -x "$MOTO_VENV/bin/moto_server" ] && [ -f "$MOTO_VENV/.complete" ]; then
    log "s3: moto $MOTO_VERSION venv already present"
    return 0
  fi
  local py="${PYTHON:-$(command -v python3 || true)}"
  if [ -z "$py" ] || ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
    ensure_apt_packages python3 python3-venv
    py=/usr/bin/python3
  fi
  rm -rf "$MOTO_VENV"
  "$py" -m venv "$MOTO_VENV"
  # boto3 is for the smoke test; moto[server] = flask-based standalone server.
  "$MOTO_VENV/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION" boto3
  touch "$MOTO_VENV/.complete"
  log "s3: moto $MOTO_VERSION installed in $MOTO_VENV"
}

provision_s3proxy() {
  provision_java
  if [ -f "$S3PROXY_JAR" ]; then
    log "s3proxy: $S3PROXY_JAR already present"
    return 0
  fi
  local tmp
  tmp="$(mktemp -d "$CACHE_DIR/.s3proxy.XXXXXX")"
  # The jar-with-dependencies classifier is the runnable fat jar.
  mvn_fetch "org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "$tmp"
  mv "$tmp"/s3proxy-*.jar "$S3PROXY_JAR"
  rm -rf "$tmp"
  log "s3proxy: $S3PROXY_JAR"
}

# ------------------------------------------------------------ monitoring
# Debian's Prometheus (promtool for the alert rules' unit tests, prometheus for the alerting IT), Alertmanager
# and Lua 5.1 (Argo CD's health checks). Binaries only: the ITs start them on free ports with their own
# configuration; the packages' services are not started (no init here) and must not be left running.
provision_monitoring() {
  ensure_apt_packages prometheus prometheus-alertmanager lua5.1
  log "monitoring: $(promtool --version 2>&1 | head -n1); $(prometheus-alertmanager --version 2>&1 | head -n1)"
}

# -------------------------------------------------------------- kstatus
# A small program over sigs.k8s.io/cli-utils/pkg/kstatus (what Flux's health checks and kpt compute), from the
# committed module testenv/kstatus, into $CACHE_DIR/kstatus/kstatus; rebuilt only when its sources change.
provision_kstatus() {
  local go out stamp_want
  go="$(find_go)"
  out="$CACHE_DIR/kstatus"
  stamp_want="$(cat "$TESTENV_DIR"/kstatus/go.mod "$TESTENV_DIR"/kstatus/go.sum "$TESTENV_DIR"/kstatus/main.go \
    | sha256sum | cut -c1-16)"
  if [ -x "$out/kstatus" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp_want" ]; then
    log "kstatus: already built"
    return 0
  fi
  mkdir -p "$out"
  (cd "$TESTENV_DIR/kstatus" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0 \
    "$go" build -trimpath -ldflags "-s -w" -o "$out/kstatus" .)
  echo "$stamp_want" >"$out/.stamp"
  log "kstatus: $out/kstatus"
}

# ------------------------------------------------------------ receiptverify
# The independent receipt verifier (testenv/receiptverify: golang.org/x/mod/sumdb/note and
# github.com/transparency-dev/merkle, pinned by the committed go.sum), built into
# $CACHE_DIR/receiptverify/receiptverify; ReceiptInteropIT runs it. Rebuilt when its sources change.
provision_receiptverify() {
  local go out stamp_want src="$TESTENV_DIR/receiptverify"
  go="$(find_go)"
  out="$CACHE_DIR/receiptverify"
  stamp_want="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-16)"
  if [ -x "$out/receiptverify" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp_want" ]; then
    log "receiptverify: already built"
    return 0
  fi
  mkdir -p "$out"
  (cd "$src" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0 "$go" build -o "$out/receiptverify.new" .)
  mv "$out/receiptverify.new" "$out/receiptverify"
  echo "$stamp_want" >"$out/.stamp"
  log "receiptverify: $out/receiptverify"
}

# ----------------------------------------------------------------- main
total_start=$SECONDS
bg_pid=""
if [ ${#pieces[@]} -gt 1 ] && [[ " ${pieces[*]} " == *" k8s "* ]]; then
  # The Go build is CPU bound, the rest mostly network/IO bound: overlap them.
  mkdir -p "$LOG_DIR"
  log "k8s: building in the background (log: $LOG_DIR/provision-k8s.log)"
  (timed k8s provision_k8s) >"$LOG_DIR/provision-k8s.log" 2>&1 &
  bg_pid=$!
fi

for p in "${pieces[@]}"; do
  if [ "$p" = k8s ] && [ -n "$bg_pid" ]; then continue; fi
  timed "$p" "provision_$p"
done

if [ -n "$bg_pid" ]; then
  log "waiting for the k8s build (tail -f $LOG_DIR/provision-k8s.log)"
  if ! wait "$bg_pid"; then
    tail -n 40 "$LOG_DIR/provision-k8s.log" >&2
    die "k8s build failed (full log: $LOG_DIR/provision-k8s.log)"
  fi
  cat "$LOG_DIR/provision-k8s.log" >&2
fi
log "provision ${pieces[*]}: total $((SECONDS - total_start))s"
