package dev.ekyc.operator.credentials;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PemTrustTest {
  @Test
  void aBundleWithoutCertificatesIsRejectedWithAClearMessage() {
    assertThatThrownBy(() -> PemTrust.trustManagers("not a certificate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CA bundle");
  }
}
