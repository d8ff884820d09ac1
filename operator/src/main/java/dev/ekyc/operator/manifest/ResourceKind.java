package dev.ekyc.operator.manifest;

import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of the ekyc.dev API that plan reads, with the plural that names their CRD. */
public enum ResourceKind {
  DATA_STORE("DataStore", "datastores"),
  RETENTION_POLICY("RetentionPolicy", "retentionpolicies"),
  CONSENT_POLICY("ConsentPolicy", "consentpolicies");

  public static final String GROUP = ApiConstants.GROUP;

  private final String kind;
  private final String plural;

  ResourceKind(String kind, String plural) {
    this.kind = kind;
    this.plural = plural;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public static Optional<ResourceKind> of(String kind) {
    return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
  }

  public static List<String> kindNames() {
    return Arrays.stream(values()).map(ResourceKind::kind).toList();
  }
}
