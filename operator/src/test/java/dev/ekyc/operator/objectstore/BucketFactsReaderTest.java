package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How answers a real server gives only with settings the test servers lack (MFA Delete: moto
 * ignores it; a missing permission: neither test server enforces IAM) become findings. The answers
 * of moto and s3proxy themselves are read in VersionedBucketSweepIT and ObjectCopiesOnS3proxyIT.
 */
class BucketFactsReaderTest {

  private static S3Exception error(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void aMissingPermissionToReadVersioningRefusesTheSweepNamingThePermission() {
    var s3 =
        new UnversionedBucketAnswers() {
          @Override
          public GetBucketVersioningResponse getBucketVersioning(
              GetBucketVersioningRequest request) {
            throw error(403, "AccessDenied");
          }

          @Override
          public String serviceName() {
            return "s3";
          }

          @Override
          public void close() {}
        };
    BucketFacts facts = new BucketFactsReader(s3).read("media");
    assertThat(facts.versioning()).isEqualTo(BucketVersioning.UNKNOWN);
    assertThat(facts.sweepRefusal())
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("s3:GetBucketVersioning")
                    .contains("grant s3:GetBucketVersioning on arn:aws:s3:::media"));
  }

  @Test
  void mfaDeleteOnAVersionedBucketRefusesTheSweepWithTheFix() {
    var s3 =
        new UnversionedBucketAnswers() {
          @Override
          public GetBucketVersioningResponse getBucketVersioning(
              GetBucketVersioningRequest request) {
            return GetBucketVersioningResponse.builder()
                .status("Enabled")
                .mfaDelete("Enabled")
                .build();
          }

          @Override
          public String serviceName() {
            return "s3";
          }

          @Override
          public void close() {}
        };
    BucketFacts facts = new BucketFactsReader(s3).read("media");
    assertThat(facts.mfaDelete()).isTrue();
    assertThat(facts.sweepRefusal())
        .hasValueSatisfying(
            r -> assertThat(r).contains("MFA Delete").contains("disable MFA Delete"));
    assertThat(facts.describe())
        .isEqualTo("versioning Enabled, MFA Delete on; Object Lock off; replication none");
  }

  @Test
  void versioningNotImplementedIsAProviderWithoutVersionsNotARefusal() {
    var s3 =
        new UnversionedBucketAnswers() {
          @Override
          public GetBucketVersioningResponse getBucketVersioning(
              GetBucketVersioningRequest request) {
            throw error(501, "NotImplemented");
          }

          @Override
          public String serviceName() {
            return "s3";
          }

          @Override
          public void close() {}
        };
    BucketFacts facts = new BucketFactsReader(s3).read("media");
    assertThat(facts.versioning()).isEqualTo(BucketVersioning.NOT_SUPPORTED);
    assertThat(facts.versioning().keepsVersions()).isFalse();
    assertThat(facts.sweepRefusal()).isEmpty();
  }
}
