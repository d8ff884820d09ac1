package dev.ekyc.operator.policy;

/**
 * How many random cases a property test runs. Full size by default; mutation testing runs every
 * covering test once per mutant, so its profile asks for a fraction ({@code
 * -Dekyc.propertyScale=0.2}) to stay within minutes. The tests' minimum counts scale along, so a
 * generator that stopped producing interesting cases still fails.
 */
final class PropertyRuns {
  private static final double SCALE =
      Double.parseDouble(System.getProperty("ekyc.propertyScale", "1"));

  private PropertyRuns() {}

  static int scaled(int count) {
    return Math.max(1, (int) Math.round(count * SCALE));
  }
}
