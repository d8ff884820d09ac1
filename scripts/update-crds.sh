#!/usr/bin/env bash
# Regenerates the CRDs from the api/v1alpha1 classes and copies them to crds/ (and the Helm chart).
# CrdsUpToDateTest fails when the committed files differ from what the build generates.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl operator -DskipTests process-classes
for f in operator/target/classes/META-INF/fabric8/*-v1.yml; do
  name=$(basename "$f" -v1.yml)
  cp "$f" "crds/${name}.yaml"
  if [ -d helm/ekyc-operator/crds ]; then cp "$f" "helm/ekyc-operator/crds/${name}.yaml"; fi
done
echo "crds/ updated:"; ls crds/
