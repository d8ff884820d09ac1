package dev.ekyc.operator.search;

/** What an apply did (or, in a dry run, would do) to one object on the cluster. */
public enum Change {
  CREATED,
  UPDATED,
  UNCHANGED,
  /** The engine has no such object: ISM keeps its template inside the policy. */
  NOT_APPLICABLE;

  static Change of(boolean exists, boolean same) {
    return !exists ? CREATED : same ? UNCHANGED : UPDATED;
  }

  public boolean writes() {
    return this == CREATED || this == UPDATED;
  }
}
