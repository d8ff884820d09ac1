#!/usr/bin/env bash
# Installs the tools the benchmarks compare against, from Debian apt, only when missing (idempotent):
# pt-archiver (percona-toolkit) for bench/purge.sh, rclone for bench/sweep.sh.
set -euo pipefail
missing=()
command -v pt-archiver >/dev/null 2>&1 || missing+=(percona-toolkit)
command -v rclone >/dev/null 2>&1 || missing+=(rclone)
if ((${#missing[@]})); then
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
pt-archiver --version
rclone version | awk 'NR == 1'
