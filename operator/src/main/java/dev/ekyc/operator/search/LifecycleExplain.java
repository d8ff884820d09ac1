package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The backend's own account of one index's lifecycle, from ILM's {@code GET <index>/_ilm/explain}
 * or ISM's {@code GET _plugins/_ism/explain/<index>}, as one line for the status: the step in ERROR
 * with its step_info, the failed ISM action with its message, "not attached", another policy than
 * ours, or the phase and step it is in. {@code stuck} is true when the backend itself says the
 * index will not move on (ERROR, failed, not attached, disabled, a foreign policy). Pure.
 */
public record LifecycleExplain(String reason, boolean stuck) {

  /**
   * One entry of ILM's explain answer ({@code indices.<index>}); {@code policy} the operator's
   * policy ID.
   */
  public static LifecycleExplain ilm(JsonNode entry, String policy) {
    if (entry == null || entry.isMissingNode() || !entry.path("managed").asBoolean(false)) {
      return new LifecycleExplain("not attached: no ILM policy manages it", true);
    }
    String runs = entry.path("policy").asText("");
    if (!runs.equals(policy)) {
      return new LifecycleExplain("runs ILM policy " + runs + ", not " + policy, true);
    }
    if ("ERROR".equals(entry.path("step").asText())) {
      JsonNode info = entry.path("step_info");
      String why =
          info.path("reason").asText(info.isMissingNode() ? "no step_info" : info.toString());
      return new LifecycleExplain("ILM step ERROR: " + why + failedStep(entry), true);
    }
    JsonNode info = entry.path("step_info");
    if (info.hasNonNull("reason") && info.path("type").asText("").endsWith("exception")) {
      // ES 6.8 reports a missing policy here while the step is still "new" or absent.
      return new LifecycleExplain("ILM: " + info.path("reason").asText(), true);
    }
    return new LifecycleExplain(
        "ILM policy "
            + runs
            + ", phase "
            + entry.path("phase").asText("-")
            + ", action "
            + entry.path("action").asText("-")
            + ", step "
            + entry.path("step").asText("-"),
        false);
  }

  private static String failedStep(JsonNode entry) {
    String failed = entry.path("failed_step").asText("");
    return failed.isEmpty() ? "" : " (failed step " + failed + ")";
  }

  /**
   * One entry of ISM's explain answer ({@code <index>}); {@code policy} the operator's policy ID.
   */
  public static LifecycleExplain ism(JsonNode entry, String policy) {
    String runs = policyId(entry);
    if (runs == null) {
      return new LifecycleExplain("not attached: no ISM policy manages it", true);
    }
    if (!runs.equals(policy)) {
      return new LifecycleExplain("runs ISM policy " + runs + ", not " + policy, true);
    }
    JsonNode action = entry.path("action");
    String message = entry.path("info").path("message").asText("");
    String cause = entry.path("info").path("cause").asText("");
    if (action.path("failed").asBoolean(false)
        || entry.path("retry_info").path("failed").asBoolean(false)) {
      return new LifecycleExplain(
          "ISM failed action "
              + action.path("name").asText("?")
              + (message.isEmpty() ? "" : ": " + message)
              + (cause.isEmpty() ? "" : " (" + cause + ")"),
          true);
    }
    if (entry.has("enabled")
        && !entry.path("enabled").isNull()
        && !entry.path("enabled").asBoolean(true)) {
      return new LifecycleExplain(
          "ISM job disabled" + (message.isEmpty() ? "" : ": " + message), true);
    }
    String state = entry.path("state").path("name").asText("");
    if (state.isEmpty()) {
      return new LifecycleExplain(
          "ISM policy "
              + runs
              + " attached, not initialised yet"
              + (message.isEmpty() ? "" : ": " + message),
          false);
    }
    return new LifecycleExplain(
        "ISM policy "
            + runs
            + ", state "
            + state
            + ", action "
            + action.path("name").asText("-")
            + (message.isEmpty() ? "" : ": " + message),
        false);
  }

  private static String policyId(JsonNode entry) {
    if (entry == null || entry.isMissingNode()) {
      return null;
    }
    for (String field :
        new String[] {
          "index.plugins.index_state_management.policy_id",
          "policy_id",
          "index.opendistro.index_state_management.policy_id"
        }) {
      JsonNode id = entry.get(field);
      if (id != null && !id.isNull() && !id.asText().isEmpty()) {
        return id.asText();
      }
    }
    return null;
  }
}
