package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.OwnedNames;
import dev.ekyc.operator.policy.ResourceRef;

/**
 * Which lifecycle rules of a bucket belong to one DataStore: those whose ID starts with {@code
 * ekyc-operator:<namespace>/<datastore>/}. The ID is the only marker S3 keeps on a rule, so it
 * alone must tell this store's rules from the user's and from another store's on the same bucket.
 */
public record StoreOwnership(String namespace, String dataStore) {
  /** Marks every rule the operator writes, for any store. */
  public static final String OPERATOR_PREFIX = OwnedNames.OBJECT_RULE_PREFIX;

  public StoreOwnership {
    if (namespace == null || namespace.isEmpty() || dataStore == null || dataStore.isEmpty()) {
      throw new IllegalArgumentException(
          "a store's ownership needs its namespace and name, got " + namespace + "/" + dataStore);
    }
  }

  public static StoreOwnership of(ResourceRef store) {
    return new StoreOwnership(store.namespace(), store.name());
  }

  public String idPrefix() {
    return OwnedNames.objectRulePrefix(namespace, dataStore);
  }

  /** Null IDs (S3 may leave a rule unnamed) belong to nobody. */
  public boolean owns(String ruleId) {
    return ruleId != null && ruleId.startsWith(idPrefix());
  }

  @Override
  public String toString() {
    return "DataStore " + namespace + "/" + dataStore;
  }
}
