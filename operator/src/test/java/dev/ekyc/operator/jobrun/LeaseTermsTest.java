package dev.ekyc.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LeaseTermsTest {
  private static final Instant RENEWED = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aHeldLeaseIsFreeOnlyOnceItsDurationHasPassedSinceTheLastRenewal() {
    LeaseSpec held =
        new LeaseSpecBuilder()
            .withHolderIdentity("pod-a")
            .withLeaseDurationSeconds(60)
            .withRenewTime(ZonedDateTime.ofInstant(RENEWED, ZoneOffset.UTC))
            .build();
    assertThat(LeaseTerms.free(held, RENEWED.plusSeconds(59))).isFalse();
    assertThat(LeaseTerms.free(held, RENEWED.plusSeconds(60))).isTrue();
  }

  @Test
  void aReleasedOrEmptyLeaseIsFree() {
    assertThat(LeaseTerms.free(null, RENEWED)).isTrue();
    assertThat(
            LeaseTerms.free(new LeaseSpecBuilder().withLeaseDurationSeconds(60).build(), RENEWED))
        .isTrue();
  }
}
