package dev.ekyc.operator.policy;

import java.util.Optional;

/**
 * Names of what the operator creates in a backend (S3 lifecycle rule IDs, ILM/ISM policy and
 * template names). The name is the only ownership marker these backends keep, so it starts with the
 * owning DataStore: an adapter reconciling one store finds every rule it wrote before, including
 * those of policies deleted since, and never touches another store's rules on the same bucket or
 * cluster. Kubernetes names never contain '/' or '_', so the separators make each name stand for
 * exactly one store, policy and rule.
 */
public final class OwnedNames {
  public static final String OBJECT_RULE_PREFIX = "ekyc-operator:";
  public static final String SEARCH_PREFIX = "ekyc-operator-";

  /** S3's limit on a lifecycle rule ID. */
  public static final int S3_RULE_ID_MAX = 255;

  /**
   * Elasticsearch's and OpenSearch's limit on index, policy and template names, in bytes (names are
   * ASCII).
   */
  public static final int SEARCH_NAME_MAX = 255;

  private static final int HASH_HEX = 12;

  private OwnedNames() {}

  /** Every lifecycle rule ID of the store starts with this. */
  public static String objectRulePrefix(String namespace, String store) {
    return OBJECT_RULE_PREFIX + namespace + "/" + store + "/";
  }

  /** Every ILM/ISM policy and template name of the store starts with this. */
  public static String searchPrefix(String namespace, String store) {
    return SEARCH_PREFIX + namespace + "_" + store + "_";
  }

  /** Empty when even a shortened ID cannot keep the store's prefix within S3's limit. */
  static Optional<String> objectRuleId(String namespace, String store, String policy, String rule) {
    return bounded(objectRulePrefix(namespace, store), policy + "/" + rule, S3_RULE_ID_MAX);
  }

  /**
   * Empty when even a shortened name cannot keep the store's prefix within the search engine's
   * limit.
   */
  static Optional<String> searchPolicyName(
      String namespace, String store, String policy, String rule) {
    return bounded(searchPrefix(namespace, store), policy + "_" + rule, SEARCH_NAME_MAX);
  }

  /** The name, or null with an error on the rule when the store's prefix leaves no room for it. */
  static String orReport(
      RuleContext ctx, Optional<String> name, String what, String prefix, int max) {
    if (name.isEmpty()) {
      ctx.error(
          "",
          "the "
              + what
              + " must start with "
              + prefix
              + ", which leaves no room within the "
              + max
              + "-character limit",
          "give DataStore " + ctx.store().getMetadata().getName() + " a shorter name");
    }
    return name.orElse(null);
  }

  /**
   * Keeps the owner prefix whole; a tail that does not fit is cut and followed by a hash of the
   * full name, so two long names stay distinct.
   */
  static Optional<String> bounded(String prefix, String tail, int max) {
    String full = prefix + tail;
    if (full.length() <= max) {
      return Optional.of(full);
    }
    String suffix = "~" + Sha256.hex(full).substring(0, HASH_HEX);
    int room = max - prefix.length() - suffix.length();
    if (room < 1) {
      return Optional.empty();
    }
    return Optional.of(prefix + tail.substring(0, room) + suffix);
  }
}
