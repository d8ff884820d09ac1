package dev.ekyc.operator.cli;

import dev.ekyc.operator.manifest.Finding;
import dev.ekyc.operator.manifest.Severity;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Promises;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan for people: per store (type, jurisdiction, location), its policies (mode, schedule, cap,
 * worst case), and per rule the mechanisms with their role, the guaranteed worst-case ages and why;
 * then the problems, each with its file, resource, field and fix; then a one-line summary.
 */
final class TextPlanPrinter {
  private static final int WIDTH = 110;

  private final PrintWriter out;

  TextPlanPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(EnforcementPlan plan, List<Finding> findings) {
    if (plan != null) {
      for (StorePlan store : plan.stores()) {
        printStore(store);
      }
    }
    printFindings(findings);
    printSummary(plan, findings);
  }

  private void printStore(StorePlan store) {
    wrap(
        "DataStore " + store.store().namespace() + "/" + store.store().name() + ": ",
        "    ",
        store.type() + " store, jurisdiction " + store.jurisdiction() + ", " + store.location());
    if (store.policies().isEmpty()) {
      out.println("  no RetentionPolicy: nothing in this store is deleted");
    }
    for (var backup : store.declaredResiduals()) {
      wrap(
          "  declared backup: ",
          "      ",
          backup.text() + (backup.note() == null ? "" : ": " + backup.note()));
    }
    for (PolicyPlan policy : store.policies()) {
      printPolicy(policy, store);
    }
    out.println();
  }

  private void printPolicy(PolicyPlan policy, StorePlan store) {
    List<String> facts = new ArrayList<>();
    facts.add("mode " + policy.mode());
    if (policy.schedule() != null) {
      facts.add("jobs run '" + policy.schedule() + "' (UTC)");
      facts.add("at most " + policy.maxDeletionsPerRun() + " deletions per run");
    }
    if (policy.enforceable()) {
      facts.add("worst case " + DurationText.format(policy.worstCaseAge()));
      if (policy.promise() != null) {
        facts.add("promise " + DurationText.format(policy.promise()));
      }
    } else {
      // No worst case: nothing is guaranteed for a policy that is not enforced.
      facts.add("NOT ENFORCEABLE until the errors below are fixed");
    }
    wrap("  RetentionPolicy " + policy.policy().name() + ": ", "      ", String.join(", ", facts));
    for (RulePlan rule : policy.rules()) {
      printRule(rule, store);
    }
  }

  private void printRule(RulePlan rule, StorePlan store) {
    out.println("    rule " + rule.name() + "  [" + rule.dataCategory() + "] " + rule.target());
    List<String> ages = new ArrayList<>();
    ages.add("retention " + DurationText.format(rule.retention()));
    Promises promises = rule.promises();
    ages.add("worst case " + withPromise(rule.worstCaseAge(), promises.deleteWithin()));
    if (rule.worstCaseAgeWithConsent() != null) {
      ages.add(
          "with consent "
              + withPromise(rule.worstCaseAgeWithConsent(), promises.deleteWithinWithConsent()));
    }
    if (rule.sensitiveWorstCaseAge() != null) {
      ages.add(
          "sensitive columns without consent "
              + withPromise(rule.sensitiveWorstCaseAge(), promises.sensitiveDeleteWithin()));
    }
    if (promises.erasureAfterWithdrawal() != null) {
      ages.add(
          "after consent withdrawal "
              + withPromise(promises.withdrawalWorstCaseAge(), promises.erasureAfterWithdrawal()));
    }
    wrap("      ", "        ", String.join(", ", ages));
    if (!store.declaredResiduals().isEmpty()) {
      // The copies the plan can know offline; the binlog, snapshots and open transactions are read
      // by the operator.
      StringBuilder copies = new StringBuilder("live " + DurationText.format(rule.worstCaseAge()));
      store.declaredResiduals().forEach(r -> copies.append("; ").append(r.text()));
      wrap("      copies: ", "              ", copies.toString());
    }
    if (rule.purpose() != null || rule.legalBasis() != null) {
      wrap(
          "      purpose: ",
          "               ",
          (rule.purpose() == null ? "-" : rule.purpose())
              + (rule.legalBasis() == null ? "" : " (legal basis: " + rule.legalBasis() + ")"));
    }
    for (Mechanism mechanism : rule.mechanisms()) {
      String head = String.format("      %-8s %-20s ", mechanism.role(), mechanism.kind());
      wrap(head, " ".repeat(head.length()), mechanism.summary());
    }
    if (rule.explanation() != null) {
      wrap("      why: ", "           ", rule.explanation());
    }
  }

  /** {@code 2h (promise 2h: kept)}: the worst case next to the promise it is held against. */
  private static String withPromise(Duration worst, Duration promise) {
    String text = DurationText.format(worst);
    if (promise == null || worst == null) {
      return text;
    }
    String verdict =
        worst.compareTo(promise) <= 0
            ? "kept"
            : "BROKEN by " + DurationText.format(worst.minus(promise));
    return text + " (promise " + DurationText.format(promise) + ": " + verdict + ")";
  }

  private void printFindings(List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    boolean onlyNotes = findings.stream().allMatch(f -> f.severity() == Severity.NOTE);
    out.println(onlyNotes ? "Notes:" : "Problems:");
    for (Finding finding : findings) {
      // One unwrapped line per finding, so grep shows file, resource, field and message together.
      out.println("  " + finding.describe());
      if (finding.fix() != null) {
        wrap("      fix: ", "           ", finding.fix());
      }
    }
    out.println();
  }

  private void printSummary(EnforcementPlan plan, List<Finding> findings) {
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    if (plan == null) {
      out.println(
          "No plan: "
              + count(errors, "error")
              + " in the manifests ("
              + count(warnings, "warning")
              + "). Fix them and run plan again.");
      return;
    }
    long policies = plan.stores().stream().mapToLong(s -> s.policies().size()).sum();
    long rules =
        plan.stores().stream()
            .flatMap(s -> s.policies().stream())
            .mapToLong(p -> p.rules().size())
            .sum();
    out.println(
        "Plan: "
            + count(plan.stores().size(), "store")
            + ", "
            + count(policies, "policy", "policies")
            + ", "
            + count(rules, "rule")
            + "; "
            + count(errors, "error")
            + ", "
            + count(warnings, "warning")
            + ".");
  }

  /**
   * Prints text word-wrapped at WIDTH: the first line after {@code first}, the others after {@code
   * next}.
   */
  private void wrap(String first, String next, String text) {
    StringBuilder line = new StringBuilder(first);
    int start = first.length();
    for (String word : words(text)) {
      if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line = new StringBuilder(next);
        start = next.length();
      }
      if (line.length() > start) {
        line.append(' ');
      }
      line.append(word);
    }
    out.println(line);
  }

  /**
   * Splits at spaces, but keeps a quoted cron expression (e.g. '0 * * * *') in one piece so it
   * stays copyable.
   */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    String[] parts = text.split(" ");
    for (int i = 0; i < parts.length; i++) {
      int end = i;
      if (parts[i].startsWith("'") && !closesQuote(parts[i].substring(1))) {
        while (end + 1 < parts.length && end - i < 5 && !closesQuote(parts[end])) {
          end++;
        }
        if (!closesQuote(parts[end])) {
          end = i; // not a quoted cron after all
        }
      }
      words.add(String.join(" ", java.util.Arrays.asList(parts).subList(i, end + 1)));
      i = end;
    }
    return words;
  }

  private static boolean closesQuote(String word) {
    return word.matches(".*'[),.:;]*");
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
