package dev.ekyc.operator.search;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;

/**
 * Makes a cluster enforce one {@link IndexLifecycle}: reads what is there, writes only the
 * difference, and verifies by reading again. Touches only the policy and template named by the
 * lifecycle's policy ID, and the lifecycle setting of existing indices that match its pattern.
 */
public abstract class IndexLifecycleAdapter {

  /** The engine whose lifecycle API this adapter speaks. */
  public abstract SearchEngine engine();

  /**
   * Reads, writes the difference when {@code dryRun} is false, verifies; the result says what
   * changed.
   */
  protected abstract LifecycleApplyResult run(IndexLifecycle lifecycle, boolean dryRun);

  public final LifecycleApplyResult apply(IndexLifecycle lifecycle) {
    return run(requireEngine(lifecycle), false);
  }

  /**
   * Reads and compares like {@link #apply} but writes nothing; the result says what apply would
   * change.
   */
  public final LifecycleApplyResult dryRun(IndexLifecycle lifecycle) {
    return run(requireEngine(lifecycle), true);
  }

  private IndexLifecycle requireEngine(IndexLifecycle lifecycle) {
    if (lifecycle.engine() != engine()) {
      throw new IllegalArgumentException(
          "policy "
              + lifecycle.policyId()
              + " is for "
              + lifecycle.engine()
              + ": use the adapter for that engine (IndexLifecycleAdapter.forEngine)");
    }
    return lifecycle;
  }

  public static IndexLifecycleAdapter forEngine(SearchEngine engine, SearchTransport transport) {
    return engine == SearchEngine.OpenSearch
        ? new OpenSearchIsm(transport)
        : new ElasticsearchIlm(transport);
  }
}
