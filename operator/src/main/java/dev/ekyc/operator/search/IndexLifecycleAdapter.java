package dev.ekyc.operator.search;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;

/**
 * Makes a cluster enforce one {@link IndexLifecycle}: reads what is there, writes only the difference, and
 * verifies by reading again. Touches only the policy and template named by the lifecycle's policy ID, and the
 * lifecycle setting of existing indices that match its pattern.
 */
public interface IndexLifecycleAdapter {

  LifecycleApplyResult apply(IndexLifecycle lifecycle);

  /** Reads and compares like {@link #apply} but writes nothing; the result says what apply would change. */
  LifecycleApplyResult dryRun(IndexLifecycle lifecycle);

  static IndexLifecycleAdapter forEngine(SearchEngine engine, SearchTransport transport) {
    return engine == SearchEngine.OpenSearch ? new OpenSearchIsm(transport) : new ElasticsearchIlm(transport);
  }
}
