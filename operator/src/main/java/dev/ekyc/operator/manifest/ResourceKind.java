package dev.ekyc.operator.manifest;

import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of the ekyc.dev API that plan reads, with the plural that names their CRD. */
public enum ResourceKind {
  DATA_STORE("DataStore", "datastores", DataStore.class),
  RETENTION_POLICY("RetentionPolicy", "retentionpolicies", RetentionPolicy.class),
  CONSENT_POLICY("ConsentPolicy", "consentpolicies", ConsentPolicy.class);

  public static final String GROUP = ApiConstants.GROUP;

  private final String kind;
  private final String plural;
  private final Class<? extends CustomResource<?, ?>> type;

  ResourceKind(String kind, String plural, Class<? extends CustomResource<?, ?>> type) {
    this.kind = kind;
    this.plural = plural;
    this.type = type;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public Class<? extends CustomResource<?, ?>> type() {
    return type;
  }

  public static Optional<ResourceKind> of(String kind) {
    return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
  }

  public static List<String> kindNames() {
    return Arrays.stream(values()).map(ResourceKind::kind).toList();
  }
}
