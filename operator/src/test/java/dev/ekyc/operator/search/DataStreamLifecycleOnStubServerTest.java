package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.testing.StubDataStreamCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data stream lifecycle requests and comparison, over real HTTP, against a STUB server: no
 * Elasticsearch with data streams (8.11 or later) can run here (the newest full distribution on
 * Maven Central is 6.8, which has none). The stub answers {@code GET /}, {@code GET} and {@code PUT
 * _data_stream/<name>/_lifecycle} in the shapes of the Elasticsearch reference (a stream without
 * lifecycle has no {@code lifecycle} field; a missing stream is 404). The unsupported-version path
 * runs against the real Elasticsearch 6.8 in DataStreamLifecycleIT.
 */
class DataStreamLifecycleOnStubServerTest {
  private static final DataStreamRetention LOGS =
      new DataStreamRetention(
          "logs-app", Duration.ofDays(731), Duration.ofDays(1), Mechanism.Role.PRIMARY);

  private StubDataStreamCluster stub;
  private ElasticsearchDataStreamLifecycle adapter;

  @BeforeEach
  void start() throws IOException {
    stub = new StubDataStreamCluster("8.15.0");
    adapter =
        new ElasticsearchDataStreamLifecycle(
            new HttpSearchTransport(
                stub.url(), new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void versionsFrom811Support() {
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.11.0")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.15.3-SNAPSHOT")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("9.0.0")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.10.4")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("7.17.20")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("eight")).isFalse();
    assertThat(adapter.unsupportedReason()).isEmpty();
  }

  @Test
  void aStreamWithoutLifecycleGetsItOnceAndADryRunWritesNothing() {
    stub.streams.put("logs-app", StubDataStreamCluster.withoutLifecycle("logs-app"));

    DataStreamLifecycleResult dry = adapter.dryRun(LOGS);
    assertThat(dry.lifecycle()).isEqualTo(Change.CREATED);
    assertThat(stub.writes()).isEmpty();

    DataStreamLifecycleResult applied = adapter.apply(LOGS);
    assertThat(applied.lifecycle()).isEqualTo(Change.CREATED);
    assertThat(stub.writes())
        .containsExactly("PUT /_data_stream/logs-app/_lifecycle {\"data_retention\":\"731d\"}");
    assertThat(stub.streams.get("logs-app").path("lifecycle").path("data_retention").asText())
        .isEqualTo("731d");

    assertThat(adapter.apply(LOGS).lifecycle()).isEqualTo(Change.UNCHANGED);
    assertThat(stub.writes()).hasSize(1);
  }

  @Test
  void aChangedOrDisabledLifecycleIsUpdatedAndAnEqualDurationIsNot() {
    stub.streams.put(
        "logs-app",
        StubDataStreamCluster.withLifecycle(
            "logs-app", "{\"enabled\":true,\"data_retention\":\"17544h\"}"));
    assertThat(adapter.apply(LOGS).lifecycle()).as("17544h is 731d").isEqualTo(Change.UNCHANGED);

    stub.streams.put(
        "logs-app",
        StubDataStreamCluster.withLifecycle(
            "logs-app", "{\"enabled\":true,\"data_retention\":\"1d\"}"));
    DataStreamLifecycleResult shorter = adapter.apply(LOGS);
    assertThat(shorter.lifecycle()).isEqualTo(Change.UPDATED);
    assertThat(shorter.found()).isEqualTo("1d");

    stub.streams.put(
        "logs-app",
        StubDataStreamCluster.withLifecycle(
            "logs-app", "{\"enabled\":false,\"data_retention\":\"731d\"}"));
    assertThat(adapter.dryRun(LOGS).lifecycle()).as("disabled").isEqualTo(Change.UPDATED);
    adapter.apply(LOGS);
    assertThat(stub.streams.get("logs-app").path("lifecycle").path("enabled").asBoolean(true))
        .isTrue();
    assertThat(stub.writes()).hasSize(2);
  }

  @Test
  void aMissingStreamIsNotWritten() {
    DataStreamLifecycleResult result = adapter.apply(LOGS);
    assertThat(result.streamExists()).isFalse();
    assertThat(result.changesAnything()).isFalse();
    assertThat(stub.writes()).isEmpty();
  }

  @Test
  void aWriteThatDoesNotStickFailsVerification() {
    stub.streams.put("logs-app", StubDataStreamCluster.withoutLifecycle("logs-app"));
    stub.ignoreWrites = true;
    assertThatThrownBy(() -> adapter.apply(LOGS))
        .isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("GET /_data_stream/logs-app/_lifecycle shows no lifecycle");
  }

  @Test
  void anOlderClusterIsReportedAsUnsupported() throws IOException {
    try (StubDataStreamCluster old = new StubDataStreamCluster("8.10.4")) {
      var older =
          new ElasticsearchDataStreamLifecycle(
              new HttpSearchTransport(
                  old.url(), new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
      assertThat(older.unsupportedReason())
          .hasValueSatisfying(
              reason -> assertThat(reason).contains("Elasticsearch 8.10.4", "8.11"));
    }
  }
}
