package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusDiffTest {
  private static final Set<String> VOLATILE = DataStoreStatusFactory.VOLATILE_FIELDS;

  private static DataStoreStatus status(
      String reason, boolean ready, String probeTime, Instant transition) {
    DataStoreStatus s = new DataStoreStatus();
    s.observedGeneration = 1L;
    s.storeType = StoreType.SQL;
    s.backendVersion = "MariaDB 10.11";
    s.lastProbeTime = probeTime;
    s.conditions =
        Conditions.withTransitionTimes(
            ready ? Conditions.ready(1, reason, "m") : Conditions.stalled(1, reason, "m"),
            List.of(),
            transition);
    return s;
  }

  @Test
  void aNewProbeTimeAloneIsNoChange() {
    var before =
        status("Probed", true, "2026-01-01T10:00:00Z", Instant.parse("2026-01-01T10:00:00Z"));
    var after =
        status("Probed", true, "2026-01-01T10:05:00Z", Instant.parse("2026-01-01T10:05:00Z"));
    assertThat(StatusDiff.differs(before, after, VOLATILE)).isFalse();
  }

  @Test
  void aConditionChangeIsAChange() {
    var before = status("Probed", true, "t", Instant.parse("2026-01-01T10:00:00Z"));
    var after = status("AuthenticationFailed", false, "t", Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(StatusDiff.differs(before, after, VOLATILE)).isTrue();
  }

  @Test
  void aNewBackendVersionOrGenerationIsAChange() {
    var before = status("Probed", true, "t", Instant.EPOCH);
    var after = status("Probed", true, "t", Instant.EPOCH);
    after.backendVersion = "MariaDB 11.4";
    assertThat(StatusDiff.differs(before, after, VOLATILE)).isTrue();
    after.backendVersion = before.backendVersion;
    after.observedGeneration = 2L;
    assertThat(StatusDiff.differs(before, after, VOLATILE)).isTrue();
  }

  @Test
  void missingStatusDiffersFromAnyStatus() {
    assertThat(StatusDiff.differs(null, new DataStoreStatus(), VOLATILE)).isTrue();
    assertThat(StatusDiff.differs(null, null, VOLATILE)).isFalse();
  }

  @Test
  void anEmptyListEqualsAMissingOne() {
    RetentionPolicyStatus written = new RetentionPolicyStatus();
    written.ruleCount = 2;
    RetentionPolicyStatus readBack = new RetentionPolicyStatus();
    readBack.ruleCount = 2;
    readBack.rules = null;
    readBack.conditions = null;
    assertThat(StatusDiff.differs(readBack, written, Set.of())).isFalse();
    written.ruleCount = 3;
    assertThat(StatusDiff.differs(readBack, written, Set.of())).isTrue();
  }
}
