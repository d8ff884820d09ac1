package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Equal canonical forms mean "nothing to write"; the answers below are shaped like the servers'
 * own.
 */
class CanonicalFormTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = Lifecycles.POLICY_ID;

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  // --------------------------------------------------------------------------------------------
  // ILM policy

  /** One entry of GET _ilm/policy/<id> on Elasticsearch 6.8. */
  private static JsonNode ilmAnswer(String minAge) throws Exception {
    return json(
        "{'version':3,'modified_date':'2026-11-29T08:18:54.662Z','policy':{'phases':{'delete':"
            + "{'min_age':'"
            + minAge
            + "','actions':{'delete':{}}}}}}");
  }

  @Test
  void ilmIgnoresVersionAndModifiedDate() throws Exception {
    var desired = IlmPolicyBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.ilmPolicy(ilmAnswer("731d")))
        .isEqualTo(CanonicalForm.ilmPolicy(desired));
  }

  @Test
  void ilmComparesAgesAsDurations() throws Exception {
    var desired = IlmPolicyBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.ilmPolicy(ilmAnswer("17544h")))
        .isEqualTo(CanonicalForm.ilmPolicy(desired));
  }

  @Test
  void ilmCatchesAChangedMinAge() throws Exception {
    var desired = IlmPolicyBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.ilmPolicy(ilmAnswer("730d")))
        .isNotEqualTo(CanonicalForm.ilmPolicy(desired));
  }

  @Test
  void ilmCatchesAPhaseAddedByHand() throws Exception {
    var desired = IlmPolicyBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    JsonNode edited =
        json(
            "{'version':4,'policy':{'phases':{'hot':{'min_age':'0ms','actions':{'rollover':"
                + "{'max_age':'1d'}}},'delete':{'min_age':'731d','actions':{'delete':{}}}}}}");
    assertThat(CanonicalForm.ilmPolicy(edited)).isNotEqualTo(CanonicalForm.ilmPolicy(desired));
  }

  @Test
  void ilmIgnoresTheSearchableSnapshotDefaultOfLaterVersions() throws Exception {
    var desired = IlmPolicyBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    JsonNode answer =
        json(
            "{'version':1,'modified_date':'x','in_use_by':{'indices':[]},'policy':{'phases':"
                + "{'delete':{'min_age':'731d','actions':{'delete':{'delete_searchable_snapshot':true}}}}}}");
    assertThat(CanonicalForm.ilmPolicy(answer)).isEqualTo(CanonicalForm.ilmPolicy(desired));
  }

  // ----------------------------------------------------------------------------------------------
  // template

  /** One entry of GET _template/<name>?flat_settings=true on Elasticsearch 6.8. */
  private static JsonNode templateAnswer(int order, String policy) throws Exception {
    return json(
        "{'order':"
            + order
            + ",'index_patterns':['oplog-*'],'settings':{'index.lifecycle.name':'"
            + policy
            + "'},'mappings':{},'aliases':{}}");
  }

  @Test
  void templateIgnoresEmptyMappingsAndAliases() throws Exception {
    var desired = LegacyTemplateBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.legacyTemplate(templateAnswer(LegacyTemplateBody.ORDER, ID)))
        .isEqualTo(CanonicalForm.legacyTemplate(desired));
  }

  @Test
  void templateReadsNestedSettingsLikeFlatOnes() throws Exception {
    var desired = LegacyTemplateBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null));
    JsonNode nested =
        json(
            "{'order':"
                + LegacyTemplateBody.ORDER
                + ",'index_patterns':['oplog-*'],'settings':"
                + "{'index':{'lifecycle':{'name':'"
                + ID
                + "'}}},'mappings':{},'aliases':{}}");
    assertThat(CanonicalForm.legacyTemplate(nested))
        .isEqualTo(CanonicalForm.legacyTemplate(desired));
  }

  @Test
  void templateCatchesAnotherOrderPolicyOrExtraSetting() throws Exception {
    var desired =
        CanonicalForm.legacyTemplate(
            LegacyTemplateBody.of(Lifecycles.elasticsearch(Duration.ofDays(731), null)));
    assertThat(CanonicalForm.legacyTemplate(templateAnswer(1, ID))).isNotEqualTo(desired);
    assertThat(
            CanonicalForm.legacyTemplate(templateAnswer(LegacyTemplateBody.ORDER, "someone-else")))
        .isNotEqualTo(desired);
    JsonNode extra =
        json(
            "{'order':"
                + LegacyTemplateBody.ORDER
                + ",'index_patterns':['oplog-*'],'settings':"
                + "{'index.lifecycle.name':'"
                + ID
                + "','index.number_of_shards':'1'},'mappings':{},'aliases':{}}");
    assertThat(CanonicalForm.legacyTemplate(extra)).isNotEqualTo(desired);
  }

  // --------------------------------------------------------------------------------------------
  // ISM policy

  /** GET _plugins/_ism/policies/<id> on OpenSearch 2.x, with the fields the server adds. */
  private static JsonNode ismAnswer(String minIndexAge) throws Exception {
    var desired =
        (ObjectNode)
            IsmPolicyBody.of(Lifecycles.openSearch(Duration.ofDays(731), null))
                .path("policy")
                .deepCopy();
    desired
        .put("policy_id", ID)
        .put("last_updated_time", 1_700_000_000_000L)
        .put("schema_version", 21);
    desired.putNull("error_notification");
    var hot = (ObjectNode) desired.path("states").get(0);
    ((ObjectNode) hot.path("transitions").get(0).path("conditions"))
        .put("min_index_age", minIndexAge);
    var deleteAction = (ObjectNode) desired.path("states").get(1).path("actions").get(0);
    deleteAction.set("retry", json("{'count':3,'backoff':'exponential','delay':'1m'}"));
    ((ObjectNode) desired.path("ism_template").get(0)).put("last_updated_time", 1_700_000_000_000L);
    var answer =
        JSON.createObjectNode()
            .put("_id", ID)
            .put("_version", 2)
            .put("_seq_no", 10)
            .put("_primary_term", 1);
    answer.set("policy", desired);
    return answer;
  }

  @Test
  void ismIgnoresServerFieldsAndDefaultRetry() throws Exception {
    var desired = IsmPolicyBody.of(Lifecycles.openSearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.ismPolicy(ismAnswer("731d")))
        .isEqualTo(CanonicalForm.ismPolicy(desired));
  }

  @Test
  void ismCatchesAChangedMinIndexAge() throws Exception {
    var desired = IsmPolicyBody.of(Lifecycles.openSearch(Duration.ofDays(731), null));
    assertThat(CanonicalForm.ismPolicy(ismAnswer("30d")))
        .isNotEqualTo(CanonicalForm.ismPolicy(desired));
  }
}
