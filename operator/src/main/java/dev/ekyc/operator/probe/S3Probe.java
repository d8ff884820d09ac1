package dev.ekyc.operator.probe;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.BucketFacts;
import dev.ekyc.operator.objectstore.BucketFactsReader;
import dev.ekyc.operator.objectstore.BucketFinding;
import dev.ekyc.operator.objectstore.S3Clients;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Probes an S3-compatible bucket with HeadBucket, which checks in one call that the endpoint
 * answers, the signature is accepted and the bucket exists. S3 has no version API: the server's
 * {@code Server} header (AmazonS3, tencent-cos, MinIO, Ceph's RGW ...) stands in for the product.
 */
public final class S3Probe {
  private final ProbeTimeouts timeouts;

  public S3Probe(ProbeTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  public ProbeResult probe(ObjectStorageSpec spec, StoreCredentials.ObjectStorage credentials) {
    String where = "bucket " + spec.bucket + " at " + spec.endpoint;
    try (S3Client s3 =
        S3Clients.create(
            spec, credentials, timeouts.connect(), timeouts.read(), S3Clients.SINGLE_ATTEMPT)) {
      HeadBucketResponse response = s3.headBucket(b -> b.bucket(spec.bucket));
      return success(spec, response.sdkHttpResponse(), facts(s3, spec.bucket));
    } catch (S3Exception e) {
      return fromStatus(spec, e.statusCode(), regionHeader(e), where);
    } catch (SdkClientException e) {
      return FailureText.network(e, spec.endpoint, timeouts)
          .orElseGet(
              () ->
                  ProbeResult.failed(
                      ProbeOutcome.Unreachable,
                      "HeadBucket on " + where + " failed: " + FailureText.oneLine(e)));
    } catch (SdkException e) {
      return ProbeResult.failed(
          ProbeOutcome.ProbeFailed,
          "HeadBucket on " + where + " failed: " + FailureText.oneLine(e));
    }
  }

  private static ProbeResult success(ObjectStorageSpec spec, SdkHttpResponse http, String facts) {
    String server = http.firstMatchingHeader("Server").orElse("unknown server");
    String version = "S3 (" + spec.provider + ", server: " + server + ")";
    return ProbeResult.ok(
        version, "bucket " + spec.bucket + " is reachable at " + spec.endpoint + "; " + facts);
  }

  /**
   * What the bucket does with copies (versioning, MFA Delete, Object Lock, replication) and what a
   * sweep cannot make true there, in the Ready message, so a change shows within one probe.
   * Information only: a finding fails the sweep's rules (with the fix), not the store, whose
   * lifecycle backstop still applies.
   */
  private static String facts(S3Client s3, String bucket) {
    try {
      BucketFacts facts = new BucketFactsReader(s3).read(bucket);
      String findings =
          facts.findings().stream().map(BucketFinding::text).collect(Collectors.joining("; "));
      return facts.describe() + (findings.isEmpty() ? "" : "; " + findings);
    } catch (SdkException e) {
      return "bucket settings unreadable: " + FailureText.oneLine(e);
    }
  }

  /**
   * HeadBucket has no error body, so the status code and region header are all there is to go on.
   */
  static ProbeResult fromStatus(
      ObjectStorageSpec spec, int status, Optional<String> bucketRegion, String where) {
    return switch (status) {
      case 404 ->
          ProbeResult.failed(
              ProbeOutcome.NotFound,
              "bucket "
                  + spec.bucket
                  + " does not exist at "
                  + spec.endpoint
                  + ": create it or fix spec.objectStorage.bucket");
      case 403 ->
          ProbeResult.failed(
              ProbeOutcome.AuthenticationFailed,
              "access to "
                  + where
                  + " denied (HTTP 403): the access key is unknown, the secret key is wrong, or the key may not access"
                  + " this bucket");
      case 400, 301 ->
          bucketRegion
              .filter(r -> !r.equals(spec.region))
              .map(
                  r ->
                      ProbeResult.failed(
                          ProbeOutcome.NotFound,
                          "bucket "
                              + spec.bucket
                              + " is in region "
                              + r
                              + ", not "
                              + spec.region
                              + ": set spec.objectStorage.region: "
                              + r))
              .orElseGet(
                  () ->
                      ProbeResult.failed(
                          ProbeOutcome.ProbeFailed,
                          "HeadBucket on "
                              + where
                              + " answered HTTP "
                              + status
                              + ": check endpoint, region and pathStyle"));
      default ->
          ProbeResult.failed(
              status >= 500 ? ProbeOutcome.Unreachable : ProbeOutcome.ProbeFailed,
              "HeadBucket on " + where + " answered HTTP " + status);
    };
  }

  private static Optional<String> regionHeader(S3Exception e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null
        ? Optional.empty()
        : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
  }
}
