#!/usr/bin/env bash
# One call for CI / a fresh machine: provision everything (cached), start the
# servers, print the endpoints file to source.
#   testenv/up.sh && set -a && . "$(testenv/endpoints.sh --file)" && set +a
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
# s3proxy too: it checks S3 signatures (moto accepts any), which the wrong-credentials tests need.
"$dir/provision.sh" all s3proxy
"$dir/start.sh" all s3proxy
"$dir/endpoints.sh" --file
