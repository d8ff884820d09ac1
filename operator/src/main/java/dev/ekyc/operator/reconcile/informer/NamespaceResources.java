package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.PolicyInputs;
import java.util.List;
import java.util.Optional;

/**
 * The operator's resources in one namespace, as the informer caches hold them: the input of the
 * policy core. The lists are the caches' objects; nothing here may modify them.
 */
public record NamespaceResources(
    List<DataStore> stores,
    List<RetentionPolicy> retentionPolicies,
    List<ConsentPolicy> consentPolicies) {

  public NamespaceResources {
    stores = List.copyOf(stores);
    retentionPolicies = List.copyOf(retentionPolicies);
    consentPolicies = List.copyOf(consentPolicies);
  }

  public PolicyInputs toInputs() {
    return new PolicyInputs(stores, retentionPolicies, consentPolicies);
  }

  public Optional<DataStore> store(String name) {
    return stores.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }

  public boolean hasConsentPolicy(String name) {
    return consentPolicies.stream().anyMatch(c -> c.getMetadata().getName().equals(name));
  }
}
