package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up stores and consent policies by namespace and name; references never cross namespaces.
 */
final class ResourceIndex {
  private final Map<String, DataStore> stores = new HashMap<>();
  private final Map<String, ConsentPolicy> consentPolicies = new HashMap<>();

  ResourceIndex(List<DataStore> stores, List<ConsentPolicy> consentPolicies) {
    stores.forEach(s -> this.stores.put(key(s), s));
    consentPolicies.forEach(c -> this.consentPolicies.put(key(c), c));
  }

  Optional<DataStore> store(String namespace, String name) {
    return Optional.ofNullable(stores.get(namespace + "/" + name));
  }

  Optional<ConsentPolicy> consentPolicy(String namespace, String name) {
    return Optional.ofNullable(consentPolicies.get(namespace + "/" + name));
  }

  private static String key(HasMetadata r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
