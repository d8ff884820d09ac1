package dev.ekyc.operator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3ProbeTest {
  private static ObjectStorageSpec spec(String endpoint) {
    ObjectStorageSpec s = new ObjectStorageSpec();
    s.endpoint = endpoint;
    s.region = "ap-singapore";
    s.bucket = "ekyc-media";
    s.pathStyle = true;
    return s;
  }

  @Test
  void statusCodesMapToOutcomes() {
    var spec = spec("https://cos.example");
    assertThat(S3Probe.fromStatus(spec, 404, Optional.empty(), "b").outcome())
        .isEqualTo(ProbeOutcome.NotFound);
    assertThat(S3Probe.fromStatus(spec, 403, Optional.empty(), "b").outcome())
        .isEqualTo(ProbeOutcome.AuthenticationFailed);
    assertThat(S3Probe.fromStatus(spec, 503, Optional.empty(), "b").outcome())
        .isEqualTo(ProbeOutcome.Unreachable);
  }

  @Test
  void aBucketInAnotherRegionSaysWhichRegionToSet() {
    ProbeResult r =
        S3Probe.fromStatus(spec("https://s3.example"), 301, Optional.of("eu-west-1"), "b");
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.NotFound);
    assertThat(r.message()).contains("region: eu-west-1");
  }

  @Test
  void aClosedPortIsUnreachableAndTheSecretKeyIsNotInTheMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    var creds =
        new StoreCredentials.ObjectStorage(
            new AccessKey("AKIDEXAMPLE", SecretValue.of("very-secret-key"), Optional.empty()),
            Optional.empty());
    ProbeResult r =
        new S3Probe(new ProbeTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)))
            .probe(spec("http://127.0.0.1:" + port), creds);
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.Unreachable);
    assertThat(r.message()).doesNotContain("very-secret-key");
    assertThat(creds.accessKey().toString())
        .doesNotContain("very-secret-key")
        .doesNotContain("AKIDEXAMPLE");
  }
}
