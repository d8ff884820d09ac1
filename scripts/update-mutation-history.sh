#!/usr/bin/env bash
# Runs mutation testing and commits nothing: copies the history it wrote over operator/src/test/pitest/history.bin,
# so the next run (CI's included) re-analyses only mutants whose class or covering tests changed since.
# Run it on the commit you are about to push, then commit the history file with it.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -P mutation -Djib.skip test-compile org.pitest:pitest-maven:mutationCoverage
cp operator/target/pitest-history.bin operator/src/test/pitest/history.bin
echo "updated operator/src/test/pitest/history.bin ($(du -h operator/src/test/pitest/history.bin | cut -f1))"
