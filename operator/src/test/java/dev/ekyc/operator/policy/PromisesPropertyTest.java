package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random rules, schedules and mechanisms (sweeper, purge, column erasure, ILM, ISM, data stream
 * lifecycle) with random promises. An accepted policy's worst cases never exceed its promises; a
 * refused one names fixes, and each fix, applied alone, makes that promise hold; applying fixes one
 * after another ends in an accepted policy.
 */
class PromisesPropertyTest {
  private static final String[] DURATIONS = {"15m", "1h", "105m", "2h", "23h", "1d", "30d", "730d"};
  private static final Duration[] SLACK = {
    Duration.ofMinutes(1),
    Duration.ofMinutes(4),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofDays(1),
    Duration.ofDays(2)
  };
  private static final String[] SCHEDULES = {
    null,
    null,
    "*/5 * * * *",
    "*/15 * * * *",
    "17 * * * *",
    "0 */6 * * *",
    "0 0 * * *",
    "0 9 * * 1-5"
  };
  private static final Pattern ALTERNATIVE =
      Pattern.compile(
          "^(\\S+?)( of ConsentPolicy \\S+)? at (most|least) (\\S+)|^schedule '([^']+)'");

  private int accepted;
  private int acceptedWithPromise;
  private int refused;
  private int fixesApplied;

  @Test
  void acceptedPromisesHoldAndEveryFixOfARefusalWorks() {
    Random random = new Random(20261201L);
    for (int iteration = 0; iteration < PropertyRuns.scaled(400); iteration++) {
      String yaml = randomResources(random);
      checkAcceptedOrFixable(yaml);
    }
    System.out.printf(
        "[property] %d policies accepted (%d with promises), %d refused, %d fixes applied%n",
        accepted, acceptedWithPromise, refused, fixesApplied);
    assertThat(accepted).as("policies accepted").isGreaterThan(PropertyRuns.scaled(80));
    assertThat(acceptedWithPromise)
        .as("policies accepted with promises")
        .isGreaterThan(PropertyRuns.scaled(50));
    assertThat(refused)
        .as("policies refused for a promise")
        .isGreaterThan(PropertyRuns.scaled(100));
    assertThat(fixesApplied).as("fixes applied").isGreaterThan(PropertyRuns.scaled(300));
  }

  private void checkAcceptedOrFixable(String yaml) {
    PolicyInputs inputs = inputs(yaml);
    EnforcementPlan plan = new PolicyCompiler().compile(inputs);
    PolicyPlan policy = onlyPolicy(plan);
    if (policy.enforceable()) {
      accepted++;
      if (policy.rules().stream().anyMatch(r -> !r.promises().equals(Promises.NONE))) {
        acceptedWithPromise++;
      }
      checkPromisesHold(policy, yaml);
      return;
    }
    refused++;
    List<Problem> errors = errors(plan);
    assertThat(errors)
        .as("only promises may refuse these policies\n" + yaml)
        .allSatisfy(p -> assertThat(p.field()).matches(".*deleteWithin|spec\\.schedule"));
    for (Problem error : errors) {
      List<String> alternatives = alternatives(error.fix());
      assertThat(alternatives).as(error.describe()).isNotEmpty();
      for (String alternative : alternatives) {
        PolicyInputs fixed = inputs(yaml);
        apply(fixed, error, alternative);
        fixesApplied++;
        EnforcementPlan after = new PolicyCompiler().compile(fixed);
        assertThat(errors(after))
            .as("after '" + alternative + "' for " + error.describe() + "\n" + yaml)
            .noneMatch(p -> p.field().equals(error.field()));
      }
    }
    // Applying the first fix of the first error, again and again, ends in an accepted policy.
    PolicyInputs fixed = inputs(yaml);
    for (int round = 0; round < 10; round++) {
      EnforcementPlan now = new PolicyCompiler().compile(fixed);
      if (errors(now).isEmpty()) {
        checkPromisesHold(onlyPolicy(now), yaml);
        return;
      }
      Problem first = errors(now).get(0);
      apply(fixed, first, alternatives(first.fix()).get(0));
    }
    throw new AssertionError("fixes did not converge\n" + yaml);
  }

  private static void checkPromisesHold(PolicyPlan policy, String yaml) {
    assertThat(policy.enforceable()).isTrue();
    for (RulePlan rule : policy.rules()) {
      Promises p = rule.promises();
      atMost(rule.worstCaseAge(), p.deleteWithin(), yaml);
      atMost(rule.worstCaseAgeWithConsent(), p.deleteWithinWithConsent(), yaml);
      atMost(rule.sensitiveWorstCaseAge(), p.sensitiveDeleteWithin(), yaml);
      atMost(p.withdrawalWorstCaseAge(), p.erasureAfterWithdrawal(), yaml);
      assertThat(rule.overdueAfter())
          .isEqualTo(p.deleteWithin() != null ? p.deleteWithin() : rule.worstCaseAge());
    }
    if (policy.promise() != null) {
      assertThat(policy.worstCaseAge()).as(yaml).isLessThanOrEqualTo(policy.promise());
    }
  }

  private static void atMost(Duration worst, Duration promise, String yaml) {
    if (promise != null) {
      assertThat(worst)
          .as("worst case against promise\n" + yaml)
          .isNotNull()
          .isLessThanOrEqualTo(promise);
    }
  }

  /**
   * "set A at most 105m (1h45m), or B at least 2h, or schedule '*&#47;5 * * * *'" into its
   * alternatives.
   */
  private static List<String> alternatives(String fix) {
    String list = fix.substring(fix.indexOf("set ") + 4);
    return List.of(list.split(", or "));
  }

  private static void apply(PolicyInputs inputs, Problem error, String alternative) {
    Matcher m = ALTERNATIVE.matcher(alternative);
    assertThat(m.find())
        .as("fix alternative '" + alternative + "' has the form field at most/least value")
        .isTrue();
    RetentionPolicy policy = inputs.retentionPolicies().get(0);
    if (m.group(5) != null) {
      policy.getSpec().schedule = m.group(5);
      return;
    }
    String value = m.group(4);
    assertThat(DurationText.isValid(value)).as(alternative).isTrue();
    if (m.group(2) != null) {
      ConsentPolicy consent = inputs.consentPolicies().get(0);
      consent.getSpec().erasureAfterWithdrawal = value;
      return;
    }
    Matcher index = Pattern.compile("spec\\.rules\\[(\\d+)]").matcher(error.field());
    assertThat(index.find()).as(error.field()).isTrue();
    RetentionRule rule = policy.getSpec().rules.get(Integer.parseInt(index.group(1)));
    switch (m.group(1)) {
      case "retention" -> rule.retention = value;
      case "deleteWithin" -> rule.deleteWithin = value;
      case "withConsent.retention" -> rule.withConsent.retention = value;
      case "withConsent.deleteWithin" -> rule.withConsent.deleteWithin = value;
      case "sensitive.withoutConsent.eraseAfter" ->
          rule.sensitive.withoutConsent.eraseAfter = value;
      case "sensitive.withoutConsent.deleteWithin" ->
          rule.sensitive.withoutConsent.deleteWithin = value;
      case "indices.writeWindow" -> rule.indices.writeWindow = value;
      case "dataStream.writeWindow" -> rule.dataStream.writeWindow = value;
      default -> throw new AssertionError("a fix names an unknown field: " + alternative);
    }
  }

  private static PolicyPlan onlyPolicy(EnforcementPlan plan) {
    List<PolicyPlan> policies = plan.stores().stream().flatMap(s -> s.policies().stream()).toList();
    assertThat(policies).as(plan.problems().toString()).hasSize(1);
    return policies.get(0);
  }

  private static List<Problem> errors(EnforcementPlan plan) {
    return plan.problems().stream().filter(Problem::isError).toList();
  }

  /** One policy on one store; rules select disjoint data, so only promises can refuse it. */
  private static String randomResources(Random random) {
    int kind = random.nextInt(4);
    StringBuilder rules = new StringBuilder();
    int ruleCount = 1 + random.nextInt(3);
    for (int r = 0; r < ruleCount; r++) {
      rules.append(
          switch (kind) {
            case 0 -> objectRule(random, r);
            case 1 -> tableRule(random, r);
            default -> searchRule(random, r, kind == 3);
          });
    }
    String store =
        switch (kind) {
          case 0 -> "verification-media";
          case 1 -> "service-db";
          case 2 -> "operation-logs";
          default -> "operation-logs-os";
        };
    String schedule = SCHEDULES[random.nextInt(SCHEDULES.length)];
    String consent =
        CONSENT.replace(
            "erasureAfterWithdrawal: 72h",
            "erasureAfterWithdrawal: " + pick(random, new String[] {"72h", "1h", "10m"}));
    return join(
        MEDIA_STORE,
        SQL_STORE,
        SEARCH_STORE,
        OPENSEARCH_STORE,
        consent,
        "apiVersion: ekyc.dev/v1alpha1\nkind: RetentionPolicy\nmetadata: {name: p}\nspec:\n"
            + "  storeRef: {name: "
            + store
            + "}\n"
            + (schedule == null ? "" : "  schedule: \"" + schedule + "\"\n")
            + "  rules:\n"
            + rules);
  }

  private static String objectRule(Random random, int r) {
    int base = random.nextInt(DURATIONS.length - 1);
    String retention = DURATIONS[base];
    String consent = "";
    if (random.nextBoolean()) {
      String consented = DURATIONS[base + 1 + random.nextInt(DURATIONS.length - base - 1)];
      consent =
          "    withConsent: {consentPolicyRef: {name: model-training}, retention: "
              + consented
              + promiseField(random, consented)
              + "}\n";
    }
    return "  - name: r"
        + r
        + "\n    dataCategory: biometric\n    objects: {prefix: p"
        + r
        + "/}\n"
        + "    retention: "
        + retention
        + "\n"
        + promiseLine(random, retention)
        + consent;
  }

  private static String tableRule(Random random, int r) {
    int base = 1 + random.nextInt(DURATIONS.length - 1);
    String retention = DURATIONS[base];
    String sensitive = "";
    if (random.nextBoolean()) {
      String eraseAfter = DURATIONS[random.nextInt(base)];
      sensitive =
          "    sensitive: {consentPolicyRef: {name: model-training}, columns: [face], withoutConsent: {"
              + "eraseAfter: "
              + eraseAfter
              + promiseField(random, eraseAfter)
              + "}}\n";
    }
    return "  - name: r"
        + r
        + "\n    dataCategory: identification\n    table: {name: t"
        + r
        + ", timestampColumn: created_at, key: id}\n    retention: "
        + retention
        + "\n"
        + promiseLine(random, retention)
        + sensitive;
  }

  private static String searchRule(Random random, int r, boolean openSearch) {
    String retention = pick(random, DURATIONS);
    String window = pick(random, new String[] {"1h", "1d", "7d"});
    String selector =
        !openSearch && random.nextInt(3) == 0
            ? "    dataStream: {name: s" + r + ", writeWindow: " + window + "}\n"
            : "    indices: {pattern: \"log" + r + "-*\", writeWindow: " + window + "}\n";
    return "  - name: r"
        + r
        + "\n    dataCategory: operation-log\n"
        + selector
        + "    retention: "
        + retention
        + "\n"
        + promiseLine(random, retention);
  }

  private static String promiseLine(Random random, String duration) {
    String promise = promise(random, duration);
    return promise == null ? "" : "    deleteWithin: " + promise + "\n";
  }

  private static String promiseField(Random random, String duration) {
    String promise = promise(random, duration);
    return promise == null ? "" : ", deleteWithin: " + promise;
  }

  /**
   * Absent in a quarter of the cases; else the duration plus a random slack, in the API's syntax.
   */
  private static String promise(Random random, String duration) {
    if (random.nextInt(4) == 0) {
      return null;
    }
    Duration slack = SLACK[random.nextInt(SLACK.length)];
    return DurationText.apiText(DurationText.parse(duration).plus(slack));
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
