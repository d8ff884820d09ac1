package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.policy.IndexLifecycle;

/**
 * The legacy index template ({@code PUT _template/<name>}, the only kind Elasticsearch 6.8 has)
 * that attaches the ILM policy to every new index matching the pattern. It is named like the
 * policy, which is its ownership marker (see {@link Ownership}), and sets nothing but {@code
 * index.lifecycle.name}.
 */
public final class LegacyTemplateBody {
  /**
   * High, so that our policy name wins over a broader template's that sets another one; the
   * template sets nothing else, so it overrides nothing else.
   */
  public static final int ORDER = 1000;

  private LegacyTemplateBody() {}

  public static String name(IndexLifecycle lifecycle) {
    return lifecycle.policyId();
  }

  public static String path(IndexLifecycle lifecycle) {
    return "/_template/" + SearchPaths.segment(name(lifecycle));
  }

  public static ObjectNode of(IndexLifecycle lifecycle) {
    ObjectNode body = Json.object();
    body.set("index_patterns", Json.array(lifecycle.indexPattern()));
    body.put("order", ORDER);
    body.putObject("settings").put("index.lifecycle.name", lifecycle.policyId());
    return body;
  }
}
