package dev.ekyc.operator.job;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.Sha256;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/**
 * Names, labels and the owner of the objects a run writes next to its policy: the run Lease and the
 * result ConfigMap share the name {@code ekyc-run-<policy>}, so {@code kubectl get lease,cm
 * ekyc-run-<policy>} shows both.
 */
public final class RunNames {
  public static final String PREFIX = "ekyc-run-";
  public static final String POLICY_LABEL = "ekyc.dev/retention-policy";
  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
  public static final String COMPONENT = "run-result";
  private static final int MAX_NAME = 253;

  private RunNames() {}

  public static String lease(String policy) {
    return name(policy);
  }

  public static String record(String policy) {
    return name(policy);
  }

  /**
   * Policy names may be 253 characters; a long one is shortened with a hash so two never share a
   * name.
   */
  static String name(String policy) {
    String full = PREFIX + policy;
    if (full.length() <= MAX_NAME) {
      return full;
    }
    return full.substring(0, MAX_NAME - 11) + "-" + Sha256.hex(policy).substring(0, 10);
  }

  /**
   * Label values are limited to 63 characters; a longer policy name is found through the
   * ownerReference.
   */
  public static Map<String, String> labels(String policy) {
    String value =
        policy.length() <= 63
            ? policy
            : policy.substring(0, 52) + "-" + Sha256.hex(policy).substring(0, 10);
    return Map.of(
        "app.kubernetes.io/managed-by",
        "ekyc-operator",
        COMPONENT_LABEL,
        COMPONENT,
        POLICY_LABEL,
        value);
  }

  /**
   * Owned by the policy: deleted with it, never left behind. Not a controller reference: the
   * operator owns none.
   */
  public static OwnerReference owner(RetentionPolicy policy) {
    return new OwnerReferenceBuilder()
        .withApiVersion(policy.getApiVersion())
        .withKind(policy.getKind())
        .withName(policy.getMetadata().getName())
        .withUid(policy.getMetadata().getUid())
        .withBlockOwnerDeletion(false)
        .build();
  }
}
