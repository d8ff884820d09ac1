package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Inputs the CRD schema cannot reject, because they span resources: the core reports them
 * precisely.
 */
class PolicyProblemsTest {

  private static String mediaPolicy(String rules) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          rules:
        """
        + rules.indent(2);
  }

  private static final String IDENTIFICATION_POLICY =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: ident}
      spec:
        storeRef: {name: service-db}
        rules:
        - name: identification
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 30d
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref]
            withoutConsent: {eraseAfter: 2h}
      """;

  /** The one error reported on a resource of this kind. */
  private static Problem errorOn(EnforcementPlan plan, String kind) {
    assertThat(plan.problems())
        .filteredOn(p -> p.isError() && p.resource().kind().equals(kind))
        .hasSize(1);
    return plan.problems().stream()
        .filter(p -> p.isError() && p.resource().kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static Problem onlyError(EnforcementPlan plan) {
    assertThat(plan.problems()).filteredOn(Problem::isError).hasSize(1);
    return plan.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
  }

  @Test
  void missingStoreIsNamedWithTheField() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                """
        - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.storeRef.name");
    assertThat(p.message()).contains("DataStore ekyc/verification-media does not exist");
    assertThat(p.fix()).isNotBlank();
  }

  @Test
  void selectorThatDoesNotFitTheStoreIsRefused() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                mediaPolicy(
                    """
        - {name: a, dataCategory: monitoring, table: {name: t, timestampColumn: ts, key: id}, retention: 30d}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].table");
    assertThat(p.message()).contains("does not fit").contains("ObjectStorage");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "media"))
                .orElseThrow()
                .enforceable())
        .isFalse();
  }

  @Test
  void missingConsentPolicyIsAnErrorNotASilentShortRetention() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                mediaPolicy(
                    """
        - name: a
          dataCategory: biometric
          objects: {prefix: a/}
          retention: 2h
          withConsent: {consentPolicyRef: {name: nope}, retention: 30d}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].withConsent.consentPolicyRef.name");
    assertThat(p.message()).contains("ConsentPolicy ekyc/nope does not exist");
  }

  @Test
  void consentPolicyMustCoverTheRulesDataCategory() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                CONSENT,
                mediaPolicy(
                    """
        - name: a
          dataCategory: monitoring
          objects: {prefix: a/}
          retention: 2h
          withConsent: {consentPolicyRef: {name: model-training}, retention: 30d}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.message()).contains("does not cover data category 'monitoring'");
    assertThat(p.fix()).contains("appliesTo.dataCategories");
  }

  @Test
  void consentPolicyWithoutObjectMarkerCannotGovernObjects() {
    String consent = CONSENT.replaceAll("(?m)^ *objectTag: .*\n", "");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                consent,
                mediaPolicy(
                    """
        - name: a
          dataCategory: biometric
          objects: {prefix: a/}
          retention: 2h
          withConsent: {consentPolicyRef: {name: model-training}, retention: 30d}
        """)));
    assertThat(errorOn(plan, "RetentionPolicy").message())
        .contains("does not say how consent is recorded on objects");
    assertThat(errorOn(plan, "ConsentPolicy").field()).isEqualTo("spec.recordedAs");
  }

  @Test
  void minimumAgeWithoutBirthDateColumnIsRefused() {
    String consent = CONSENT.replaceAll("(?m)^ *birthDate: .*\n", "");
    EnforcementPlan plan = compile(join(SQL_STORE, consent, IDENTIFICATION_POLICY));
    assertThat(errorOn(plan, "ConsentPolicy").field())
        .isEqualTo("spec.recordedAs.sqlColumns.birthDate");
    Problem p = errorOn(plan, "RetentionPolicy");
    assertThat(p.message()).contains("minimum age").contains("birth date");
    assertThat(p.fix()).contains("sqlColumns.birthDate");
  }

  @Test
  void withoutJurisdictionColumnTheStrictestAgeAppliesToEveryone() {
    String consent = CONSENT.replaceAll("(?m)^ *jurisdiction: country\n", "");
    EnforcementPlan plan = compile(join(SQL_STORE, consent, IDENTIFICATION_POLICY));
    assertThat(plan.problems()).filteredOn(Problem::isError).isEmpty();
    assertThat(plan.problems()).anyMatch(p -> p.message().contains("highest minimum age (20)"));
    ColumnErasure erasure =
        (ColumnErasure) rule(plan, "ident", "identification").mechanisms().get(0);
    assertThat(erasure.consent().minimumAge().ageFor("SG")).isEqualTo(20);
  }

  @Test
  void scheduleSlowerThanTheWithdrawalDeadlineIsRefused() {
    String consent = CONSENT.replace("erasureAfterWithdrawal: 72h", "erasureAfterWithdrawal: 30m");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                consent,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          schedule: "0 * * * *"
          rules:
          - name: faces
            dataCategory: biometric
            objects: {prefix: faces/}
            retention: 2h
            withConsent: {consentPolicyRef: {name: model-training}, retention: 30d}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.schedule");
    assertThat(p.message()).contains("1h apart").contains("30m erasure deadline");
  }

  @Test
  void invalidScheduleIsNamed() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          schedule: "61 * * * *"
          rules:
          - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.schedule");
    assertThat(p.message()).contains("minute value 61");
  }

  @Test
  void objectTagLegalHoldDropsTheLifecycleBackstop() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          safety: {legalHold: {objectTagKey: legal-hold}}
          rules:
          - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h}
        """));
    RulePlan rule = rule(plan, "media", "a");
    assertThat(rule.mechanisms()).extracting(Mechanism::kind).containsExactly("Sweeper");
    assertThat(((ObjectSweep) rule.mechanisms().get(0)).legalHoldTagKey()).isEqualTo("legal-hold");
    assertThat(rule.explanation()).contains("No lifecycle backstop");
  }

  @Test
  void storeWithoutPolicyIsAWarning() {
    EnforcementPlan plan = compile(MEDIA_STORE);
    assertThat(plan.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.isError()).isFalse();
              assertThat(p.message()).contains("nothing in it is deleted");
            });
  }

  @Test
  void openSearchGetsIsmAndDataStreamsOnOpenSearchUseBackingIndices() {
    EnforcementPlan plan =
        compile(
            join(
                OPENSEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs-os}
          rules:
          - {name: oplog, dataCategory: operation-log, indices: {pattern: "oplog-*", writeWindow: 7d}, retention: 730d}
          - {name: audit, dataCategory: operation-log, dataStream: {name: audit}, retention: 30d}
        """));
    IndexLifecycle ism = (IndexLifecycle) rule(plan, "logs", "oplog").mechanisms().get(0);
    assertThat(ism.kind()).isEqualTo("ISM");
    assertThat(DurationText.format(ism.deleteAfter())).isEqualTo("737d");
    assertThat(DurationText.format(rule(plan, "logs", "oplog").worstCaseAge())).isEqualTo("737d5m");
    IndexLifecycle ds = (IndexLifecycle) rule(plan, "logs", "audit").mechanisms().get(0);
    assertThat(ds.indexPattern()).isEqualTo(".ds-audit-*");
    assertThat(ds.dataStream()).isTrue();
    // ISM rolls the stream over (one poll late at most) and deletes from the rollover (one more
    // poll).
    assertThat(DurationText.format(rule(plan, "logs", "audit").worstCaseAge())).isEqualTo("31d10m");
    assertThat(ds.summary())
        .contains(
            "roll the data stream over after 1d, delete backing indices 30d after their"
                + " rollover");
  }

  @Test
  void elasticsearchDataStreamUsesDataStreamLifecycle() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - {name: oplog, dataCategory: operation-log, dataStream: {name: oplog}, retention: 730d}
        """));
    DataStreamRetention dsl = (DataStreamRetention) rule(plan, "logs", "oplog").mechanisms().get(0);
    assertThat(dsl.dataRetention()).hasDays(730);
    assertThat(DurationText.format(rule(plan, "logs", "oplog").worstCaseAge())).isEqualTo("731d5m");
  }

  @Test
  void aRuleWithTwoSelectorsIsRefused() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                mediaPolicy(
                    """
        - {name: a, dataCategory: biometric, objects: {prefix: a/}, table: {name: t, timestampColumn: ts, key: id}, retention: 2h}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0]");
    assertThat(p.message()).contains("exactly one selector");
    assertThat(p.fix()).contains("DataStore verification-media (ObjectStorage)");
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "media")).orElseThrow();
    assertThat(policy.enforceable()).isFalse();
    // Not even reported as if it were an objects rule: which selector was meant is not known.
    assertThat(policy.rules()).isEmpty();
  }

  @Test
  void aMissingRetentionIsNamed() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                mediaPolicy(
                    """
        - {name: a, dataCategory: biometric, objects: {prefix: a/}}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].retention");
    assertThat(p.message()).isEqualTo("missing duration");
    assertThat(p.fix()).contains("2h");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "media"))
                .orElseThrow()
                .enforceable())
        .isFalse();
  }

  @Test
  void aDurationInAnotherUnitIsNamedWithWhatIsAllowed() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                mediaPolicy(
                    """
        - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2w}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].retention");
    assertThat(p.message()).contains("'2w' is not a duration").contains("m, h or d");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "media"))
                .orElseThrow()
                .enforceable())
        .isFalse();
  }

  @Test
  void aConsentReferenceWithoutANameIsNamed() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                CONSENT,
                mediaPolicy(
                    """
        - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h, withConsent: {consentPolicyRef: {}, retention: 30d}}
        """)));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].withConsent.consentPolicyRef");
    assertThat(p.message()).isEqualTo("no consent policy named");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "media"))
                .orElseThrow()
                .enforceable())
        .isFalse();
  }

  @Test
  void aConsentPolicyWithoutWithdrawalDeadlineMakesNoWithdrawalPromise() {
    EnforcementPlan plan =
        compile(
            join(
                SQL_STORE,
                CONSENT.replace("  erasureAfterWithdrawal: 72h\n", ""),
                IDENTIFICATION_POLICY));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(rule(plan, "ident", "identification").promises().erasureAfterWithdrawal()).isNull();
  }

  @Test
  void aPatternNamingOneIndexIsRefusedWithAPatternToUse() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - {name: oplog, dataCategory: operation-log, indices: {pattern: oplog}, retention: 30d}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].indices.pattern");
    assertThat(p.message()).contains("'oplog' names one index");
    assertThat(p.fix()).contains("'oplog-*'");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "logs"))
                .orElseThrow()
                .enforceable())
        .isFalse();
  }

  @Test
  void theDeletionCapComesFromSafetyOrTheDefault() {
    String capped =
        IDENTIFICATION_POLICY.replace(
            "  storeRef: {name: service-db}\n",
            "  storeRef: {name: service-db}\n  safety: {maxDeletionsPerRun: 500}\n");
    EnforcementPlan plan = compile(join(SQL_STORE, CONSENT, capped));
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "ident")).orElseThrow();
    assertThat(policy.maxDeletionsPerRun()).isEqualTo(500);
    assertThat(rule(plan, "ident", "identification").mechanisms())
        .filteredOn(m -> m instanceof TablePurge)
        .singleElement()
        .satisfies(m -> assertThat(((TablePurge) m).maxDeletionsPerRun()).isEqualTo(500));

    EnforcementPlan uncapped = compile(join(SQL_STORE, CONSENT, IDENTIFICATION_POLICY));
    assertThat(
            uncapped
                .policy(new ResourceRef("RetentionPolicy", "ekyc", "ident"))
                .orElseThrow()
                .maxDeletionsPerRun())
        .isEqualTo(PolicyCompiler.DEFAULT_MAX_DELETIONS_PER_RUN);
  }

  @Test
  void thePlanListsStoresInNamespaceOrderWhateverTheInputOrder() {
    String inB =
        SQL_STORE.replace(
            "metadata: {name: service-db}", "metadata: {name: service-db, namespace: b}");
    String inA =
        SQL_STORE.replace(
            "metadata: {name: service-db}", "metadata: {name: service-db, namespace: a}");
    assertThat(compile(join(inB, inA)).stores())
        .extracting(s -> s.store().namespace())
        .containsExactly("a", "b");
    assertThat(compile(join(inA, inB)).stores())
        .extracting(s -> s.store().namespace())
        .containsExactly("a", "b");
  }
}
