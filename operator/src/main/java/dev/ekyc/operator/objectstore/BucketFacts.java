package dev.ekyc.operator.objectstore;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a bucket does with the copies of an object, read at the start of every sweep (and by drift):
 * versioning and MFA Delete, Object Lock, replication. {@link #findings()} say what a sweep cannot
 * make true there and how to fix it; a blocking one refuses the sweep before anything is deleted.
 */
public record BucketFacts(
    String bucket,
    BucketVersioning versioning,
    boolean mfaDelete,
    ObjectLockDefaults objectLock,
    List<ReplicationTarget> replication,
    List<BucketFinding> findings) {

  public BucketFacts {
    replication = List.copyOf(replication);
    findings = List.copyOf(findings);
  }

  /**
   * A bucket that never had versioning, Object Lock or replication: the sweep works object by
   * object.
   */
  public static BucketFacts plain(String bucket) {
    return new BucketFacts(
        bucket, BucketVersioning.UNVERSIONED, false, ObjectLockDefaults.NONE, List.of(), List.of());
  }

  /** The reason no sweep may run on this bucket, with the fix; empty when it may. */
  public Optional<String> sweepRefusal() {
    String blocking =
        findings.stream()
            .filter(BucketFinding::blocking)
            .map(BucketFinding::text)
            .collect(Collectors.joining("; "));
    return blocking.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "bucket " + bucket + " cannot be swept so that deleted data is gone: " + blocking);
  }

  /** Replication rules that copy keys under {@code prefix} to another bucket. */
  public List<ReplicationTarget> replicationOf(String prefix) {
    return replication.stream().filter(r -> r.covers(prefix)).toList();
  }

  /** One line for logs, {@code plan} and status: no keys, no credentials. */
  public String describe() {
    String versions =
        switch (versioning) {
          case UNVERSIONED -> "unversioned";
          case ENABLED -> "versioning Enabled";
          case SUSPENDED -> "versioning Suspended";
          case NOT_SUPPORTED -> "no versioning (provider)";
          case UNKNOWN -> "versioning unknown";
        };
    String destinations =
        replication.isEmpty()
            ? "none"
            : replication.stream()
                .map(
                    r -> (r.prefix().isEmpty() ? "*" : r.prefix()) + " -> " + r.destinationBucket())
                .collect(Collectors.joining(", "));
    return versions
        + (mfaDelete ? ", MFA Delete on" : "")
        + "; Object Lock "
        + objectLock.describe()
        + "; replication "
        + destinations;
  }
}
