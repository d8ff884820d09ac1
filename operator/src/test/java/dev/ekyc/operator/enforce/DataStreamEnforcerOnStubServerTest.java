package dev.ekyc.operator.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.search.ElasticsearchDataStreamLifecycle;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.testing.StubDataStreamCluster;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The states a data stream lifecycle check records (first application, drift, correction, Audit),
 * over real HTTP against a STUB Elasticsearch 8.15: no Elasticsearch with data streams can run
 * here.
 */
class DataStreamEnforcerOnStubServerTest {
  private static final DataStreamRetention LOGS =
      new DataStreamRetention(
          "logs-app", Duration.ofDays(30), Duration.ofDays(1), Mechanism.Role.PRIMARY);

  @Test
  void appliedThenDriftReportedBeforeItIsCorrectedAndOnlyReportedWithoutWriting()
      throws IOException {
    try (StubDataStreamCluster stub = new StubDataStreamCluster("8.15.0")) {
      stub.streams.put("logs-app", StubDataStreamCluster.withoutLifecycle("logs-app"));
      List<MechanismCheck> heard = new ArrayList<>();
      DriftListener listener = heard::addAll;

      MechanismCheck first =
          enforcer(stub).enforce("p", "r", LOGS, true, PreviousChecks.none(), listener);
      assertThat(first.state()).isEqualTo(MechanismState.Applied);
      assertThat(first.difference()).contains("written", "absent or disabled", "30d");
      assertThat(heard).isEmpty();

      MechanismCheck again =
          enforcer(stub).enforce("p", "r", LOGS, true, verified(first), listener);
      assertThat(again.state()).isEqualTo(MechanismState.InSync);

      stub.streams.put(
          "logs-app",
          StubDataStreamCluster.withLifecycle(
              "logs-app", "{\"enabled\":true,\"data_retention\":\"1d\"}"));
      MechanismCheck audit =
          enforcer(stub).enforce("p", "r", LOGS, false, verified(again), listener);
      assertThat(audit.state()).isEqualTo(MechanismState.Drifted);
      assertThat(audit.difference()).contains("data_retention 1d", "planned 30d");
      assertThat(stub.streams.get("logs-app").path("lifecycle").path("data_retention").asText())
          .as("not writing")
          .isEqualTo("1d");

      MechanismCheck corrected =
          enforcer(stub).enforce("p", "r", LOGS, true, verified(again), listener);
      assertThat(corrected.state()).isEqualTo(MechanismState.Corrected);
      assertThat(heard)
          .as("drift heard before the repair")
          .singleElement()
          .satisfies(c -> assertThat(c.state()).isEqualTo(MechanismState.Drifted));
      assertThat(stub.streams.get("logs-app").path("lifecycle").path("data_retention").asText())
          .isEqualTo("30d");
    }
  }

  @Test
  void aMissingStreamIsInSyncWithAWarningAndNothingIsWritten() throws IOException {
    try (StubDataStreamCluster stub = new StubDataStreamCluster("8.15.0")) {
      MechanismCheck check =
          enforcer(stub).enforce("p", "r", LOGS, true, PreviousChecks.none(), DriftListener.NONE);
      assertThat(check.state()).isEqualTo(MechanismState.InSync);
      assertThat(check.warnings()).singleElement().asString().contains("does not exist yet");
      assertThat(stub.writes()).isEmpty();
    }
  }

  @Test
  void anOlderClusterGetsOnlyTheVersionRequestAndTheRuleIsNotApplied() throws IOException {
    try (StubDataStreamCluster stub = new StubDataStreamCluster("8.10.4")) {
      stub.streams.put("logs-app", StubDataStreamCluster.withoutLifecycle("logs-app"));
      DataStreamEnforcer enforcer = enforcer(stub);
      MechanismCheck check =
          enforcer.enforce("p", "r", LOGS, true, PreviousChecks.none(), DriftListener.NONE);
      enforcer.enforce("p", "r2", LOGS, true, PreviousChecks.none(), DriftListener.NONE);
      assertThat(check.state()).isEqualTo(MechanismState.NotApplied);
      assertThat(check.difference())
          .contains("Elasticsearch 8.10.4 has no data stream lifecycle", "indices.pattern");
      assertThat(stub.requests)
          .as("the version is read once per pass, nothing else")
          .containsExactly("GET /");
    }
  }

  private static DataStreamEnforcer enforcer(StubDataStreamCluster stub) {
    return new DataStreamEnforcer(
        new ElasticsearchDataStreamLifecycle(
            new HttpSearchTransport(
                stub.url(), new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()))));
  }

  /** What the status holds after {@code check}, at the policy's current generation. */
  private static PreviousChecks verified(MechanismCheck check) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder().withName("p").withNamespace("ns").withGeneration(1L).build());
    p.setStatus(new RetentionPolicyStatus());
    p.getStatus().observedGeneration = 1L;
    RuleStatus rule = new RuleStatus();
    rule.name = "r";
    AppliedMechanism applied = new AppliedMechanism();
    applied.ownedName = check.ownedName();
    applied.state = check.state().name();
    rule.applied = List.of(applied);
    p.getStatus().rules = List.of(rule);
    return PreviousChecks.of(List.of(p));
  }
}
