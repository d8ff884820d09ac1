package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.util.List;
import java.util.Map;

/**
 * What one rule selects in a store location, in a form that can be compared with other rules for
 * overlap.
 */
record SelectedTarget(
    ResourceRef policy, String field, RetentionRule rule, StoreLocation location) {

  /** Why the two targets overlap, or null when they are disjoint. */
  String overlapWith(SelectedTarget other) {
    if (!location.key().equals(other.location.key())) {
      return null;
    }
    RetentionRule a = rule;
    RetentionRule b = other.rule;
    if (a.objects != null && b.objects != null) {
      String pa = a.objects.prefix;
      String pb = b.objects.prefix;
      if ((pa.startsWith(pb) || pb.startsWith(pa))
          && tagsCompatible(a.objects.tags, b.objects.tags)) {
        return pa.equals(pb)
            ? "both select prefix " + pa
            : "prefixes " + pa + " and " + pb + " overlap";
      }
      return null;
    }
    List<String> pa = searchPatterns(a);
    List<String> pb = searchPatterns(b);
    for (String x : pa) {
      for (String y : pb) {
        if (patternsOverlap(x, y)) {
          return "index patterns " + x + " and " + y + " can match the same indices";
        }
      }
    }
    if (a.table != null && b.table != null) {
      return a.table.name.equalsIgnoreCase(b.table.name)
          ? "both select table " + a.table.name
          : null;
    }
    return null;
  }

  /**
   * The index names a search rule can touch: its pattern, or for a data stream both the stream's
   * name (what index templates and ILM attach to) and its backing indices (what ISM deletes on
   * OpenSearch).
   */
  private static List<String> searchPatterns(RetentionRule rule) {
    if (rule.indices != null) {
      return List.of(rule.indices.pattern);
    }
    if (rule.dataStream != null) {
      return List.of(rule.dataStream.name, ".ds-" + rule.dataStream.name + "-*");
    }
    return List.of();
  }

  /** Two tag filters can match the same object unless they require different values for one key. */
  private static boolean tagsCompatible(Map<String, String> a, Map<String, String> b) {
    if (a == null || b == null) {
      return true;
    }
    return a.entrySet().stream()
        .noneMatch(e -> b.containsKey(e.getKey()) && !b.get(e.getKey()).equals(e.getValue()));
  }

  /**
   * Patterns are a literal with an optional trailing *; they overlap when one can match what the
   * other does.
   */
  static boolean patternsOverlap(String a, String b) {
    boolean wa = a.endsWith("*");
    boolean wb = b.endsWith("*");
    String la = wa ? a.substring(0, a.length() - 1) : a;
    String lb = wb ? b.substring(0, b.length() - 1) : b;
    if (wa && wb) {
      return la.startsWith(lb) || lb.startsWith(la);
    }
    if (wa) {
      return lb.startsWith(la);
    }
    if (wb) {
      return la.startsWith(lb);
    }
    return la.equals(lb);
  }
}
