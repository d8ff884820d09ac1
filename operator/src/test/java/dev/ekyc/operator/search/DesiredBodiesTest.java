package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The JSON the operator sends, parsed back as the server would read it. */
class DesiredBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DELETE_AFTER = Duration.ofDays(730).plusHours(1);

  private static JsonNode sent(JsonNode body) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(body));
  }

  @Test
  void ilmPolicyHasOnlyADeletePhaseAtTheRoundedUpAge() throws Exception {
    var lifecycle = Lifecycles.elasticsearch(DELETE_AFTER, "legal-hold");
    JsonNode body = sent(IlmPolicyBody.of(lifecycle));

    assertThat(IlmPolicyBody.path(lifecycle)).isEqualTo("/_ilm/policy/" + Lifecycles.POLICY_ID);
    JsonNode phases = body.path("policy").path("phases");
    assertThat(phases.size()).isEqualTo(1);
    assertThat(phases.path("delete").path("min_age").asText()).isEqualTo("17521h");
    assertThat(phases.path("delete").path("actions").fieldNames())
        .toIterable()
        .containsExactly("delete");
    assertThat(body.path("policy").has("_meta")).as("6.8 refuses _meta on ILM policies").isFalse();
  }

  @Test
  void legacyTemplateAttachesThePolicyToThePatternAndNothingElse() throws Exception {
    var lifecycle = Lifecycles.elasticsearch(DELETE_AFTER, null);
    JsonNode body = sent(LegacyTemplateBody.of(lifecycle));

    assertThat(LegacyTemplateBody.path(lifecycle)).isEqualTo("/_template/" + Lifecycles.POLICY_ID);
    assertThat(body.path("index_patterns")).hasSize(1);
    assertThat(body.path("index_patterns").get(0).asText()).isEqualTo("oplog-*");
    assertThat(body.path("order").asInt()).isEqualTo(LegacyTemplateBody.ORDER);
    assertThat(body.path("settings").size()).isEqualTo(1);
    assertThat(body.path("settings").path("index.lifecycle.name").asText())
        .isEqualTo(Lifecycles.POLICY_ID);
    assertThat(body.has("_meta")).as("6.8 refuses _meta on legacy templates").isFalse();
    assertThat(body.has("mappings")).isFalse();
  }

  @Test
  void ismPolicyGoesFromHotToDeleteAtTheRoundedUpAgeWithATemplate() throws Exception {
    var lifecycle = Lifecycles.openSearch(DELETE_AFTER, "legal-hold");
    JsonNode policy = sent(IsmPolicyBody.of(lifecycle)).path("policy");

    assertThat(IsmPolicyBody.path(lifecycle))
        .isEqualTo("/_plugins/_ism/policies/" + Lifecycles.POLICY_ID);
    assertThat(policy.path("default_state").asText()).isEqualTo("hot");
    JsonNode hot = policy.path("states").get(0);
    JsonNode delete = policy.path("states").get(1);
    assertThat(policy.path("states")).hasSize(2);
    assertThat(hot.path("name").asText()).isEqualTo("hot");
    assertThat(hot.path("actions")).isEmpty();
    assertThat(hot.path("transitions")).hasSize(1);
    assertThat(hot.path("transitions").get(0).path("state_name").asText()).isEqualTo("delete");
    assertThat(hot.path("transitions").get(0).path("conditions").path("min_index_age").asText())
        .isEqualTo("17521h");
    assertThat(delete.path("name").asText()).isEqualTo("delete");
    assertThat(delete.path("actions").get(0).has("delete")).isTrue();
    assertThat(delete.path("transitions")).isEmpty();
    JsonNode template = policy.path("ism_template").get(0);
    assertThat(template.path("index_patterns").get(0).asText()).isEqualTo("oplog-*");
    assertThat(template.path("priority").asInt()).isEqualTo(IsmPolicyBody.TEMPLATE_PRIORITY);
    assertThat(policy.path("description").asText()).contains("ekyc-operator", "oplog-*", "730d1h");
  }

  @Test
  void ismPolicyForADataStreamRollsItOverAndDeletesFromTheRollover() throws Exception {
    var lifecycle =
        new IndexLifecycle(
            dev.ekyc.operator.api.v1alpha1.SearchEngine.OpenSearch,
            Lifecycles.POLICY_ID,
            ".ds-audit-*",
            Duration.ofDays(31),
            Duration.ofDays(1),
            null,
            Mechanism.Role.PRIMARY);
    JsonNode hot = sent(IsmPolicyBody.of(lifecycle)).path("policy").path("states").get(0);

    assertThat(hot.path("actions")).hasSize(1);
    assertThat(hot.path("actions").get(0).path("rollover").path("min_index_age").asText())
        .isEqualTo("1d");
    JsonNode conditions = hot.path("transitions").get(0).path("conditions");
    assertThat(conditions.path("min_rollover_age").asText()).isEqualTo("30d");
    assertThat(conditions.has("min_index_age")).isFalse();
  }

  @Test
  void dataStreamLifecycleRoundsTheRetentionUp() throws Exception {
    var retention =
        new DataStreamRetention(
            "ekyc-audit",
            Duration.ofDays(30).plusMinutes(30),
            Duration.ofDays(1),
            Mechanism.Role.PRIMARY);
    JsonNode body = sent(DataStreamLifecycleBody.of(retention));

    assertThat(DataStreamLifecycleBody.path(retention))
        .isEqualTo("/_data_stream/ekyc-audit/_lifecycle");
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.path("data_retention").asText()).isEqualTo("43230m");
  }
}
