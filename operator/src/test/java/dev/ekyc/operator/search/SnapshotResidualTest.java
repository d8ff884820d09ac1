package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.ResidualCopy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Snapshots as a residual copy, from answers shaped as Elasticsearch SLM and OpenSearch snapshot
 * management give them.
 */
class SnapshotResidualTest {
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  @Test
  void noRepositoryIsNoCopy() throws Exception {
    assertThat(SnapshotResidual.decide(json("{}"), null, SearchEngine.Elasticsearch).state())
        .isEqualTo(ResidualCopy.State.ABSENT);
  }

  @Test
  void aRepositoryWithoutPolicyIsUnbounded() throws Exception {
    ResidualCopy copy =
        SnapshotResidual.decide(
            json("{'backups':{'type':'fs'}}"), null, SearchEngine.Elasticsearch);
    assertThat(copy.bound()).isNull();
    assertThat(copy.text()).isEqualTo("snapshots unbounded (GET _snapshot)");
    assertThat(copy.note()).contains("repositories backups, no SLM policy");
  }

  @Test
  void slmPoliciesThatAllExpireAreBoundedByTheLongest() throws Exception {
    ResidualCopy copy =
        SnapshotResidual.decide(
            json("{'backups':{}}"),
            json(
                "{'nightly':{'policy':{'retention':"
                    + "{'expire_after':'30d'}}},'hourly':{'policy':{'retention':{'expire_after':'12h'}}}}"),
            SearchEngine.Elasticsearch);
    assertThat(copy.bound()).isEqualTo(Duration.ofDays(30));
    ResidualCopy oneNever =
        SnapshotResidual.decide(
            json("{'backups':{}}"), json("{'nightly':{'policy':{}}}"), SearchEngine.Elasticsearch);
    assertThat(oneNever.bound()).isNull();
  }

  @Test
  void openSearchSnapshotManagementMaxAge() throws Exception {
    ResidualCopy copy =
        SnapshotResidual.decide(
            json("{'repo':{}}"),
            json(
                "{'policies':[{'sm_policy':{'deletion':"
                    + "{'condition':{'max_age':'7d'}}}}],'total_policies':1}"),
            SearchEngine.OpenSearch);
    assertThat(copy.bound()).isEqualTo(Duration.ofDays(7));
    assertThat(copy.text()).isEqualTo("snapshots ≤ 7d (snapshot management max age)");
  }
}
