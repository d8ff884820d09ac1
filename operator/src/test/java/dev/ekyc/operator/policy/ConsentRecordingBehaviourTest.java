package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a ConsentPolicy's recording settings reach the mechanisms that decide which rows and objects
 * are kept, and how a policy without its own schedule gets one frequent enough for the durations
 * its jobs serve.
 */
class ConsentRecordingBehaviourTest {
  private static final ResourceRef IDENT = new ResourceRef("RetentionPolicy", "ekyc", "ident");
  private static final ResourceRef MEDIA = new ResourceRef("RetentionPolicy", "ekyc", "media");

  private static String consent(
      String minimumAge, String parental, String withdrawal, String recordedAs) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: ConsentPolicy
        metadata: {name: model-training}
        spec:
          purpose: model-training
          requires: ExplicitConsent
          appliesTo: {dataCategories: [identification, biometric]}
        """
        + (minimumAge.isEmpty() ? "" : "  minimumAge: " + minimumAge + "\n")
        + (parental.isEmpty() ? "" : "  parentalConsentBelowMinimumAge: " + parental + "\n")
        + "  erasureAfterWithdrawal: "
        + withdrawal
        + "\n"
        + "  recordedAs:\n"
        + recordedAs.indent(4);
  }

  private static final String ALL_COLUMNS =
      """
      sqlColumns:
        granted: consent_model_training
        withdrawnAt: consent_withdrawn_at
        birthDate: date_of_birth
        jurisdiction: country
        parentalConsent: parental_consent
      """;

  private static String identPolicy(String retention, String schedule) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: ident}
        spec:
          storeRef: {name: service-db}
        """
        + (schedule.isEmpty() ? "" : "  schedule: '" + schedule + "'\n")
        + """
          rules:
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
        """
        + "    retention: "
        + retention
        + "\n"
        + """
            withConsent:
              consentPolicyRef: {name: model-training}
              retention: 400d
        """;
  }

  private static SqlConsent rowConsent(EnforcementPlan plan) {
    return rule(plan, "ident", "identification").mechanisms().stream()
        .filter(TablePurge.class::isInstance)
        .map(m -> ((TablePurge) m).consent())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyRecordedColumnReachesTheRowPredicate() {
    var plan =
        compile(
            join(
                SQL_STORE,
                consent("{default: 18, byJurisdiction: {TH: 20}}", "true", "72h", ALL_COLUMNS),
                identPolicy("30d", "")));

    SqlConsent c = rowConsent(plan);
    assertThat(c.grantedColumn()).isEqualTo("consent_model_training");
    assertThat(c.withdrawnAtColumn()).isEqualTo("consent_withdrawn_at");
    assertThat(c.birthDateColumn()).isEqualTo("date_of_birth");
    assertThat(c.jurisdictionColumn()).isEqualTo("country");
    assertThat(c.parentalConsentColumn()).isEqualTo("parental_consent");
    assertThat(c.minimumAge()).isEqualTo(new MinimumAgeRule(18, Map.of("TH", 20), true));
    assertThat(plan.problems()).noneMatch(Problem::isError);
  }

  @Test
  void parentalConsentWithoutItsColumnIsNotHonouredAndIsReported() {
    var columns = ALL_COLUMNS.replace("  parentalConsent: parental_consent\n", "");
    var plan =
        compile(
            join(
                SQL_STORE,
                consent("{default: 18}", "true", "72h", columns),
                identPolicy("30d", "")));

    SqlConsent c = rowConsent(plan);
    assertThat(c.parentalConsentColumn()).isNull();
    assertThat(c.minimumAge().parentalConsentAllowed()).isFalse();
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isFalse();
              assertThat(p.resource()).isEqualTo(IDENT);
              assertThat(p.message()).contains("records no parentalConsent column");
            });
  }

  @Test
  void aParentalConsentColumnIsIgnoredWhenTheConsentPolicyDoesNotAllowParentalConsent() {
    var plan =
        compile(
            join(
                SQL_STORE,
                consent("{default: 18}", "false", "72h", ALL_COLUMNS),
                identPolicy("30d", "")));

    assertThat(rowConsent(plan).parentalConsentColumn()).isNull();
    assertThat(rowConsent(plan).minimumAge().parentalConsentAllowed()).isFalse();
  }

  @Test
  void withoutAJurisdictionColumnTheHighestMinimumAgeAppliesToEveryone() {
    var columns = ALL_COLUMNS.replace("  jurisdiction: country\n", "");
    var higherElsewhere =
        compile(
            join(
                SQL_STORE,
                consent("{default: 18, byJurisdiction: {TH: 20, SG: 16}}", "true", "72h", columns),
                identPolicy("30d", "")));
    assertThat(rowConsent(higherElsewhere).minimumAge())
        .isEqualTo(new MinimumAgeRule(20, Map.of(), true));
    assertThat(higherElsewhere.problems())
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .contains("the highest minimum age (20) applies to every row"));

    var defaultHighest =
        compile(
            join(
                SQL_STORE,
                consent("{default: 21, byJurisdiction: {TH: 20}}", "true", "72h", columns),
                identPolicy("30d", "")));
    assertThat(rowConsent(defaultHighest).minimumAge().defaultAge()).isEqualTo(21);
  }

  @Test
  void withoutAnyAgeRuleNoBirthDateIsNeeded() {
    var columns = "sqlColumns: {granted: consent_model_training}\n";
    var plan = compile(join(SQL_STORE, consent("", "", "72h", columns), identPolicy("30d", "")));

    assertThat(rowConsent(plan).minimumAge()).isNull();
    assertThat(plan.problems()).noneMatch(Problem::isError);
  }

  @Test
  void aMinimumAgeWithoutABirthDateColumnRefusesTheRuleAndTellsTheConsentPolicy() {
    var columns = "sqlColumns: {granted: consent_model_training, jurisdiction: country}\n";
    var plan =
        compile(
            join(SQL_STORE, consent("{default: 18}", "", "72h", columns), identPolicy("30d", "")));

    assertThat(plan.policy(IDENT).orElseThrow().enforceable()).isFalse();
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.resource()).isEqualTo(IDENT);
              assertThat(p.field()).isEqualTo("spec.rules[0].withConsent.consentPolicyRef.name");
              assertThat(p.message()).contains("records no birth date");
            });
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.resource().kind()).isEqualTo("ConsentPolicy");
              assertThat(p.field()).isEqualTo("spec.recordedAs.sqlColumns.birthDate");
            });
  }

  @Test
  void aConsentPolicyWithoutAConsentColumnRefusesTableRules() {
    var plan =
        compile(
            join(
                SQL_STORE,
                consent("", "", "72h", "objectTag: {key: consent, value: granted}\n"),
                identPolicy("30d", "")));

    assertThat(plan.policy(IDENT).orElseThrow().enforceable()).isFalse();
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.resource()).isEqualTo(IDENT);
              assertThat(p.message()).contains("does not say which column records consent");
            });
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.resource().kind()).isEqualTo("ConsentPolicy");
              assertThat(p.field()).isEqualTo("spec.recordedAs.sqlColumns");
            });
  }

  private static String mediaPolicy() {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          rules:
          - name: faces
            dataCategory: biometric
            objects: {prefix: training/faces/}
            retention: 2h
            withConsent:
              consentPolicyRef: {name: model-training}
              retention: 30d
        """;
  }

  @Test
  void objectConsentCanBeAPrefixSegmentInsteadOfATag() {
    var plan =
        compile(
            join(MEDIA_STORE, consent("", "", "72h", "objectPrefix: consented/\n"), mediaPolicy()));

    ObjectConsent c =
        rule(plan, "media", "faces").mechanisms().stream()
            .filter(ObjectSweep.class::isInstance)
            .map(m -> ((ObjectSweep) m).consent())
            .findFirst()
            .orElseThrow();
    assertThat(c.prefixSegment()).isEqualTo("consented/");
    assertThat(c.tagKey()).isNull();
    assertThat(c.tagValue()).isNull();
  }

  @Test
  void aConsentPolicyThatRecordsNothingOnObjectsRefusesObjectRules() {
    var plan = compile(join(MEDIA_STORE, consent("", "", "72h", ALL_COLUMNS), mediaPolicy()));

    assertThat(plan.policy(MEDIA).orElseThrow().enforceable()).isFalse();
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.resource().kind()).isEqualTo("ConsentPolicy");
              assertThat(p.field()).isEqualTo("spec.recordedAs");
            });
  }

  @Test
  void aWithdrawalDeadlineUnderADayGivesTheJobsTheSubDaySchedule() {
    var quick =
        compile(join(SQL_STORE, consent("", "", "2h", ALL_COLUMNS), identPolicy("30d", "")));
    assertThat(quick.policy(IDENT).orElseThrow().schedule())
        .isEqualTo(ScheduleChooser.SUB_DAY_DEFAULT);

    var slow =
        compile(join(SQL_STORE, consent("", "", "72h", ALL_COLUMNS), identPolicy("30d", "")));
    assertThat(slow.policy(IDENT).orElseThrow().schedule()).matches("[0-9]{1,2} \\* \\* \\* \\*");
  }

  @Test
  void aRetentionOfExactlyOneDayRunsHourlyAndAnyShorterEveryFifteenMinutes() {
    var oneDay =
        compile(join(SQL_STORE, consent("", "", "72h", ALL_COLUMNS), identPolicy("1d", "")));
    assertThat(oneDay.policy(IDENT).orElseThrow().schedule()).matches("[0-9]{1,2} \\* \\* \\* \\*");

    var underADay =
        compile(join(SQL_STORE, consent("", "", "72h", ALL_COLUMNS), identPolicy("1439m", "")));
    assertThat(underADay.policy(IDENT).orElseThrow().schedule())
        .isEqualTo(ScheduleChooser.SUB_DAY_DEFAULT);
  }

  @Test
  void theHourlyMinuteIsStablePerPolicyAndSpreadsPoliciesOverTheHour() {
    java.util.Set<String> minutes = new java.util.HashSet<>();
    for (String name :
        new String[] {"ident", "billing", "audit-trail", "kyc-archive", "sessions"}) {
      String yaml =
          join(
              SQL_STORE,
              consent("", "", "72h", ALL_COLUMNS),
              identPolicy("30d", "").replace("name: ident}", "name: " + name + "}"));
      var ref = new ResourceRef("RetentionPolicy", "ekyc", name);
      String first = compile(yaml).policy(ref).orElseThrow().schedule();
      assertThat(compile(yaml).policy(ref).orElseThrow().schedule()).isEqualTo(first);
      assertThat(first).matches("([0-9]|[1-5][0-9]) \\* \\* \\* \\*");
      minutes.add(first);
    }
    assertThat(minutes).hasSizeGreaterThan(1);
  }

  @Test
  void aWithdrawalDeadlineEqualToTheLongestGapIsKept() {
    // Runs every 6 hours; withdrawal must be erased within 6h: a run lands exactly on the deadline,
    // which keeps it.
    var plan =
        compile(
            join(SQL_STORE, consent("", "", "6h", ALL_COLUMNS), identPolicy("30d", "0 */6 * * *")));

    assertThat(plan.problems()).noneMatch(Problem::isError);
    var tooSlow =
        compile(
            join(
                SQL_STORE,
                consent("", "", "359m", ALL_COLUMNS),
                identPolicy("30d", "0 */6 * * *")));
    assertThat(tooSlow.problems()).anyMatch(p -> p.isError() && "spec.schedule".equals(p.field()));
  }
}
