# shellcheck shell=bash
# Writes a one-layer OCI image layout tarball that `ctr images import` loads, for the test cluster's own
# tiny images (pause, busybox). The operator image itself is built by Jib (operator/pom.xml).

# Usage: oci_image_tar NAME ROOTFS_DIR ENTRYPOINT_JSON OUT_TAR
oci_image_tar() {
  local name="$1" rootfs="$2" entrypoint="$3" out="$4" work layer_diff layer_digest layer_size
  local config_digest config_size manifest_digest manifest_size
  work="$(mktemp -d)"
  mkdir -p "$work/blobs/sha256"
  # Reproducible layer: fixed owner and time.
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -C "$rootfs" -cf "$work/layer.tar" .
  layer_diff="$(sha256sum <"$work/layer.tar" | cut -d' ' -f1)"
  gzip -n -9 "$work/layer.tar"
  layer_digest="$(sha256sum <"$work/layer.tar.gz" | cut -d' ' -f1)"
  layer_size="$(stat -c %s "$work/layer.tar.gz")"
  mv "$work/layer.tar.gz" "$work/blobs/sha256/$layer_digest"

  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$entrypoint" "$layer_diff" >"$work/config.json"
  config_digest="$(sha256sum <"$work/config.json" | cut -d' ' -f1)"
  config_size="$(stat -c %s "$work/config.json")"
  mv "$work/config.json" "$work/blobs/sha256/$config_digest"

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$config_size" "$layer_digest" "$layer_size" >"$work/manifest.json"
  manifest_digest="$(sha256sum <"$work/manifest.json" | cut -d' ' -f1)"
  manifest_size="$(stat -c %s "$work/manifest.json")"
  mv "$work/manifest.json" "$work/blobs/sha256/$manifest_digest"

  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$name" "${name##*:}" >"$work/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work" -cf "$out.tmp" oci-layout index.json blobs
  mv -f "$out.tmp" "$out"
  rm -rf "$work"
}
