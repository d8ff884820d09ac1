package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RetentionPolicy and ConsentPolicy controllers against the real API server: the plan lands in
 * status, and a change to the referenced DataStore or ConsentPolicy re-plans without touching the
 * policy.
 */
class PolicyStatusIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "policies");
    operator = InProcessOperator.start(client, namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    TestNamespace.delete(client, namespace);
  }

  private static String consentPolicy(String name) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: ConsentPolicy
        metadata: {name: %s}
        spec:
          purpose: model-training
          appliesTo: {dataCategories: [identification, biometric]}
          erasureAfterWithdrawal: 72h
          recordedAs:
            sqlColumns: {granted: consent_model_training, withdrawnAt: consent_withdrawn_at}
        """
        .formatted(name);
  }

  /**
   * Each test names its own table: policies whose stores reach the same table conflict (see below).
   */
  private static String tablePolicy(String name, String store, String consent, String retention) {
    return tablePolicy(name, store, consent, retention, "t_" + name.replace('-', '_'));
  }

  private static String tablePolicy(
      String name, String store, String consent, String retention, String table) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s}
        spec:
          storeRef: {name: %s}
          rules:
          - name: identification
            dataCategory: identification
            table: {name: %s, timestampColumn: created_at, key: id}
            retention: %s
            sensitive:
              consentPolicyRef: {name: %s}
              columns: [face_image_ref, id_number]
              withoutConsent: {eraseAfter: 2h}
        """
        .formatted(name, store, table, retention, consent);
  }

  private static <T extends HasMetadata> T apply(String yaml, Class<T> type) {
    T resource = Serialization.unmarshal(yaml, type);
    resource.getMetadata().setNamespace(namespace);
    return client.resource(resource).create();
  }

  private static DataStore readyMariadb(String name) {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                name,
                Map.of(
                    "username", Backends.require("EKYC_IT_MARIADB_USER"),
                    "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
        .create();
    return client
        .resource(
            StoreFixtures.mariadb(
                namespace, name, name, port, Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();
  }

  private static RetentionPolicy awaitPolicy(
      String name, String reason, Predicate<RetentionPolicy> also) {
    long started = System.nanoTime();
    RetentionPolicy p =
        Eventually.await(
            "RetentionPolicy " + name + " Ready reason " + reason,
            TIMEOUT,
            () ->
                client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get(),
            r ->
                r.getStatus() != null
                    && Conditions.find(r.getStatus().conditions, "Ready")
                        .map(c -> reason.equals(c.getReason()))
                        .orElse(false)
                    && also.test(r));
    System.out.printf(
        "[it] RetentionPolicy %s reached %s in %d ms%n",
        name, reason, (System.nanoTime() - started) / 1_000_000);
    return p;
  }

  private static String readyMessage(RetentionPolicy p) {
    return Conditions.find(p.getStatus().conditions, "Ready").orElseThrow().getMessage();
  }

  @Test
  void aPolicyOnAReadyStoreShowsItsPlanAndItsConsentPolicyShowsTheUse() {
    readyMariadb("plan-db");
    apply(consentPolicy("plan-consent"), ConsentPolicy.class);
    apply(tablePolicy("plan", "plan-db", "plan-consent", "30d"), RetentionPolicy.class);

    RetentionPolicy p = awaitPolicy("plan", "Planned", r -> true);
    assertThat(p.getStatus().observedGeneration).isEqualTo(1L);
    assertThat(p.getStatus().storeType).isEqualTo(StoreType.SQL);
    assertThat(p.getStatus().ruleCount).isEqualTo(1);
    assertThat(p.getStatus().worstCaseAge).as("worst-case age").isNotBlank().startsWith("30d");
    assertThat(p.getStatus().rules)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.name).isEqualTo("identification");
              assertThat(rule.target).contains("t_plan");
              assertThat(rule.mechanisms)
                  .isNotEmpty()
                  .allSatisfy(m -> assertThat(m).matches(".+ \\((primary|backstop)\\)"));
              assertThat(rule.schedule).isNotBlank();
              assertThat(rule.worstCaseAge).isNotBlank();
              assertThat(rule.message).isNotBlank();
            });

    ConsentPolicy consent =
        Eventually.await(
            "ConsentPolicy plan-consent used by plan",
            TIMEOUT,
            () ->
                client
                    .resources(ConsentPolicy.class)
                    .inNamespace(namespace)
                    .withName("plan-consent")
                    .get(),
            c -> c.getStatus() != null && c.getStatus().usedBy.contains("plan"));
    assertThat(Conditions.isTrue(consent.getStatus().conditions, "Ready")).isTrue();

    // A spec change is planned again, and observedGeneration follows.
    client
        .resources(RetentionPolicy.class)
        .inNamespace(namespace)
        .withName("plan")
        .edit(
            r -> {
              r.getSpec().rules.get(0).retention = "60d";
              return r;
            });
    RetentionPolicy edited =
        awaitPolicy("plan", "Planned", r -> r.getStatus().observedGeneration == 2L);
    assertThat(edited.getStatus().worstCaseAge).startsWith("60d");
  }

  @Test
  void aSecondPolicyOnTheSameTableRefusesBothAndDeletingItRestoresTheFirst() {
    readyMariadb("conflict-db-a");
    readyMariadb("conflict-db-b"); // another DataStore, same database: the same physical table
    apply(consentPolicy("conflict-consent"), ConsentPolicy.class);
    apply(
        tablePolicy("first", "conflict-db-a", "conflict-consent", "30d", "t_shared"),
        RetentionPolicy.class);
    awaitPolicy("first", "Planned", r -> true);

    apply(
        tablePolicy("second", "conflict-db-b", "conflict-consent", "60d", "t_shared"),
        RetentionPolicy.class);
    RetentionPolicy second = awaitPolicy("second", "InvalidPolicy", r -> true);
    assertThat(readyMessage(second)).contains("first", "t_shared");
    // Nothing about "first" changed, yet it must be re-planned and refused too.
    RetentionPolicy first = awaitPolicy("first", "InvalidPolicy", r -> true);
    assertThat(readyMessage(first)).contains("second");

    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("second").delete();
    awaitPolicy("first", "Planned", r -> true);
  }

  /**
   * Policies created and deleted in a burst: each creation and deletion must re-plan the others,
   * whatever order the operator's informers see them in (an earlier version judged siblings from
   * the wrong cache and left the older policy Planned now and then).
   */
  @Test
  void aBurstOfConflictingPoliciesIsRefusedAsAWholeAndTheLastOneStandingIsPlanned() {
    readyMariadb("burst-db");
    apply(consentPolicy("burst-consent"), ConsentPolicy.class);
    List<String> names = List.of("burst-1", "burst-2", "burst-3", "burst-4", "burst-5");
    for (String name : names) {
      apply(
          tablePolicy(
              name, "burst-db", "burst-consent", (30 + names.indexOf(name)) + "d", "t_burst"),
          RetentionPolicy.class);
    }
    for (String name : names) {
      assertThat(readyMessage(awaitPolicy(name, "InvalidPolicy", r -> true))).contains("t_burst");
    }

    for (String name : names.subList(1, names.size())) {
      client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).delete();
    }
    RetentionPolicy survivor = awaitPolicy("burst-1", "Planned", r -> true);
    assertThat(survivor.getStatus().worstCaseAge).startsWith("30d");
  }

  @Test
  void aMissingStoreIsStoreNotFoundUntilTheStoreAppearsAndIsReady() {
    apply(consentPolicy("later-store-consent"), ConsentPolicy.class);
    apply(
        tablePolicy("waits-for-store", "created-later", "later-store-consent", "30d"),
        RetentionPolicy.class);
    RetentionPolicy missing = awaitPolicy("waits-for-store", "StoreNotFound", r -> true);
    assertThat(readyMessage(missing)).contains("created-later");
    assertThat(Conditions.isTrue(missing.getStatus().conditions, "Stalled")).isTrue();

    readyMariadb("created-later");
    RetentionPolicy planned = awaitPolicy("waits-for-store", "Planned", r -> true);
    assertThat(planned.getStatus().rules).hasSize(1);
  }

  @Test
  void aMissingConsentPolicyIsConsentPolicyNotFoundUntilItIsCreated() {
    readyMariadb("consent-db");
    apply(
        tablePolicy("waits-for-consent", "consent-db", "consent-later", "30d"),
        RetentionPolicy.class);
    RetentionPolicy missing = awaitPolicy("waits-for-consent", "ConsentPolicyNotFound", r -> true);
    assertThat(readyMessage(missing)).contains("consent-later");

    apply(consentPolicy("consent-later"), ConsentPolicy.class);
    awaitPolicy("waits-for-consent", "Planned", r -> true);
  }

  @Test
  void aStoreThatIsNotReadyKeepsThePolicyWaitingWithThePlanAlreadyShown() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Backends.require("EKYC_IT_MARIADB_HOST");
    client
        .resource(
            StoreFixtures.secret(namespace, "down-db", Map.of("username", "u", "password", "p")))
        .create();
    client
        .resource(StoreFixtures.mariadb(namespace, "down-db", "down-db", closed, "ekyc"))
        .create();
    apply(consentPolicy("down-consent"), ConsentPolicy.class);
    apply(tablePolicy("on-down-store", "down-db", "down-consent", "30d"), RetentionPolicy.class);

    RetentionPolicy waiting = awaitPolicy("on-down-store", "StoreNotReady", r -> true);
    assertThat(readyMessage(waiting)).contains("down-db", "Unreachable");
    assertThat(Conditions.isTrue(waiting.getStatus().conditions, "Reconciling")).isTrue();
    assertThat(waiting.getStatus().rules).hasSize(1);
  }

  @Test
  void aPolicyTheCoreRejectsIsInvalidPolicyWithTheCoresMessage() {
    readyMariadb("invalid-db");
    apply(consentPolicy("invalid-consent"), ConsentPolicy.class);
    // Object-storage selector on a SQL store: valid for the schema, wrong for the store.
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: wrong-selector}
        spec:
          storeRef: {name: invalid-db}
          rules:
          - name: media
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
        """;
    apply(yaml, RetentionPolicy.class);
    RetentionPolicy invalid = awaitPolicy("wrong-selector", "InvalidPolicy", r -> true);
    assertThat(readyMessage(invalid)).contains("spec.rules[0]");
    assertThat(Conditions.isTrue(invalid.getStatus().conditions, "Stalled")).isTrue();
    List<String> reasons =
        client.v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> "wrong-selector".equals(e.getInvolvedObject().getName()))
            .map(io.fabric8.kubernetes.api.model.Event::getReason)
            .toList();
    assertThat(reasons).contains("InvalidPolicy");
  }
}
