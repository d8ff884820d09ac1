package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The running operator applies a search policy's ISM policy (with its ism_template) to the real
 * OpenSearch 2.19 with the index-management plugin, adds the existing indices and leaves the
 * legal-hold one alone, repairs out-of-band edits (policy changed, index removed from ISM, policy
 * deleted) within the drift interval plus 5 s, only reports them in Audit mode, and on deletion
 * removes its policy from the indices, then deletes it. Foreign policies and indices are compared
 * with what the cluster returned before the operator ran.
 */
class IsmEnforcementIT {
  private static final String ISM = "/_plugins/_ism";
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);
  private static final Duration REPAIR_BOUND = DRIFT_INTERVAL.plusSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * ISM's explain reads its config index, refreshed once a second: a remove shows there within
   * about a second.
   */
  private static final Duration EXPLAIN_LAG = Duration.ofSeconds(10);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static SearchHttp os;
  private static URI osUrl;
  private static String run;
  private static String id;

  @BeforeAll
  static void start() {
    osUrl = Backends.requireReachableUrl("EKYC_IT_OS_URL");
    os = new SearchHttp(osUrl.toString());
    // A server without the plugin is a broken test environment, not a reason to skip (testenv
    // installs it).
    assertThat(os.send("GET", "/_cat/plugins?h=component", null).body())
        .as(
            "OpenSearch at %s must run the ISM plugin: testenv/provision.sh opensearch, then restart it",
            osUrl)
        .contains("opensearch-index-management");
    run =
        ("it-ismenf-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "enforce-ism");
    id = "ekyc-operator-" + namespace + "_logs_logs_oplog";
    operator =
        InProcessOperator.start(
            client,
            new ReconcileSettings(
                false,
                InProcessOperator.FAST_RETRY,
                Clock.systemUTC(),
                DRIFT_INTERVAL,
                CLEANUP_TIMEOUT),
            new SimpleMeterRegistry(),
            namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (os != null) {
      // Deleting an index also removes its ISM job.
      os.send("DELETE", "/" + run + "-*", null);
      os.send("DELETE", ISM + "/policies/" + run + "-foreign", null);
      if (id != null) os.send("DELETE", ISM + "/policies/" + id, null);
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  private static String policyYaml(String mode) {
    return policyYaml("logs", mode);
  }

  /** Policy {@code name} on store {@code name} for the indices {@code <run>-<name>-*}. */
  private static String policyYaml(String name, String mode) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: %s
          namespace: %s
        spec:
          storeRef:
            name: %s
          mode: %s
          safety:
            legalHold:
              indexAlias: %s-hold
          rules:
          - name: oplog
            dataCategory: operation-log
            purpose: analysing faults
            legalBasis: Contract
            indices:
              pattern: "%s-%s-*"
              writeWindow: 1d
            retention: 730d
        """
        .formatted(name, namespace, name, mode, run, run, name);
  }

  private static RetentionPolicy get() {
    return get("logs");
  }

  private static RetentionPolicy get(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private static Stream<AppliedMechanism> applied(RetentionPolicy p) {
    return p == null || p.getStatus() == null
        ? Stream.empty()
        : p.getStatus().rules.stream()
            .flatMap(r -> r.applied == null ? Stream.empty() : r.applied.stream());
  }

  private static Optional<Condition> condition(RetentionPolicy p, String type) {
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().conditions, type);
  }

  @Test
  void appliesRepairsReportsInAuditAndRemovesOnlyWhatItOwns() {
    String first = run + "-logs-2026.01.01";
    String second = run + "-logs-2026.01.02";
    String held = run + "-logs-held";
    String foreignRun = run + "-logs-foreign";
    String unrelated = run + "-other-2026.01.01";
    os.createIndex(first, null);
    os.createIndex(second, null);
    os.createIndex(held, run + "-hold");
    os.createIndex(foreignRun, null);
    os.createIndex(unrelated, null);
    // Someone else's policy with a broader, lower-priority ism_template, running one of the
    // matching indices.
    os.put(
        ISM + "/policies/" + run + "-foreign",
        "{'policy':{'description':'not ours','default_state':'keep',"
            + "'states':[{'name':'keep','actions':[],'transitions':[]}],"
            + "'ism_template':[{'index_patterns':['"
            + run
            + "-log*'],'priority':1}]}}");
    os.post(ISM + "/add/" + foreignRun, "{'policy_id':'" + run + "-foreign'}");
    Eventually.await(
        foreignRun + " runs the foreign policy",
        TIMEOUT,
        () -> String.valueOf(ismPolicyOf(foreignRun)),
        (run + "-foreign")::equals);
    JsonNode foreignPolicy = os.get(ISM + "/policies/" + run + "-foreign").path("policy");

    client
        .resource(
            StoreFixtures.search(
                namespace, "logs", SearchEngine.OpenSearch, osUrl.toString(), null))
        .create();
    load(policyYaml("Enforce"));

    RetentionPolicy compliant = awaitCompliant();
    AppliedMechanism ism = applied(compliant).findFirst().orElseThrow();
    assertThat(ism.mechanism).isEqualTo("ISM");
    assertThat(ism.ownedName).isEqualTo(id);
    assertThat(ism.warnings)
        .anySatisfy(w -> assertThat(w).contains(foreignRun, run + "-foreign", "left alone"));
    assertThat(minIndexAge()).isEqualTo("731d");
    JsonNode template = os.get(ISM + "/policies/" + id).path("policy").path("ism_template").get(0);
    assertThat(template.path("index_patterns").get(0).asText()).isEqualTo(run + "-logs-*");
    assertThat(ismPolicyOf(first)).isEqualTo(id);
    assertThat(ismPolicyOf(second)).isEqualTo(id);
    assertThat(ismPolicyOf(held)).as("legal hold").isNull();
    assertThat(ismPolicyOf(foreignRun)).isEqualTo(run + "-foreign");
    assertThat(ismPolicyOf(unrelated)).isNull();

    // Out-of-band edits, each repaired within the bound. A watch records every Drifted status the
    // policy passes.
    List<String> driftedSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var watch =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(namespace)
            .withName("logs")
            .watch(
                new io.fabric8.kubernetes.client.Watcher<RetentionPolicy>() {
                  @Override
                  public void eventReceived(Action action, RetentionPolicy p) {
                    condition(p, Conditions.DRIFTED)
                        .ifPresent(c -> driftedSeen.add(c.getStatus() + "/" + c.getReason()));
                  }

                  @Override
                  public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                });
    overwriteMinIndexAge("1d");
    awaitRepaired("min_index_age changed", () -> minIndexAge().equals("731d"));
    os.post(ISM + "/remove/" + second, null);
    awaitRepaired("index removed from ISM", () -> id.equals(ismPolicyOf(second)));
    os.send("DELETE", ISM + "/policies/" + id, null);
    awaitRepaired("policy deleted", () -> os.status(ISM + "/policies/" + id) == 200);
    assertThat(minIndexAge()).isEqualTo("731d");
    assertThat(ismPolicyOf(held)).isNull();
    watch.close();
    assertThat(driftedSeen)
        .as("Drifted flipped to True before each repair, then False/Corrected")
        .contains("True/Drift", "False/Corrected");

    // Audit: reported, not repaired.
    edit(EnforcementMode.Audit);
    Eventually.await(
        "checked in Audit at the new generation",
        TIMEOUT,
        IsmEnforcementIT::get,
        p ->
            p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).allMatch(a -> "InSync".equals(a.state)));
    overwriteMinIndexAge("2d");
    RetentionPolicy drifted =
        Eventually.await(
            "Drifted=True in Audit",
            REPAIR_BOUND,
            IsmEnforcementIT::get,
            p ->
                condition(p, Conditions.DRIFTED)
                    .filter(c -> "True".equals(c.getStatus()))
                    .isPresent());
    assertThat(condition(drifted, Conditions.DRIFTED).orElseThrow().getMessage())
        .contains(id, "differs");
    assertThat(minIndexAge()).as("Audit writes nothing").isEqualTo("2d");

    edit(EnforcementMode.Enforce);
    awaitRepaired("back in Enforce", () -> minIndexAge().equals("731d"));
    awaitCompliant();

    // Deletion: our policy gone and off our indices, everything foreign as it was.
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("logs").delete();
    Eventually.await(
        "policy logs gone", TIMEOUT, () -> Optional.ofNullable(get()), Optional::isEmpty);
    assertThat(os.status(ISM + "/policies/" + id)).isEqualTo(404);
    for (String index : List.of(first, second)) {
      Eventually.await(
          index + " no longer runs " + id,
          EXPLAIN_LAG,
          () -> String.valueOf(ismPolicyOf(index)),
          "null"::equals);
    }
    assertThat(ismPolicyOf(held)).isNull();
    assertThat(ismPolicyOf(foreignRun)).isEqualTo(run + "-foreign");
    assertThat(os.get(ISM + "/policies/" + run + "-foreign").path("policy"))
        .isEqualTo(foreignPolicy);
    assertThat(client.v1().events().inNamespace(namespace).list().getItems())
        .filteredOn(e -> "logs".equals(e.getInvolvedObject().getName()))
        .as("no CleanupFailed/abandoned event")
        .noneMatch(e -> e.getReason().startsWith("Cleanup"));
    client.resources(DataStore.class).inNamespace(namespace).withName("logs").delete();
  }

  @Test
  void anUnreachableClusterDoesNotBlockDeletionForever() throws java.io.IOException {
    String index = run + "-lost-2026.01.01";
    String lostId = "ekyc-operator-" + namespace + "_lost_lost_oplog";
    os.createIndex(index, null);
    try (TcpRelay relay = TcpRelay.to(osUrl.getPort())) {
      client
          .resource(
              StoreFixtures.search(
                  namespace,
                  "lost",
                  SearchEngine.OpenSearch,
                  "http://127.0.0.1:" + relay.port(),
                  null))
          .create();
      load(policyYaml("lost", "Enforce"));
      Eventually.await(
          "policy lost applied",
          TIMEOUT,
          () -> get("lost"),
          p -> applied(p).anyMatch(a -> lostId.equals(a.ownedName) && "InSync".equals(a.state)));
      assertThat(ismPolicyOf(index)).isEqualTo(lostId);

      relay.stop(); // the cluster is now unreachable for the operator, not for this test
      long started = System.nanoTime();
      client.resources(RetentionPolicy.class).inNamespace(namespace).withName("lost").delete();
      RetentionPolicy waiting =
          Eventually.await(
              "CleanupFailed while retrying",
              TIMEOUT,
              () -> get("lost"),
              p ->
                  condition(p, Conditions.READY)
                      .filter(
                          c ->
                              "False".equals(c.getStatus())
                                  && "CleanupFailed".equals(c.getReason()))
                      .isPresent());
      assertThat(condition(waiting, Conditions.READY).orElseThrow().getMessage())
          .contains("retrying until");
      Eventually.await(
          "policy lost deleted after the cleanup timeout",
          TIMEOUT,
          () -> Optional.ofNullable(get("lost")),
          Optional::isEmpty);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(CLEANUP_TIMEOUT.minusSeconds(2));
    }
    var events =
        client.v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(
                e ->
                    "lost".equals(e.getInvolvedObject().getName())
                        && "RetentionPolicy".equals(e.getInvolvedObject().getKind()))
            .toList();
    assertThat(events).extracting(e -> e.getReason()).contains("CleanupFailed", "CleanupAbandoned");
    assertThat(events)
        .filteredOn(e -> "CleanupAbandoned".equals(e.getReason()))
        .allSatisfy(e -> assertThat(e.getMessage()).contains("ISM " + lostId, "by hand"));
    // Left behind, as the event says; removed by hand the way docs/architecture.md describes.
    assertThat(os.status(ISM + "/policies/" + lostId)).isEqualTo(200);
    assertThat(ismPolicyOf(index)).isEqualTo(lostId);
    os.post(ISM + "/remove/" + index, null);
    os.send("DELETE", ISM + "/policies/" + lostId, null);
    client.resources(DataStore.class).inNamespace(namespace).withName("lost").delete();
  }

  /** The ISM policy an index runs according to explain, or null when it runs none. */
  private static String ismPolicyOf(String index) {
    JsonNode idNode =
        os.get(ISM + "/explain/" + index)
            .path(index)
            .get("index.plugins.index_state_management.policy_id");
    return idNode == null || idNode.isNull() ? null : idNode.asText();
  }

  private static String minIndexAge() {
    return os.get(ISM + "/policies/" + id)
        .path("policy")
        .path("states")
        .get(0)
        .path("transitions")
        .get(0)
        .path("conditions")
        .path("min_index_age")
        .asText();
  }

  /**
   * Someone else's edit of our policy: ISM takes an update only with the sequence number it read.
   */
  private static void overwriteMinIndexAge(String age) {
    JsonNode current = os.get(ISM + "/policies/" + id);
    os.put(
        ISM
            + "/policies/"
            + id
            + "?if_seq_no="
            + current.path("_seq_no").asLong()
            + "&if_primary_term="
            + current.path("_primary_term").asLong(),
        "{'policy':{'description':'edited by hand','default_state':'hot',"
            + "'states':[{'name':'hot','actions':[],'transitions':[{'state_name':'delete','conditions':"
            + "{'min_index_age':'"
            + age
            + "'}}]},{'name':'delete','actions':[{'delete':{}}],'transitions':[]}],"
            + "'ism_template':[{'index_patterns':['"
            + run
            + "-logs-*'],'priority':1000}]}}");
  }

  private static RetentionPolicy awaitCompliant() {
    return Eventually.await(
        "policy logs Compliant",
        TIMEOUT,
        IsmEnforcementIT::get,
        p ->
            condition(p, Conditions.COMPLIANT).filter(c -> "True".equals(c.getStatus())).isPresent()
                && p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).count() == 1);
  }

  /**
   * Repaired, and the pass that repaired it finished (it records the event after verifying), within
   * the bound. Waiting for the event also keeps a removal from passing early: explain shows it only
   * about a second later.
   */
  private static void awaitRepaired(String what, java.util.function.BooleanSupplier repaired) {
    long started = System.nanoTime();
    long before = corrections();
    Eventually.await(
        what + ": repaired within " + REPAIR_BOUND.toSeconds() + "s",
        REPAIR_BOUND,
        () -> corrections() > before && repaired.getAsBoolean(),
        ok -> ok);
    System.out.printf(
        "[it] ISM %s: repaired %d ms after the edit%n",
        what, (System.nanoTime() - started) / 1_000_000);
  }

  /** A merge patch without resourceVersion: the operator writes status concurrently. */
  private static void edit(EnforcementMode mode) {
    client
        .resources(RetentionPolicy.class)
        .inNamespace(namespace)
        .withName("logs")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"mode\":\"" + mode + "\"}}");
  }

  private static long corrections() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> java.util.Set.of("DriftCorrected", "Applied").contains(e.getReason()))
        .count();
  }

  private static void load(String yaml) {
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).createOrReplace();
  }
}
