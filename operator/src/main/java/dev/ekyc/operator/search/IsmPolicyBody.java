package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.IndexLifecycle;

/**
 * The OpenSearch ISM policy the operator wants ({@code PUT _plugins/_ism/policies/<policyId>}):
 * state {@code hot} moves to {@code delete} once the index is {@code deleteAfter} old ({@code
 * min_index_age} counts from creation), and an {@code ism_template} attaches it to indices created
 * after the policy. ISM policies have no metadata field either, so the ID prefix marks ownership
 * (see {@link Ownership}); the description says so to humans.
 *
 * <p>For a data stream's backing indices ({@link IndexLifecycle#dataStream()}) state {@code hot}
 * first rolls the stream over once its write index is {@code writeWindow} old, and the delete
 * transition counts from that rollover ({@code min_rollover_age}, the retention): OpenSearch
 * refuses to delete a stream's write index, so without a rollover a stream that is never rolled
 * over by hand keeps every document; counting from the rollover keeps the newest document of each
 * backing index at least the retention old however late ISM rolled it over.
 */
public final class IsmPolicyBody {
  /** High and fixed, so that a broader foreign ism_template does not win the new indices. */
  public static final int TEMPLATE_PRIORITY = 1000;

  private IsmPolicyBody() {}

  public static String path(IndexLifecycle lifecycle) {
    return "/_plugins/_ism/policies/" + SearchPaths.segment(lifecycle.policyId());
  }

  public static ObjectNode of(IndexLifecycle lifecycle) {
    ObjectNode body = Json.object();
    ObjectNode policy = body.putObject("policy");
    policy.put(
        "description",
        "Managed by ekyc-operator (changes are overwritten): "
            + (lifecycle.dataStream()
                ? "rolls the data stream over after "
                    + DurationText.format(lifecycle.writeWindow())
                    + " and deletes its"
                    + " backing indices matching "
                    + lifecycle.indexPattern()
                    + " "
                    + DurationText.format(lifecycle.deleteAfter().minus(lifecycle.writeWindow()))
                    + " after their rollover"
                : "deletes indices matching "
                    + lifecycle.indexPattern()
                    + " "
                    + DurationText.format(lifecycle.deleteAfter())
                    + " after creation"));
    policy.put("default_state", "hot");
    ArrayNode states = policy.putArray("states");

    ObjectNode hot = states.addObject();
    hot.put("name", "hot");
    ArrayNode actions = hot.putArray("actions");
    ObjectNode toDelete = hot.putArray("transitions").addObject();
    toDelete.put("state_name", "delete");
    if (lifecycle.dataStream()) {
      actions
          .addObject()
          .putObject("rollover")
          .put("min_index_age", LifecycleAge.render(lifecycle.writeWindow()));
      toDelete
          .putObject("conditions")
          .put(
              "min_rollover_age",
              LifecycleAge.render(lifecycle.deleteAfter().minus(lifecycle.writeWindow())));
    } else {
      toDelete
          .putObject("conditions")
          .put("min_index_age", LifecycleAge.render(lifecycle.deleteAfter()));
    }

    ObjectNode delete = states.addObject();
    delete.put("name", "delete");
    delete.putArray("actions").addObject().putObject("delete");
    delete.putArray("transitions");

    ObjectNode template = policy.putArray("ism_template").addObject();
    // ISM matches a data stream's new backing indices by the stream's name (measured on OpenSearch
    // 2.19: a
    // .ds-<name>-* pattern alone attached nothing), so a data-stream rule names both.
    template.set(
        "index_patterns",
        lifecycle.dataStream()
            ? Json.array(lifecycle.dataStreamName(), lifecycle.indexPattern())
            : Json.array(lifecycle.indexPattern()));
    template.put("priority", TEMPLATE_PRIORITY);
    return body;
  }
}
