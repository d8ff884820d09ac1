package dev.ekyc.operator.search;

import dev.ekyc.operator.policy.OwnedNames;

/**
 * What marks a lifecycle policy or template as the operator's. Elasticsearch 6.8 accepts no {@code
 * _meta} on ILM policies nor on legacy index templates (a template with top-level {@code _meta} is
 * refused with HTTP 400; a mapping-level {@code _meta} would force a mapping type onto every new
 * index), so the name is the marker: the policy ID the core compiles starts with this prefix and
 * the template carries the same name.
 */
public final class Ownership {
  /** The core names every search lifecycle policy with this prefix ({@link OwnedNames}). */
  public static final String PREFIX = OwnedNames.SEARCH_PREFIX;

  private Ownership() {}

  public static boolean owns(String name) {
    return name != null && name.startsWith(PREFIX) && name.length() > PREFIX.length();
  }

  /** Refuses to write anything whose name does not carry the marker: it would be someone else's. */
  static String requireOwned(String name) {
    if (!owns(name)) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' does not start with "
              + PREFIX
              + ": the operator writes"
              + " only lifecycle policies and templates it owns; compile the IndexLifecycle with the policy core");
    }
    return name;
  }
}
