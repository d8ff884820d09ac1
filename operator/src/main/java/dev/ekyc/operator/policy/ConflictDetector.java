package dev.ekyc.operator.policy;

import java.util.List;

/**
 * Finds rules that select the same data. The operator refuses both rather than pick one: silently
 * applying the shorter retention deletes data early, the longer one keeps it late. Rules conflict
 * even with equal retention, because their consent, schedules and legal holds may differ.
 */
final class ConflictDetector {
  private ConflictDetector() {}

  /**
   * Reports each overlapping pair as an error on both policies; an error is what makes a policy
   * non-enforceable, so the compiler needs nothing else from here.
   */
  static void detect(List<SelectedTarget> targets, List<Problem> problems) {
    for (int i = 0; i < targets.size(); i++) {
      SelectedTarget a = targets.get(i);
      for (SelectedTarget b : targets.subList(i + 1, targets.size())) {
        String why = a.overlapWith(b);
        if (why == null) {
          continue;
        }
        report(a, b, why, problems);
        report(b, a, why, problems);
      }
    }
  }

  private static void report(
      SelectedTarget self, SelectedTarget other, String why, List<Problem> problems) {
    String otherName =
        other.policy().equals(self.policy())
            ? "rule " + other.rule().name + " of the same policy"
            : "rule "
                + other.rule().name
                + " of RetentionPolicy "
                + (other.policy().namespace().equals(self.policy().namespace())
                    ? other.policy().name()
                    : other.policy().namespace() + "/" + other.policy().name());
    problems.add(
        Problem.error(
            self.policy(),
            self.field(),
            "rule "
                + self.rule().name
                + " (retention "
                + self.rule().retention
                + ") and "
                + otherName
                + " (retention "
                + other.rule().retention
                + ") select the same data in "
                + self.location().display()
                + ": "
                + why
                + "; the operator refuses both rather than choose",
            "make the selectors disjoint (different prefixes, patterns or tables) or merge the rules into one"));
  }
}
