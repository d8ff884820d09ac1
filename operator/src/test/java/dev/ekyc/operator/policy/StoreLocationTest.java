package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageProvider;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import org.junit.jupiter.api.Test;

/**
 * Which stores are one physical location (checked against each other for conflicts), and how it is
 * shown.
 */
class StoreLocationTest {

  private static StoreLocation bucket(String endpoint) {
    DataStoreSpec spec = new DataStoreSpec();
    spec.objectStorage = new ObjectStorageSpec();
    spec.objectStorage.provider = ObjectStorageProvider.Generic;
    spec.objectStorage.endpoint = endpoint;
    spec.objectStorage.bucket = "media";
    return StoreLocation.of(spec);
  }

  @Test
  void defaultPortsAndTrailingSlashesAreDroppedFromWhatIsShown() {
    assertThat(bucket("HTTPS://Minio.Example:443/").display())
        .isEqualTo("s3://media at https://minio.example");
    assertThat(bucket("http://minio.example:80//").display())
        .isEqualTo("s3://media at http://minio.example");
    // Only the scheme's own default port: another port is part of the address.
    assertThat(bucket("http://minio.example:443").display())
        .isEqualTo("s3://media at http://minio.example:443");
    assertThat(bucket("https://minio.example:80").display())
        .isEqualTo("s3://media at https://minio.example:80");
  }

  @Test
  void anIpv6ServerIsOneLocationOnAnyPortAndTwoAddressesAreTwo() {
    assertThat(bucket("http://[fd00::1]:9000").key()).isEqualTo(bucket("https://[FD00::1]/").key());
    assertThat(bucket("http://[fd00::1]:9000").key())
        .isNotEqualTo(bucket("http://[fd00::2]:9000").key());
  }

  @Test
  void aPathAfterTheHostDoesNotMakeAnotherServer() {
    assertThat(bucket("https://minio.example/s3").key())
        .isEqualTo(bucket("https://minio.example.:9000").key());
  }
}
