package dev.ekyc.operator.credentials;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import java.util.LinkedHashSet;
import java.util.Set;

/** Names of the Secrets a DataStore reads, so a change to any of them re-probes the store. */
public final class SecretReferences {
  private SecretReferences() {}

  public static Set<String> of(DataStoreSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    if (spec == null) {
      return names;
    }
    if (spec.objectStorage != null) {
      if (spec.objectStorage.credentialsSecretRef != null)
        names.add(spec.objectStorage.credentialsSecretRef.name);
      if (spec.objectStorage.caSecretRef != null) names.add(spec.objectStorage.caSecretRef.name);
    }
    if (spec.search != null) {
      if (spec.search.credentialsSecretRef != null)
        names.add(spec.search.credentialsSecretRef.name);
      if (spec.search.apiKeySecretRef != null) names.add(spec.search.apiKeySecretRef.name);
      if (spec.search.caSecretRef != null) names.add(spec.search.caSecretRef.name);
    }
    if (spec.sql != null) {
      if (spec.sql.credentialsSecretRef != null) names.add(spec.sql.credentialsSecretRef.name);
      if (spec.sql.tls != null && spec.sql.tls.caSecretRef != null)
        names.add(spec.sql.tls.caSecretRef.name);
    }
    names.remove(null);
    return names;
  }
}
