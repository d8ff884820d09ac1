#!/usr/bin/env bash
# Quick end-to-end check of running servers (start.sh first): one real
# request round-trip per service. Prints "N passed, N failed".
#
#   testenv/smoke.sh [all|mariadb|elasticsearch|opensearch|s3|s3proxy|k8s]...
#
# "all" = mariadb elasticsearch opensearch s3. "k8s" runs k8s-smoke.sh
# (starts its own etcd + kube-apiserver and stops them again).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

_list="$(expand_services "$ALL_SERVICES" "s3proxy k8s" "$@")"
mapfile -t services <<<"$_list"

passed=0 failed=0
check() {
  local name="$1" out; shift
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1)); log "PASS $name"
  else
    failed=$((failed + 1)); log "FAIL $name"; printf '%s\n' "$out" | tail -n 20 >&2
  fi
}

# curl that fails on HTTP errors and shows the body.
http() { curl -sS --fail-with-body -H 'Content-Type: application/json' "$@"; }

smoke_mariadb() {
  mariadb --no-defaults -h127.0.0.1 -P"$MARIADB_PORT" -u"$MARIADB_USER" -p"$MARIADB_PASSWORD" "$MARIADB_DATABASE" -N -e "
    CREATE TABLE IF NOT EXISTS smoke (id INT PRIMARY KEY, v VARCHAR(20));
    REPLACE INTO smoke VALUES (1, 'ok');
    SELECT v FROM smoke WHERE id = 1;
    DROP TABLE smoke;" | grep -qx ok
}

smoke_elasticsearch() {
  local es="http://127.0.0.1:$ES_PORT"
  http "$es/_ilm/status" | grep -q '"RUNNING"'
  http -X PUT "$es/_ilm/policy/smoke-policy" -d '{"policy":{"phases":{
      "hot":{"actions":{"rollover":{"max_age":"1d"}}},
      "delete":{"min_age":"30d","actions":{"delete":{}}}}}}' >/dev/null
  http "$es/_ilm/policy/smoke-policy" | grep -q '"delete"'
  http -X PUT "$es/smoke-000001" -d '{"settings":{"number_of_replicas":0,
      "index.lifecycle.name":"smoke-policy","index.lifecycle.rollover_alias":"smoke"},
      "aliases":{"smoke":{"is_write_index":true}}}' >/dev/null
  http "$es/smoke-000001/_ilm/explain" | grep -q '"managed":true'
  http -X DELETE "$es/smoke-000001" >/dev/null
  http -X DELETE "$es/_ilm/policy/smoke-policy" >/dev/null
}

smoke_opensearch() {
  local os="http://127.0.0.1:$OS_PORT"
  http -X PUT "$os/smoke" -d '{"settings":{"number_of_replicas":0}}' >/dev/null
  http -X PUT "$os/smoke/_doc/1?refresh=true" -d '{"msg":"hello"}' >/dev/null
  http "$os/smoke/_search?q=msg:hello" | grep -q '"total":{"value":1'
  http -X DELETE "$os/smoke" >/dev/null
  # ISM (installed by provision.sh): a policy round trip.
  http -X PUT "$os/_plugins/_ism/policies/smoke-policy" -d '{"policy":{"description":"smoke",
    "default_state":"hot","states":[{"name":"hot","actions":[],"transitions":[]}]}}' >/dev/null
  http "$os/_plugins/_ism/policies/smoke-policy" | grep -q '"policy_id":"smoke-policy"'
  http -X DELETE "$os/_plugins/_ism/policies/smoke-policy" >/dev/null
}

# Lifecycle rules with Prefix, Tag and And filters must survive PUT + GET.
s3_lifecycle_roundtrip() {
  "$MOTO_VENV/bin/python" - "$1" <<'PY'
import sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
s3.create_bucket(Bucket="smoke-lifecycle")
rules = [
    {"ID": "prefix", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 30}},
    {"ID": "tag", "Status": "Enabled", "Filter": {"Tag": {"Key": "class", "Value": "tmp"}},
     "Expiration": {"Days": 1}},
    {"ID": "and", "Status": "Enabled",
     "Filter": {"And": {"Prefix": "docs/", "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]}},
     "Expiration": {"Days": 7}},
]
s3.put_bucket_lifecycle_configuration(Bucket="smoke-lifecycle", LifecycleConfiguration={"Rules": rules})
got = s3.get_bucket_lifecycle_configuration(Bucket="smoke-lifecycle")["Rules"]
keys = ("ID", "Status", "Filter", "Expiration")
assert [{k: r[k] for k in keys} for r in got] == rules, got
s3.put_object(Bucket="smoke-lifecycle", Key="logs/a.txt", Body=b"x")
assert s3.get_object(Bucket="smoke-lifecycle", Key="logs/a.txt")["Body"].read() == b"x"
s3.delete_object(Bucket="smoke-lifecycle", Key="logs/a.txt")
s3.delete_bucket_lifecycle(Bucket="smoke-lifecycle")
s3.delete_bucket(Bucket="smoke-lifecycle")
PY
}

smoke_s3() { s3_lifecycle_roundtrip "http://127.0.0.1:$S3_PORT"; }

smoke_s3proxy() {
  "$MOTO_VENV/bin/python" - "http://127.0.0.1:$S3PROXY_PORT" "$RUN_DIR/s3proxy/data" <<'PY'
import os, sys, boto3
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
s3.create_bucket(Bucket="smoke-volume")
s3.put_object(Bucket="smoke-volume", Key="dir/a.txt", Body=b"hello")
path = os.path.join(sys.argv[2], "smoke-volume", "dir", "a.txt")
assert open(path, "rb").read() == b"hello", path          # object is a plain file
os.utime(path, (1000000000, 1000000000))                   # age it
lm = s3.head_object(Bucket="smoke-volume", Key="dir/a.txt")["LastModified"]
assert lm.year == 2001, lm                                 # mtime is LastModified
s3.delete_object(Bucket="smoke-volume", Key="dir/a.txt")
s3.delete_bucket(Bucket="smoke-volume")
PY
}

smoke_k8s() { "$TESTENV_DIR/k8s-smoke.sh"; }

for s in "${services[@]}"; do check "$s" "smoke_$s"; done
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
