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
 * The running operator applies a search policy's ILM policy, template and attachments to the real
 * Elasticsearch 6.8, repairs out-of-band edits (min_age changed, template deleted, index detached)
 * within the drift interval plus 5 s, only reports them in Audit mode, and on deletion detaches and
 * removes exactly what it owns. Foreign policies, templates and indices are compared with what the
 * cluster returned before the operator ran.
 */
class IlmEnforcementIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);
  private static final Duration REPAIR_BOUND = DRIFT_INTERVAL.plusSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static SearchHttp es;
  private static URI esUrl;
  private static String run;

  @BeforeAll
  static void start() {
    esUrl = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(esUrl.toString());
    run =
        ("it-ilmenf-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "enforce-ilm");
    operator =
        InProcessOperator.start(
            client,
            new ReconcileSettings(
                false,
                InProcessOperator.FAST_RETRY,
                Clock.systemUTC(),
                DRIFT_INTERVAL,
                Duration.ofSeconds(30)),
            new SimpleMeterRegistry(),
            namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (es != null) {
      es.delete("/" + run + "-*");
      es.delete("/_template/" + run + "-foreign");
      es.delete("/_ilm/policy/" + run + "-foreign");
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  private static String policyYaml(String mode) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: logs
          namespace: %s
        spec:
          storeRef:
            name: logs
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
              pattern: "%s-logs-*"
              writeWindow: 1d
            retention: 730d
        """
        .formatted(namespace, mode, run, run);
  }

  private static RetentionPolicy get() {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName("logs").get();
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
    es.put(
        "/_ilm/policy/" + run + "-foreign",
        "{'policy':{'phases':{'delete':{'min_age':'3d','actions':{'delete':{}}}}}}");
    es.put(
        "/_template/" + run + "-foreign",
        "{'index_patterns':['" + run + "-*'],'order':0,'settings':{'index.number_of_replicas':0}}");
    es.createIndex(first, null);
    es.createIndex(second, null);
    es.createIndex(held, run + "-hold");
    es.createIndex(unrelated, null);
    es.put(
        "/" + foreignRun,
        "{'settings':{'number_of_shards':1,'number_of_replicas':0,"
            + "'index.lifecycle.name':'"
            + run
            + "-foreign'}}");
    JsonNode foreignPolicy = es.get("/_ilm/policy/" + run + "-foreign");
    JsonNode foreignTemplate = es.get("/_template/" + run + "-foreign");

    client
        .resource(
            StoreFixtures.search(
                namespace, "logs", SearchEngine.Elasticsearch, esUrl.toString(), null))
        .create();
    load(policyYaml("Enforce"));
    String id = "ekyc-operator-" + namespace + "_logs_logs_oplog";

    RetentionPolicy compliant = awaitCompliant();
    AppliedMechanism ilm = applied(compliant).findFirst().orElseThrow();
    assertThat(ilm.mechanism).isEqualTo("ILM");
    assertThat(ilm.ownedName).isEqualTo(id);
    assertThat(ilm.warnings)
        .anySatisfy(w -> assertThat(w).contains(foreignRun, run + "-foreign", "left alone"));
    assertThat(
            es.get("/_ilm/policy/" + id)
                .path(id)
                .path("policy")
                .path("phases")
                .path("delete")
                .path("min_age")
                .asText())
        .isEqualTo("731d");
    JsonNode template = es.get("/_template/" + id).path(id);
    assertThat(template.path("index_patterns").get(0).asText()).isEqualTo(run + "-logs-*");
    assertThat(template.path("settings").path("index").path("lifecycle").path("name").asText())
        .isEqualTo(id);
    assertThat(es.lifecycleName(first)).isEqualTo(id);
    assertThat(es.lifecycleName(second)).isEqualTo(id);
    assertThat(es.lifecycleName(held)).as("legal hold").isNull();
    assertThat(es.lifecycleName(foreignRun)).isEqualTo(run + "-foreign");
    assertThat(es.lifecycleName(unrelated)).isNull();

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
    es.put(
        "/_ilm/policy/" + id,
        "{'policy':{'phases':{'delete':{'min_age':'1d','actions':{'delete':{}}}}}}");
    awaitRepaired("min_age changed", () -> minAge(id).equals("731d"));
    es.delete("/_template/" + id);
    awaitRepaired("template deleted", () -> es.status("/_template/" + id) == 200);
    es.post("/" + second + "/_ilm/remove", null);
    awaitRepaired("index detached", () -> id.equals(es.lifecycleName(second)));
    assertThat(es.lifecycleName(held)).isNull();
    watch.close();
    assertThat(driftedSeen)
        .as("Drifted flipped to True before each repair, then False/Corrected")
        .contains("True/Drift", "False/Corrected");

    // Audit: reported, not repaired.
    edit(EnforcementMode.Audit);
    Eventually.await(
        "checked in Audit at the new generation",
        TIMEOUT,
        IlmEnforcementIT::get,
        p ->
            p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).allMatch(a -> "InSync".equals(a.state)));
    es.put(
        "/_ilm/policy/" + id,
        "{'policy':{'phases':{'delete':{'min_age':'2d','actions':{'delete':{}}}}}}");
    RetentionPolicy drifted =
        Eventually.await(
            "Drifted=True in Audit",
            REPAIR_BOUND,
            IlmEnforcementIT::get,
            p ->
                condition(p, Conditions.DRIFTED)
                    .filter(c -> "True".equals(c.getStatus()))
                    .isPresent());
    assertThat(condition(drifted, Conditions.DRIFTED).orElseThrow().getMessage())
        .contains(id, "differs");
    assertThat(minAge(id)).as("Audit writes nothing").isEqualTo("2d");

    edit(EnforcementMode.Enforce);
    awaitRepaired("back in Enforce", () -> minAge(id).equals("731d"));
    awaitCompliant();

    // Deletion: our policy and template gone, our indices detached, everything foreign as it was.
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("logs").delete();
    Eventually.await(
        "policy logs gone", TIMEOUT, () -> Optional.ofNullable(get()), Optional::isEmpty);
    assertThat(es.status("/_ilm/policy/" + id)).isEqualTo(404);
    assertThat(es.status("/_template/" + id)).isEqualTo(404);
    assertThat(es.lifecycleName(first)).isNull();
    assertThat(es.lifecycleName(second)).isNull();
    assertThat(es.lifecycleName(foreignRun)).isEqualTo(run + "-foreign");
    assertThat(es.get("/_ilm/policy/" + run + "-foreign").path(run + "-foreign").path("policy"))
        .isEqualTo(foreignPolicy.path(run + "-foreign").path("policy"));
    assertThat(es.get("/_template/" + run + "-foreign")).isEqualTo(foreignTemplate);
    client.resources(DataStore.class).inNamespace(namespace).withName("logs").delete();
  }

  private static String minAge(String id) {
    return es.get("/_ilm/policy/" + id)
        .path(id)
        .path("policy")
        .path("phases")
        .path("delete")
        .path("min_age")
        .asText();
  }

  private static RetentionPolicy awaitCompliant() {
    return Eventually.await(
        "policy logs Compliant",
        TIMEOUT,
        IlmEnforcementIT::get,
        p ->
            condition(p, Conditions.COMPLIANT).filter(c -> "True".equals(c.getStatus())).isPresent()
                && p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).count() == 1);
  }

  private static void awaitRepaired(String what, java.util.function.BooleanSupplier repaired) {
    long started = System.nanoTime();
    long before = corrections();
    Eventually.await(
        what + ": repaired within " + REPAIR_BOUND.toSeconds() + "s",
        REPAIR_BOUND,
        () -> repaired.getAsBoolean(),
        ok -> ok);
    System.out.printf(
        "[it] ILM %s: repaired %d ms after the edit%n",
        what, (System.nanoTime() - started) / 1_000_000);
    // Wait for the pass to finish (it records the event after verifying), so the next edit does not
    // race it.
    Eventually.await(
        "DriftCorrected or Applied event after " + what,
        TIMEOUT,
        IlmEnforcementIT::corrections,
        n -> n > before);
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
