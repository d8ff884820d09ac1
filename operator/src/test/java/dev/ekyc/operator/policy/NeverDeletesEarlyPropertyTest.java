package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws thousands of random policy sets at the core, built to collide (shared prefixes, nested
 * prefixes, the same tables, consent and legal holds mixed in), and checks on every enforceable
 * plan that no mechanism can remove data before the longest retention any rule gives it, and that
 * no two enforced rules select the same data.
 */
class NeverDeletesEarlyPropertyTest {
  private static final String[] PREFIXES = {"a/", "a/b/", "b/", "ab/", "a/b/c/", "c/"};
  private static final String[] TABLES = {"t1", "t2", "T1"};
  private static final String[] PATTERNS = {"log-*", "log-2026*", "audit-*", "log-x", "logs*"};
  private static final String[] STREAMS = {"logs", "logs-app", "log"};
  private static final String[] SAMPLE_INDICES = {
    "log-2026.01.01",
    "log-x",
    "audit-1",
    "logs-1",
    "logs",
    "log",
    ".ds-logs-000001",
    ".ds-logs-app-000001",
    ".ds-log-000001"
  };
  private static final List<Map<String, String>> SAMPLE_TAGS =
      List.of(Map.of(), Map.of("kind", "a"), Map.of("kind", "b"));
  private static final String[] DURATIONS = {
    "15m", "1h", "2h", "23h", "1d", "25h", "30d", "90d", "730d"
  };
  private static final String[] SCHEDULES = {
    null, "*/5 * * * *", "17 * * * *", "0 0 * * *", "0 9 * * 1-5"
  };

  @Test
  void noEnforceablePlanDeletesEarlyOrOverlaps() {
    Random random = new Random(20261129L);
    int enforcedRules = 0;
    for (int iteration = 0; iteration < PropertyRuns.scaled(500); iteration++) {
      String yaml = randomResources(random);
      PolicyInputs inputs = inputs(yaml);
      EnforcementPlan plan = new PolicyCompiler().compile(inputs);
      List<PolicyPlan> enforced =
          plan.stores().stream()
              .flatMap(s -> s.policies().stream())
              .filter(PolicyPlan::enforceable)
              .toList();
      for (PolicyPlan policy : enforced) {
        for (RulePlan rule : policy.rules()) {
          enforcedRules++;
          checkRule(rule, yaml);
        }
      }
      checkNoOverlap(enforced, yaml);
      checkEverySampleHasAtMostOneRule(inputs, enforced, yaml);
    }
    assertThat(enforcedRules)
        .as("the generator must produce enforceable rules too")
        .isGreaterThan(PropertyRuns.scaled(400));
  }

  private static void checkRule(RulePlan rule, String yaml) {
    Duration longestKept =
        rule.worstCaseAgeWithConsent() == null ? rule.retention() : maxRetentionWithConsent(rule);
    assertThat(rule.worstCaseAge()).as(yaml).isGreaterThanOrEqualTo(rule.retention());
    for (Mechanism m : rule.mechanisms()) {
      if (m instanceof LifecycleExpiration lc) {
        assertThat(Duration.ofDays(lc.days()))
            .as("backstop early\n" + yaml)
            .isGreaterThanOrEqualTo(longestKept);
      } else if (m instanceof ObjectSweep sweep) {
        assertThat(sweep.deleteOlderThan()).as(yaml).isEqualTo(rule.retention());
        if (sweep.consent() != null) {
          assertThat(sweep.consent().retention()).as(yaml).isGreaterThan(sweep.deleteOlderThan());
        }
      } else if (m instanceof IndexLifecycle ilm) {
        assertThat(ilm.deleteAfter())
            .as(yaml)
            .isGreaterThanOrEqualTo(rule.retention().plus(ilm.writeWindow()));
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
        .map(
            m ->
                m instanceof ObjectSweep s && s.consent() != null
                    ? s.consent().retention()
                    : rule.retention())
        .max(Duration::compareTo)
        .orElse(rule.retention());
  }

  /**
   * Enforced rules in one location must select disjoint data; the conflict check is the only thing
   * between them.
   */
  private static void checkNoOverlap(List<PolicyPlan> enforced, String yaml) {
    List<String> prefixes = new ArrayList<>();
    List<String> tables = new ArrayList<>();
    for (PolicyPlan p : enforced) {
      for (RulePlan r : p.rules()) {
        for (Mechanism m : r.mechanisms()) {
          if (m instanceof ObjectSweep s && s.tags().isEmpty()) {
            for (String other : prefixes) {
              assertThat(other.startsWith(s.prefix()) || s.prefix().startsWith(other))
                  .as("overlapping prefixes enforced\n" + yaml)
                  .isFalse();
            }
            prefixes.add(s.prefix());
          }
          if (m instanceof TablePurge t) {
            assertThat(tables)
                .as("same table enforced twice\n" + yaml)
                .doesNotContain(t.table().toLowerCase());
            tables.add(t.table().toLowerCase());
          }
        }
      }
    }
  }

  /**
   * An oracle independent of the conflict detector: concrete object keys with tags, index names and
   * tables, each of which at most one enforced rule per physical store may select.
   */
  private static void checkEverySampleHasAtMostOneRule(
      PolicyInputs inputs, List<PolicyPlan> enforced, String yaml) {
    Map<String, Integer> selections = new HashMap<>();
    for (PolicyPlan plan : enforced) {
      DataStore store =
          inputs.stores().stream()
              .filter(d -> ResourceRef.of(d).equals(plan.store()))
              .findFirst()
              .orElseThrow();
      String location = StoreLocation.of(store.getSpec()).key();
      RetentionPolicy policy =
          inputs.retentionPolicies().stream()
              .filter(r -> ResourceRef.of(r).equals(plan.policy()))
              .findFirst()
              .orElseThrow();
      for (RulePlan compiled : plan.rules()) {
        RetentionRule rule =
            policy.getSpec().rules.stream()
                .filter(r -> r.name.equals(compiled.name()))
                .findFirst()
                .orElseThrow();
        for (String sample : samplesSelectedBy(rule)) {
          selections.merge(location + " " + sample, 1, Integer::sum);
        }
      }
    }
    assertThat(selections)
        .as("data selected by two enforced rules\n" + yaml)
        .allSatisfy((sample, count) -> assertThat(count).as(sample).isEqualTo(1));
  }

  private static List<String> samplesSelectedBy(RetentionRule rule) {
    List<String> out = new ArrayList<>();
    if (rule.objects != null) {
      for (String prefix : PREFIXES) {
        String key = prefix + "f.jpg";
        for (Map<String, String> tags : SAMPLE_TAGS) {
          boolean tagsMatch =
              rule.objects.tags == null
                  || tags.entrySet().containsAll(rule.objects.tags.entrySet());
          if (key.startsWith(rule.objects.prefix) && tagsMatch) {
            out.add("object " + key + " " + tags);
          }
        }
      }
    }
    for (String index : SAMPLE_INDICES) {
      boolean selected =
          rule.indices != null
              && (rule.indices.pattern.endsWith("*")
                  ? index.startsWith(
                      rule.indices.pattern.substring(0, rule.indices.pattern.length() - 1))
                  : index.equals(rule.indices.pattern));
      selected |=
          rule.dataStream != null
              && (index.equals(rule.dataStream.name)
                  || index.startsWith(".ds-" + rule.dataStream.name + "-"));
      if (selected) {
        out.add("index " + index);
      }
    }
    if (rule.table != null) {
      out.add("table " + rule.table.name.toLowerCase());
    }
    return out;
  }

  /** Twins in another namespace name the same bucket, cluster and database with other spellings. */
  private static final String TWINS =
      String.join(
          "\n---\n",
          MEDIA_STORE
              .replace(
                  "metadata: {name: verification-media}",
                  "metadata: {name: verification-media, namespace: other}")
              .replace(
                  "https://cos.ap-singapore.myqcloud.com",
                  "http://COS.ap-singapore.myqcloud.com:80/"),
          SQL_STORE
              .replace(
                  "metadata: {name: service-db}", "metadata: {name: service-db, namespace: other}")
              .replace("host: mysql.internal", "host: MYSQL.internal.")
              .replace("database: ekyc", "database: EKYC"),
          SEARCH_STORE
              .replace(
                  "metadata: {name: operation-logs}",
                  "metadata: {name: operation-logs, namespace: other}")
              .replace("https://es.internal:9200", "http://ES.internal:9200/"),
          CONSENT.replace(
              "metadata: {name: model-training}",
              "metadata: {name: model-training, namespace: other}"));

  private static String randomResources(Random random) {
    List<String> docs =
        new ArrayList<>(List.of(MEDIA_STORE, SQL_STORE, SEARCH_STORE, CONSENT, TWINS));
    int policies = 1 + random.nextInt(4);
    for (int p = 0; p < policies; p++) {
      int kind = random.nextInt(3);
      StringBuilder rules = new StringBuilder();
      int ruleCount = 1 + random.nextInt(3);
      for (int r = 0; r < ruleCount; r++) {
        rules.append(
            switch (kind) {
              case 0 -> objectRule(random, r);
              case 1 -> tableRule(random, r);
              default -> indexRule(random, r);
            });
      }
      String store =
          switch (kind) {
            case 0 -> "verification-media";
            case 1 -> "service-db";
            default -> "operation-logs";
          };
      String schedule = pick(random, SCHEDULES);
      String hold =
          random.nextInt(4) == 0
              ? "  safety: {legalHold: {objectTagKey: hold, sqlColumn: held}}\n"
              : "";
      String namespace = random.nextInt(3) == 0 ? ", namespace: other" : "";
      docs.add(
          "apiVersion: ekyc.dev/v1alpha1\nkind: RetentionPolicy\nmetadata: {name: p"
              + p
              + namespace
              + "}\nspec:\n"
              + "  storeRef: {name: "
              + store
              + "}\n"
              + (schedule == null ? "" : "  schedule: \"" + schedule + "\"\n")
              + hold
              + "  rules:\n"
              + rules);
    }
    return String.join("\n---\n", docs);
  }

  private static String objectRule(Random random, int r) {
    int base = random.nextInt(DURATIONS.length - 1);
    String consent =
        random.nextBoolean()
            ? ""
            : "    withConsent: {consentPolicyRef: {name: model-training}, retention: "
                + DURATIONS[base + 1 + random.nextInt(DURATIONS.length - base - 1)]
                + "}\n";
    String tags =
        random.nextInt(3) == 0
            ? ", tags: {kind: " + pick(random, new String[] {"a", "b"}) + "}"
            : "";
    return "  - name: r"
        + r
        + "\n    dataCategory: biometric\n    objects: {prefix: "
        + pick(random, PREFIXES)
        + tags
        + "}\n"
        + "    retention: "
        + DURATIONS[base]
        + "\n"
        + consent;
  }

  private static String tableRule(Random random, int r) {
    int base = 1 + random.nextInt(DURATIONS.length - 1);
    String sensitive =
        random.nextBoolean()
            ? ""
            : "    sensitive: {consentPolicyRef: {name: model-training}, columns: [face], withoutConsent: {eraseAfter: "
                + DURATIONS[random.nextInt(base)]
                + "}}\n";
    return "  - name: r"
        + r
        + "\n    dataCategory: identification\n    table: {name: "
        + pick(random, TABLES)
        + ", timestampColumn: created_at, key: id}\n    retention: "
        + DURATIONS[base]
        + "\n"
        + sensitive;
  }

  private static String indexRule(Random random, int r) {
    if (random.nextInt(3) == 0) {
      return "  - name: r"
          + r
          + "\n    dataCategory: operation-log\n    dataStream: {name: "
          + pick(random, STREAMS)
          + "}\n    retention: "
          + pick(random, DURATIONS)
          + "\n";
    }
    return "  - name: r"
        + r
        + "\n    dataCategory: operation-log\n    indices: {pattern: \""
        + pick(random, PATTERNS)
        + "\", writeWindow: "
        + pick(random, new String[] {"1h", "1d", "7d"})
        + "}\n    retention: "
        + pick(random, DURATIONS)
        + "\n";
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
