package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.api.v1alpha1.SearchSpec;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.probe.ProbeOutcome;
import dev.ekyc.operator.probe.ProbeResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataStoreStatusFactoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private static DataStore store(long generation) {
    DataStore ds = new DataStore();
    ds.setMetadata(
        new ObjectMetaBuilder()
            .withName("logs")
            .withNamespace("ekyc")
            .withGeneration(generation)
            .build());
    ds.setSpec(new DataStoreSpec());
    ds.getSpec().search = new SearchSpec();
    ds.getSpec().search.engine = SearchEngine.Elasticsearch;
    ds.getSpec().search.endpoint = "http://es:9200";
    return ds;
  }

  @Test
  void successIsReadyWithVersionTypeAndGeneration() {
    var status =
        DataStoreStatusFactory.from(
            store(4), ProbeResult.ok("Elasticsearch 6.8.23", "answered"), NOW);
    assertThat(status.observedGeneration).isEqualTo(4L);
    assertThat(status.storeType).isEqualTo(StoreType.Search);
    assertThat(status.backendVersion).isEqualTo("Elasticsearch 6.8.23");
    assertThat(status.lastProbeTime).isEqualTo("2026-03-01T08:00:00Z");
    assertThat(Conditions.isTrue(status.conditions, "Ready")).isTrue();
    assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().getReason())
        .isEqualTo("Probed");
  }

  @Test
  void failuresThatNeedTheUserStall_othersKeepReconciling() {
    var auth =
        DataStoreStatusFactory.from(
            store(1), ProbeResult.failed(ProbeOutcome.AuthenticationFailed, "401"), NOW);
    assertThat(Conditions.isTrue(auth.conditions, "Stalled")).isTrue();
    assertThat(Conditions.find(auth.conditions, "Ready").orElseThrow().getReason())
        .isEqualTo("AuthenticationFailed");

    var down =
        DataStoreStatusFactory.from(
            store(1), ProbeResult.failed(ProbeOutcome.Unreachable, "refused"), NOW);
    assertThat(Conditions.isTrue(down.conditions, "Reconciling")).isTrue();
    assertThat(Conditions.isTrue(down.conditions, "Stalled")).isFalse();
    assertThat(Conditions.isTrue(down.conditions, "Ready")).isFalse();
  }

  @Test
  void aFailureKeepsTheLastKnownVersion() {
    DataStore ds = store(1);
    ds.setStatus(
        DataStoreStatusFactory.from(ds, ProbeResult.ok("Elasticsearch 6.8.23", "ok"), NOW));
    var later =
        DataStoreStatusFactory.from(
            ds, ProbeResult.failed(ProbeOutcome.Unreachable, "down"), NOW.plusSeconds(60));
    assertThat(later.backendVersion).isEqualTo("Elasticsearch 6.8.23");
    assertThat(Conditions.find(later.conditions, "Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-03-01T08:01:00Z");
  }
}
