package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a RetentionPolicy refers to by name: its DataStore and the ConsentPolicies of its rules. */
public final class PolicyReferences {
  private PolicyReferences() {}

  public static Optional<String> store(RetentionPolicy policy) {
    var spec = policy.getSpec();
    return spec == null || spec.storeRef == null
        ? Optional.empty()
        : Optional.ofNullable(spec.storeRef.name);
  }

  /** Sorted, so messages and status lists are stable. */
  public static Set<String> consentPolicies(RetentionPolicy policy) {
    Set<String> names = new TreeSet<>();
    var spec = policy.getSpec();
    if (spec == null || spec.rules == null) {
      return names;
    }
    for (RetentionRule rule : spec.rules) {
      if (rule.withConsent != null
          && rule.withConsent.consentPolicyRef != null
          && rule.withConsent.consentPolicyRef.name != null) {
        names.add(rule.withConsent.consentPolicyRef.name);
      }
      if (rule.sensitive != null
          && rule.sensitive.consentPolicyRef != null
          && rule.sensitive.consentPolicyRef.name != null) {
        names.add(rule.sensitive.consentPolicyRef.name);
      }
    }
    return names;
  }
}
