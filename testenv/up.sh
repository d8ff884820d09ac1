#!/usr/bin/env bash
# One call for CI / a fresh machine: provision everything (cached), start the
# servers, print the endpoints file to source.
#   testenv/up.sh && set -a && . "$(testenv/endpoints.sh --file)" && set +a
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
"$dir/provision.sh" all
"$dir/start.sh" all
"$dir/endpoints.sh" --file
