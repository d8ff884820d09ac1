package dev.ekyc.operator.objectstore;

/**
 * Something about a bucket that decides whether the operator's promise can hold there, in the
 * user's terms.
 *
 * @param setting the bucket setting or permission concerned, e.g. {@code MFA Delete} or {@code
 *     s3:GetBucketVersioning}
 * @param blocking true when no sweep may run (its result could not be trusted); false for
 *     information
 */
public record BucketFinding(String setting, String problem, String fix, boolean blocking) {

  public String text() {
    return setting + ": " + problem + (fix == null ? "" : "; fix: " + fix);
  }
}
