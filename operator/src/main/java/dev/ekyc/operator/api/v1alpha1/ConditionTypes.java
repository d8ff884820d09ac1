package dev.ekyc.operator.api.v1alpha1;

/**
 * The condition types the three kinds report (docs/api.md, Conditions). Part of the API: the jobs
 * read a DataStore's Ready condition before they delete anything, and users' tooling (kstatus, Argo
 * CD, alerts) reads them all.
 */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  /** RetentionPolicy: the backend differs from the plan in something the operator had applied. */
  public static final String DRIFTED = "Drifted";

  /** RetentionPolicy: every mechanism is enforced as planned and the jobs keep up. */
  public static final String COMPLIANT = "Compliant";

  private ConditionTypes() {}
}
