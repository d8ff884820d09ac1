package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The backend's account of an index's lifecycle, from explain answers shaped as ES 6.8 and
 * OpenSearch 2.19 give them.
 */
class LifecycleExplainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void ilmErrorStepNamesTheStepInfoAndTheFailedStep() throws Exception {
    var explain =
        LifecycleExplain.ilm(
            json(
                "{'index':'logs-1','managed':true,'policy':'ekyc-p','phase':'hot',"
                    + "'action':'rollover','step':'ERROR','failed_step':'check-rollover-ready','step_info':{'type':"
                    + "'illegal_argument_exception','reason':'setting [index.lifecycle.rollover_alias] is empty'}}"),
            "ekyc-p");
    assertThat(explain.stuck()).isTrue();
    assertThat(explain.reason())
        .isEqualTo(
            "ILM step ERROR: setting [index.lifecycle.rollover_alias] is empty"
                + " (failed step check-rollover-ready)");
  }

  @Test
  void ilmUnmanagedForeignAndMissingPolicyAreStuck() throws Exception {
    assertThat(LifecycleExplain.ilm(json("{'index':'logs-1','managed':false}"), "ekyc-p"))
        .isEqualTo(new LifecycleExplain("not attached: no ILM policy manages it", true));
    assertThat(LifecycleExplain.ilm(null, "ekyc-p").stuck()).isTrue();
    assertThat(LifecycleExplain.ilm(json("{'managed':true,'policy':'other'}"), "ekyc-p").reason())
        .isEqualTo("runs ILM policy other, not ekyc-p");
    assertThat(
            LifecycleExplain.ilm(
                json(
                    "{'managed':true,'policy':'ekyc-p','step_info':{'type':"
                        + "'illegal_argument_exception','reason':'policy [ekyc-p] does not exist'}}"),
                "ekyc-p"))
        .isEqualTo(new LifecycleExplain("ILM: policy [ekyc-p] does not exist", true));
  }

  @Test
  void ilmHealthyStateIsNotStuck() throws Exception {
    var explain =
        LifecycleExplain.ilm(
            json(
                "{'managed':true,'policy':'ekyc-p','phase':'hot','action':'complete',"
                    + "'step':'complete'}"),
            "ekyc-p");
    assertThat(explain)
        .isEqualTo(
            new LifecycleExplain(
                "ILM policy ekyc-p, phase hot, action complete, step complete", false));
  }

  @Test
  void ismFailedActionNamesTheActionMessageAndCause() throws Exception {
    var explain =
        LifecycleExplain.ism(
            json(
                "{'index.plugins.index_state_management.policy_id':'ekyc-p',"
                    + "'policy_id':'ekyc-p','state':{'name':'delete'},'action':{'name':'delete','failed':true},"
                    + "'info':{'message':'Failed to delete index','cause':'index [logs-1] blocked by: [FORBIDDEN/8/index write"
                    + " (api)]'},'enabled':false}"),
            "ekyc-p");
    assertThat(explain.stuck()).isTrue();
    assertThat(explain.reason())
        .isEqualTo(
            "ISM failed action delete: Failed to delete index (index [logs-1] blocked"
                + " by: [FORBIDDEN/8/index write (api)])");
  }

  @Test
  void ismNotAttachedForeignDisabledAndPending() throws Exception {
    assertThat(
            LifecycleExplain.ism(
                json(
                    "{'index.plugins.index_state_management.policy_id':null,"
                        + "'index.opendistro.index_state_management.policy_id':null,'enabled':null}"),
                "ekyc-p"))
        .isEqualTo(new LifecycleExplain("not attached: no ISM policy manages it", true));
    assertThat(LifecycleExplain.ism(json("{'policy_id':'theirs'}"), "ekyc-p").reason())
        .isEqualTo("runs ISM policy theirs, not ekyc-p");
    assertThat(
            LifecycleExplain.ism(
                json("{'policy_id':'ekyc-p','enabled':false,'state':{'name':'hot'}}"), "ekyc-p"))
        .isEqualTo(new LifecycleExplain("ISM job disabled", true));
    assertThat(
            LifecycleExplain.ism(
                json(
                    "{'policy_id':'ekyc-p','enabled':true,'info':{'message':"
                        + "'Still initializing, please wait'}}"),
                "ekyc-p"))
        .isEqualTo(
            new LifecycleExplain(
                "ISM policy ekyc-p attached, not initialised yet: Still initializing,"
                    + " please wait",
                false));
    assertThat(
            LifecycleExplain.ism(
                json(
                    "{'policy_id':'ekyc-p','enabled':true,'state':{'name':'hot'},"
                        + "'action':{'name':'transition','failed':false}}"),
                "ekyc-p"))
        .isEqualTo(new LifecycleExplain("ISM policy ekyc-p, state hot, action transition", false));
  }
}
