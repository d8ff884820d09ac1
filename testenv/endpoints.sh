#!/usr/bin/env bash
# Prints the KEY=VALUE lines the Java integration tests read from the
# environment. start.sh writes the same to $RUN_DIR/endpoints.env.
#   set -a; . "$(testenv/endpoints.sh --file)"; set +a     # or
#   eval "$(testenv/endpoints.sh --export)"
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

if [ "${1:-}" = --file ]; then echo "$RUN_DIR/endpoints.env"; exit 0; fi
prefix=""
[ "${1:-}" = --export ] && prefix="export "

cat <<EOF2 | sed "s/^/$prefix/"
EKYC_IT_MARIADB_HOST=127.0.0.1
EKYC_IT_MARIADB_PORT=$MARIADB_PORT
EKYC_IT_MARIADB_DATABASE=$MARIADB_DATABASE
EKYC_IT_MARIADB_URL=jdbc:mariadb://127.0.0.1:$MARIADB_PORT/$MARIADB_DATABASE
EKYC_IT_MARIADB_USER=$MARIADB_USER
EKYC_IT_MARIADB_PASSWORD=$MARIADB_PASSWORD
EKYC_IT_MARIADB_ADMIN_USER=$MARIADB_ADMIN_USER
EKYC_IT_MARIADB_ADMIN_PASSWORD=$MARIADB_ADMIN_PASSWORD
EKYC_IT_MARIADB_BINLOG_PORT=$MARIADB_BINLOG_PORT
EKYC_IT_MARIADB_BINLOG_DIR=$RUN_DIR/mariadb_binlog/data
EKYC_IT_ES_URL=http://127.0.0.1:$ES_PORT
EKYC_IT_ES_VERSION=$ES_VERSION
EKYC_IT_OS_URL=http://127.0.0.1:$OS_PORT
EKYC_IT_OS_VERSION=$OS_VERSION
EKYC_IT_OS_ISM=true
EKYC_IT_S3_URL=http://127.0.0.1:$S3_PORT
EKYC_IT_S3_REGION=us-east-1
EKYC_IT_S3_ACCESS_KEY=test
EKYC_IT_S3_SECRET_KEY=test
EKYC_IT_S3_PATH_STYLE=true
EKYC_IT_S3PROXY_URL=http://127.0.0.1:$S3PROXY_PORT
EKYC_IT_S3PROXY_DIR=$RUN_DIR/s3proxy/data
KUBE_API_TEST_DIR=$KUBE_API_TEST_DIR
KUBE_API_TEST_API_SERVER_VERSION=$K8S_VERSION
EKYC_IT_KUBE_BIN_DIR=$KUBE_BIN_DIR
EOF2
