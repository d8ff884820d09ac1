package dev.ekyc.operator.objectstore;

/**
 * One enabled replication rule of a bucket: where copies of the objects under {@code prefix} go.
 *
 * @param prefix the rule's prefix filter ("" for the whole bucket)
 * @param destinationBucket the destination bucket's name (from its ARN, {@code arn:aws:s3:::name},
 *     or as given)
 * @param replicatesDeleteMarkers whether plain deletes (markers) are replicated; deletions by
 *     version ID never are
 */
public record ReplicationTarget(
    String ruleId, String prefix, String destinationBucket, boolean replicatesDeleteMarkers) {

  /** Whether this rule copies any key under {@code rulePrefix}. */
  public boolean covers(String rulePrefix) {
    return prefix.isEmpty() || rulePrefix.startsWith(prefix) || prefix.startsWith(rulePrefix);
  }

  static String bucketOf(String arn) {
    if (arn == null) {
      return "";
    }
    int colon = arn.lastIndexOf(':');
    return colon < 0 ? arn : arn.substring(colon + 1);
  }
}
