package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads a bucket's {@link BucketFacts} with three requests: GetBucketVersioning,
 * GetObjectLockConfiguration, GetBucketReplication. "Not configured" answers (404
 * ObjectLockConfigurationNotFoundError, ReplicationConfigurationNotFoundError) and NotImplemented
 * (a provider without the feature, e.g. s3proxy) mean the feature is off. AccessDenied becomes a
 * finding naming the permission; it blocks the sweep where the answer matters: always for
 * versioning, and for Object Lock and replication only on a bucket that keeps versions (both
 * require versioning, so an unversioned bucket cannot have them). Any other failure is thrown.
 */
public final class BucketFactsReader {
  private final S3Client s3;

  public BucketFactsReader(S3Client s3) {
    this.s3 = s3;
  }

  public BucketFacts read(String bucket) {
    List<BucketFinding> findings = new ArrayList<>();
    BucketVersioning versioning;
    boolean mfaDelete = false;
    try {
      GetBucketVersioning answer = versioning(bucket);
      versioning = answer.status();
      mfaDelete = answer.mfaDelete();
    } catch (S3Exception e) {
      if (notImplemented(e)) {
        versioning = BucketVersioning.NOT_SUPPORTED;
      } else if (accessDenied(e)) {
        versioning = BucketVersioning.UNKNOWN;
        findings.add(
            new BucketFinding(
                "s3:GetBucketVersioning",
                "access denied, so whether deleted objects stay"
                    + " readable as earlier versions cannot be known",
                "grant s3:GetBucketVersioning on arn:aws:s3:::"
                    + bucket
                    + " to the store's credentials",
                true));
      } else {
        throw e;
      }
    }
    boolean versioned = versioning.keepsVersions() || versioning == BucketVersioning.UNKNOWN;
    if (mfaDelete && versioned) {
      findings.add(
          new BucketFinding(
              "MFA Delete",
              "enabled, so S3 refuses every deletion of a version that does"
                  + " not carry the bucket owner's MFA code, and the sweep can only hide objects behind delete markers",
              "disable MFA Delete (PutBucketVersioning with MfaDelete=Disabled, by the root user with the MFA device),"
                  + " or keep this data in a bucket without it",
              true));
    }
    ObjectLockDefaults lock = ObjectLockDefaults.NONE;
    try {
      lock = objectLock(bucket);
    } catch (S3Exception e) {
      if (accessDenied(e)) {
        findings.add(
            new BucketFinding(
                "s3:GetBucketObjectLockConfiguration",
                "access denied, so locked versions" + " cannot be told from deletable ones",
                "grant s3:GetBucketObjectLockConfiguration on arn:aws:s3:::" + bucket,
                versioned));
      } else if (!notConfigured(e, "ObjectLockConfigurationNotFoundError")) {
        throw e;
      }
    }
    List<ReplicationTarget> replication = List.of();
    try {
      replication = replication(bucket);
    } catch (S3Exception e) {
      if (accessDenied(e)) {
        findings.add(
            new BucketFinding(
                "s3:GetReplicationConfiguration",
                "access denied, so copies replicated to" + " other buckets cannot be found",
                "grant s3:GetReplicationConfiguration on arn:aws:s3:::" + bucket,
                versioned));
      } else if (!notConfigured(e, "ReplicationConfigurationNotFoundError")) {
        throw e;
      }
    }
    return new BucketFacts(bucket, versioning, mfaDelete, lock, replication, findings);
  }

  private record GetBucketVersioning(BucketVersioning status, boolean mfaDelete) {}

  private GetBucketVersioning versioning(String bucket) {
    GetBucketVersioningResponse r = s3.getBucketVersioning(b -> b.bucket(bucket));
    BucketVersioning status =
        switch (r.statusAsString() == null ? "" : r.statusAsString()) {
          case "Enabled" -> BucketVersioning.ENABLED;
          case "Suspended" -> BucketVersioning.SUSPENDED;
          default -> BucketVersioning.UNVERSIONED;
        };
    return new GetBucketVersioning(status, "Enabled".equals(r.mfaDeleteAsString()));
  }

  private ObjectLockDefaults objectLock(String bucket) {
    ObjectLockConfiguration c =
        s3.getObjectLockConfiguration(b -> b.bucket(bucket)).objectLockConfiguration();
    if (c == null || !"Enabled".equals(c.objectLockEnabledAsString())) {
      return ObjectLockDefaults.NONE;
    }
    DefaultRetention d = c.rule() == null ? null : c.rule().defaultRetention();
    if (d == null || (d.days() == null && d.years() == null)) {
      return new ObjectLockDefaults(true, null, null);
    }
    long days = (d.days() == null ? 0 : d.days()) + 365L * (d.years() == null ? 0 : d.years());
    return new ObjectLockDefaults(true, d.modeAsString(), Duration.ofDays(days));
  }

  private List<ReplicationTarget> replication(String bucket) {
    var config = s3.getBucketReplication(b -> b.bucket(bucket)).replicationConfiguration();
    if (config == null || !config.hasRules()) {
      return List.of();
    }
    List<ReplicationTarget> targets = new ArrayList<>();
    for (ReplicationRule rule : config.rules()) {
      if (rule.status() != ReplicationRuleStatus.ENABLED || rule.destination() == null) {
        continue;
      }
      targets.add(
          new ReplicationTarget(
              rule.id() == null ? "" : rule.id(),
              prefixOf(rule),
              ReplicationTarget.bucketOf(rule.destination().bucket()),
              rule.deleteMarkerReplication() != null
                  && "Enabled".equals(rule.deleteMarkerReplication().statusAsString())));
    }
    return targets;
  }

  /**
   * The rule's prefix, from its filter (prefix, or the And's prefix) or the legacy field; "" for
   * everything.
   */
  private static String prefixOf(ReplicationRule rule) {
    if (rule.filter() != null) {
      if (rule.filter().prefix() != null) {
        return rule.filter().prefix();
      }
      if (rule.filter().and() != null && rule.filter().and().prefix() != null) {
        return rule.filter().and().prefix();
      }
      return "";
    }
    @SuppressWarnings("deprecation")
    String legacy = rule.prefix();
    return legacy == null ? "" : legacy;
  }

  static boolean accessDenied(S3Exception e) {
    return e.statusCode() == 403 || "AccessDenied".equals(code(e));
  }

  static boolean notImplemented(S3Exception e) {
    return e.statusCode() == 501 || "NotImplemented".equals(code(e));
  }

  private static boolean notConfigured(S3Exception e, String code) {
    return code.equals(code(e)) || notImplemented(e) || e.statusCode() == 404;
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
