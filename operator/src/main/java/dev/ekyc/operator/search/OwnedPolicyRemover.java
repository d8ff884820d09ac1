package dev.ekyc.operator.search;

import java.util.List;

/**
 * Takes lifecycle policies the operator owns off a search cluster (ILM on Elasticsearch, ISM on
 * OpenSearch): detached from their indices first, then deleted. Removing a lifecycle can only keep
 * indices longer.
 */
public interface OwnedPolicyRemover {
  /** Names of the cluster's lifecycle policies that start with {@code prefix}, sorted. */
  List<String> ownedPolicies(String prefix);

  /**
   * Detaches the policy from every index running it, then deletes it; returns the indices it
   * detached.
   */
  List<String> remove(String policyId);

  /** Refuses any name without the operator's marker: it would be someone else's. */
  static String requireOwned(String policyId) {
    if (!dev.ekyc.operator.search.Ownership.owns(policyId)) {
      throw new IllegalArgumentException(
          policyId + " is not the operator's: refusing to remove it");
    }
    return policyId;
  }
}
