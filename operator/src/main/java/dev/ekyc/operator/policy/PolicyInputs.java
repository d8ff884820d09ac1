package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import java.util.List;

/**
 * Everything the core needs: the resources of one or more namespaces, as read from files or the
 * API.
 */
public record PolicyInputs(
    List<DataStore> stores,
    List<RetentionPolicy> retentionPolicies,
    List<ConsentPolicy> consentPolicies) {

  public PolicyInputs {
    stores = List.copyOf(stores);
    retentionPolicies = List.copyOf(retentionPolicies);
    consentPolicies = List.copyOf(consentPolicies);
  }
}
