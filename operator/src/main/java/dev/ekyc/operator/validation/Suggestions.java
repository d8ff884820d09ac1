package dev.ekyc.operator.validation;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for misspelt field names and enum values. */
final class Suggestions {
  private Suggestions() {}

  static String forUnknownField(String name, Collection<String> known) {
    String closest = closest(name, known);
    if (closest != null) {
      return "did you mean " + closest + "? Otherwise remove the field";
    }
    return known.isEmpty()
        ? "remove the field"
        : "remove the field; known fields here: " + String.join(", ", known);
  }

  /**
   * The candidate that differs only in case or punctuation, or by at most two edits; null when none
   * is close.
   */
  static String closest(String value, Collection<String> candidates) {
    String normalized = normalize(value);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (normalize(candidate).equals(normalized)) {
        return candidate;
      }
      int d = distance(value.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, value.length() / 3)) ? best : null;
  }

  private static String normalize(String s) {
    return s.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
