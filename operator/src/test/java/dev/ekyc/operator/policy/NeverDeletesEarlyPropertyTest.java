package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of random policy sets at the core, built to collide (shared prefixes, nested prefixes, the
 * same tables, consent and legal holds mixed in), and checks on every enforceable plan that no mechanism can
 * remove data before the longest retention any rule gives it, and that no two enforced rules select the same data.
 */
class NeverDeletesEarlyPropertyTest {
  private static final String[] PREFIXES = {"a/", "a/b/", "b/", "ab/", "a/b/c/", "c/"};
  private static final String[] TABLES = {"t1", "t2", "T1"};
  private static final String[] PATTERNS = {"log-*", "log-2026*", "audit-*", "log-x"};
  private static final String[] DURATIONS = {"15m", "1h", "2h", "23h", "1d", "25h", "30d", "90d", "730d"};
  private static final String[] SCHEDULES = {null, "*/5 * * * *", "17 * * * *", "0 0 * * *", "0 9 * * 1-5"};

  @Test
  void noEnforceablePlanDeletesEarlyOrOverlaps() {
    Random random = new Random(20261129L);
    int enforcedRules = 0;
    for (int iteration = 0; iteration < 500; iteration++) {
      String yaml = randomResources(random);
      EnforcementPlan plan = compile(yaml);
      List<PolicyPlan> enforced = plan.stores().stream().flatMap(s -> s.policies().stream())
          .filter(PolicyPlan::enforceable).toList();
      for (PolicyPlan policy : enforced) {
        for (RulePlan rule : policy.rules()) {
          enforcedRules++;
          checkRule(rule, yaml);
        }
      }
      checkNoOverlap(enforced, yaml);
    }
    assertThat(enforcedRules).as("the generator must produce enforceable rules too").isGreaterThan(400);
  }

  private static void checkRule(RulePlan rule, String yaml) {
    Duration longestKept = rule.worstCaseAgeWithConsent() == null ? rule.retention()
        : maxRetentionWithConsent(rule);
    assertThat(rule.worstCaseAge()).as(yaml).isGreaterThanOrEqualTo(rule.retention());
    for (Mechanism m : rule.mechanisms()) {
      if (m instanceof LifecycleExpiration lc) {
        assertThat(Duration.ofDays(lc.days())).as("backstop early\n" + yaml).isGreaterThanOrEqualTo(longestKept);
      } else if (m instanceof ObjectSweep sweep) {
        assertThat(sweep.deleteOlderThan()).as(yaml).isEqualTo(rule.retention());
        if (sweep.consent() != null) {
          assertThat(sweep.consent().retention()).as(yaml).isGreaterThan(sweep.deleteOlderThan());
        }
      } else if (m instanceof IndexLifecycle ilm) {
        assertThat(ilm.deleteAfter()).as(yaml).isGreaterThanOrEqualTo(rule.retention().plus(ilm.writeWindow()));
      } else if (m instanceof DataStreamRetention dsl) {
        assertThat(dsl.dataRetention()).as(yaml).isGreaterThanOrEqualTo(rule.retention());
      } else if (m instanceof TablePurge purge) {
        assertThat(purge.deleteOlderThan()).as(yaml).isEqualTo(rule.retention());
        if (purge.consentedRetention() != null) {
          assertThat(purge.consentedRetention()).as(yaml).isGreaterThan(purge.deleteOlderThan());
        }
      } else if (m instanceof ColumnErasure erasure) {
        assertThat(erasure.eraseAfter()).as(yaml).isLessThan(rule.retention());
      }
    }
  }

  private static Duration maxRetentionWithConsent(RulePlan rule) {
    return rule.mechanisms().stream()
        .map(m -> m instanceof ObjectSweep s && s.consent() != null ? s.consent().retention() : rule.retention())
        .max(Duration::compareTo).orElse(rule.retention());
  }

  /** Enforced rules in one location must select disjoint data; the conflict check is the only thing between them. */
  private static void checkNoOverlap(List<PolicyPlan> enforced, String yaml) {
    List<String> prefixes = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (PolicyPlan p : enforced) {
      for (RulePlan r : p.rules()) {
        for (Mechanism m : r.mechanisms()) {
          if (m instanceof ObjectSweep s && s.tags().isEmpty()) {
            for (String other : prefixes) {
              assertThat(other.startsWith(s.prefix()) || s.prefix().startsWith(other))
                  .as("overlapping prefixes enforced\n" + yaml).isFalse();
            }
            prefixes.add(s.prefix());
          }
          if (m instanceof TablePurge t) {
            assertThat(tables).as("same table enforced twice\n" + yaml).doesNotContain(t.table().toLowerCase());
            tables.add(t.table().toLowerCase());
          }
        }
      }
    }
  }

  private static String randomResources(Random random) {
    List<String> docs = new ArrayList<>(List.of(MEDIA_STORE, SQL_STORE, SEARCH_STORE, CONSENT));
    int policies = 1 + random.nextInt(3);
    for (int p = 0; p < policies; p++) {
      int kind = random.nextInt(3);
      StringBuilder rules = new StringBuilder();
      int ruleCount = 1 + random.nextInt(3);
      for (int r = 0; r < ruleCount; r++) {
        rules.append(switch (kind) {
          case 0 -> objectRule(random, r);
          case 1 -> tableRule(random, r);
          default -> indexRule(random, r);
        });
      }
      String store = switch (kind) {
        case 0 -> "verification-media";
        case 1 -> "service-db";
        default -> "operation-logs";
      };
      String schedule = pick(random, SCHEDULES);
      String hold = random.nextInt(4) == 0 ? "  safety: {legalHold: {objectTagKey: hold, sqlColumn: held}}\n" : "";
      docs.add("apiVersion: ekyc.dev/v1alpha1\nkind: RetentionPolicy\nmetadata: {name: p" + p + "}\nspec:\n"
          + "  storeRef: {name: " + store + "}\n" + (schedule == null ? "" : "  schedule: \"" + schedule + "\"\n")
          + hold + "  rules:\n" + rules);
    }
    return String.join("\n---\n", docs);
  }

  private static String objectRule(Random random, int r) {
    int base = random.nextInt(DURATIONS.length - 1);
    String consent = random.nextBoolean() ? ""
        : "    withConsent: {consentPolicyRef: {name: model-training}, retention: "
            + DURATIONS[base + 1 + random.nextInt(DURATIONS.length - base - 1)] + "}\n";
    return "  - name: r" + r + "\n    dataCategory: biometric\n    objects: {prefix: " + pick(random, PREFIXES) + "}\n"
        + "    retention: " + DURATIONS[base] + "\n" + consent;
  }

  private static String tableRule(Random random, int r) {
    int base = 1 + random.nextInt(DURATIONS.length - 1);
    String sensitive = random.nextBoolean() ? ""
        : "    sensitive: {consentPolicyRef: {name: model-training}, columns: [face], withoutConsent: {eraseAfter: "
            + DURATIONS[random.nextInt(base)] + "}}\n";
    return "  - name: r" + r + "\n    dataCategory: identification\n    table: {name: " + pick(random, TABLES)
        + ", timestampColumn: created_at, key: id}\n    retention: " + DURATIONS[base] + "\n" + sensitive;
  }

  private static String indexRule(Random random, int r) {
    return "  - name: r" + r + "\n    dataCategory: operation-log\n    indices: {pattern: \"" + pick(random, PATTERNS)
        + "\", writeWindow: " + pick(random, new String[] {"1h", "1d", "7d"}) + "}\n    retention: "
        + pick(random, DURATIONS) + "\n";
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
