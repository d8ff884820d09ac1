package dev.ekyc.operator.objectstore;

/** A bucket's versioning status, as GetBucketVersioning answers it. */
public enum BucketVersioning {
  /** Never enabled (no Status in the answer): a delete removes the bytes. */
  UNVERSIONED,
  /** Every overwrite and plain delete keeps the previous bytes as a noncurrent version. */
  ENABLED,
  /** New writes get the "null" version, but versions written while Enabled are still kept. */
  SUSPENDED,
  /**
   * The provider answered NotImplemented: it has no versions, so a delete removes the bytes
   * (s3proxy).
   */
  NOT_SUPPORTED,
  /** Could not be read (a missing permission): nothing can be promised about versions. */
  UNKNOWN;

  /**
   * Whether the bucket can hold more than one copy of a key, so the sweep must work version by
   * version.
   */
  public boolean keepsVersions() {
    return this == ENABLED || this == SUSPENDED;
  }
}
