package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.policy.IndexLifecycle;

/**
 * The Elasticsearch ILM policy the operator wants ({@code PUT _ilm/policy/<policyId>}): one delete
 * phase.
 *
 * <p>ILM counts {@code min_age} from the rollover when an index rolled over, from its creation
 * otherwise. The core's {@code deleteAfter} counts from creation, so this assumes time-based
 * indices (one per day, say) that nobody rolls over; an index rolled over later than its creation
 * would only be deleted later, never earlier.
 */
public final class IlmPolicyBody {
  private IlmPolicyBody() {}

  public static String path(IndexLifecycle lifecycle) {
    return "/_ilm/policy/" + SearchPaths.segment(lifecycle.policyId());
  }

  public static ObjectNode of(IndexLifecycle lifecycle) {
    ObjectNode body = Json.object();
    ObjectNode delete = body.putObject("policy").putObject("phases").putObject("delete");
    delete.put("min_age", LifecycleAge.render(lifecycle.deleteAfter()));
    delete.putObject("actions").putObject("delete");
    return body;
  }
}
