package dev.ekyc.operator.policy;

import java.util.Map;

/**
 * Minimum age to consent alone, per jurisdiction, and whether parental consent can stand in below
 * it.
 */
public record MinimumAgeRule(
    int defaultAge, Map<String, Integer> byJurisdiction, boolean parentalConsentAllowed) {

  public MinimumAgeRule {
    byJurisdiction = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byJurisdiction));
  }

  public int ageFor(String jurisdiction) {
    return jurisdiction == null
        ? defaultAge
        : byJurisdiction.getOrDefault(jurisdiction, defaultAge);
  }
}
