package dev.ekyc.operator.api.v1alpha1;

/** Which S3-compatible implementation a bucket lives on; adapters use it for known deviations. */
public enum ObjectStorageProvider {
  Generic,
  AWS,
  TencentCOS,
  Ceph,
  MinIO
}
