package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.ForeignLifecycleRules;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The running operator applies S3 lifecycle rules to a real (moto) bucket, finds and repairs
 * out-of-band edits within the drift interval plus 5 s, only reports them in Audit mode, and
 * removes exactly its own rules when a policy is deleted. The user's rules ({@link
 * ForeignLifecycleRules}, the S3 user guide's examples) are compared with what the server returned
 * after the user wrote them (moto drops size filters), before the operator ran.
 */
class S3EnforcementIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);

  /** The bound: a change is detected and corrected within one interval plus 5 s. */
  private static final Duration REPAIR_BOUND = DRIFT_INTERVAL.plusSeconds(5);

  private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static MeterRegistry registry;
  private static S3Client s3;
  private static URI s3Url;

  @BeforeAll
  static void start() {
    s3Url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "enforce-s3");
    registry = new SimpleMeterRegistry();
    operator =
        InProcessOperator.start(
            client,
            new ReconcileSettings(
                false,
                InProcessOperator.FAST_RETRY,
                Clock.systemUTC(),
                DRIFT_INTERVAL,
                CLEANUP_TIMEOUT),
            registry,
            namespace);
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "s3-credentials",
                Map.of(
                    "accessKeyId", Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                    "secretAccessKey", Backends.require("EKYC_IT_S3_SECRET_KEY"))))
        .create();
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = s3Url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    s3 =
        S3Clients.create(
            spec,
            new StoreCredentials.ObjectStorage(
                new AccessKey(
                    Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                    SecretValue.of(Backends.require("EKYC_IT_S3_SECRET_KEY")),
                    Optional.empty()),
                Optional.empty()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            3);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (s3 != null) s3.close();
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  /**
   * The S3 user guide's lifecycle examples (shared fixture): someone else's rules in the bucket.
   */
  private static List<LifecycleRule> foreignRules() {
    return ForeignLifecycleRules.all();
  }

  /**
   * A bucket holding the user's rules; returns them as the server stores them (moto drops size
   * filters).
   */
  private static List<LifecycleRule> bucketWithForeignRules(String bucket) {
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(foreignRules())));
    return rules(bucket);
  }

  private static List<LifecycleRule> rules(String bucket) {
    try {
      return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  private static List<LifecycleRule> foreign(List<LifecycleRule> rules) {
    return rules.stream().filter(r -> !r.id().startsWith("ekyc-operator:")).toList();
  }

  private static Optional<LifecycleRule> rule(String bucket, String id) {
    return rules(bucket).stream().filter(r -> id.equals(r.id())).findFirst();
  }

  private static void putRules(String bucket, List<LifecycleRule> rules) {
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
  }

  /** Replaces one rule in place, as another tool editing the bucket would. */
  private static void editRule(
      String bucket, String id, java.util.function.UnaryOperator<LifecycleRule> edit) {
    List<LifecycleRule> edited = new ArrayList<>();
    for (LifecycleRule r : rules(bucket)) {
      if (id.equals(r.id())) {
        LifecycleRule changed = edit.apply(r);
        if (changed != null) edited.add(changed);
      } else {
        edited.add(r);
      }
    }
    putRules(bucket, edited);
  }

  private static void store(String name, String bucket) {
    DataStore ds =
        StoreFixtures.bucket(
            namespace,
            name,
            s3Url.toString(),
            Backends.require("EKYC_IT_S3_REGION"),
            bucket,
            "s3-credentials");
    client.resource(ds).create();
  }

  private static void policy(String name, String store, String mode, String... prefixAndRetention) {
    StringBuilder yaml =
        new StringBuilder(
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: %s
          namespace: %s
        spec:
          storeRef:
            name: %s
          mode: %s
          rules:
        """
                .formatted(name, namespace, store, mode));
    for (int i = 0; i < prefixAndRetention.length; i += 2) {
      yaml.append(
          """
            - name: r%d
              dataCategory: biometric
              purpose: testing enforcement
              legalBasis: Contract
              objects:
                prefix: %s
              retention: %s
          """
              .formatted(i / 2, prefixAndRetention[i], prefixAndRetention[i + 1]));
    }
    client
        .load(new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)))
        .createOrReplace();
  }

  private static RetentionPolicy get(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private static Stream<AppliedMechanism> applied(RetentionPolicy p) {
    return p.getStatus() == null
        ? Stream.empty()
        : p.getStatus().rules.stream()
            .flatMap(r -> r.applied == null ? Stream.empty() : r.applied.stream());
  }

  private static Optional<Condition> condition(RetentionPolicy p, String type) {
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().conditions, type);
  }

  private static boolean conditionIs(RetentionPolicy p, String type, String status, String reason) {
    return condition(p, type)
        .filter(
            c -> status.equals(c.getStatus()) && (reason == null || reason.equals(c.getReason())))
        .isPresent();
  }

  private static RetentionPolicy awaitCompliant(String name, int mechanisms) {
    return Eventually.await(
        "RetentionPolicy " + name + " Compliant with " + mechanisms + " rules in sync",
        TIMEOUT,
        () -> get(name),
        p ->
            conditionIs(p, Conditions.COMPLIANT, "True", null)
                && applied(p).count() == mechanisms
                && Long.valueOf(p.getMetadata().getGeneration())
                    .equals(p.getStatus().observedGeneration));
  }

  private static String ruleId(String store, String policy, int rule) {
    return "ekyc-operator:" + namespace + "/" + store + "/" + policy + "/r" + rule;
  }

  private static List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e ->
                name.equals(e.getInvolvedObject().getName())
                    && "RetentionPolicy".equals(e.getInvolvedObject().getKind()))
        .map(e -> e.getReason())
        .toList();
  }

  private static String bucketName(String prefix) {
    return (prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
        .toLowerCase(Locale.ROOT);
  }

  private static double gauge(String name, String policy) {
    var g = registry.find(name).tag("namespace", namespace).tag("policy", policy).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void appliesRepairsDriftReportsInAuditAndRemovesOnlyItsOwnRules() {
    String bucket = bucketName("it-enforce");
    List<LifecycleRule> userRules = bucketWithForeignRules(bucket);
    assertThat(userRules).as("moto keeps every user rule").hasSize(foreignRules().size());
    store("media", bucket);
    policy("media", "media", "Enforce", "liveness/", "2h", "selfies/", "10d");
    String liveness = ruleId("media", "media", 0);
    String selfies = ruleId("media", "media", 1);

    RetentionPolicy applied = awaitCompliant("media", 2);
    assertThat(applied(applied).map(a -> a.mechanism)).containsOnly("LifecycleRule");
    assertThat(applied(applied).map(a -> a.ownedName)).containsExactlyInAnyOrder(liveness, selfies);
    assertThat(applied(applied)).allSatisfy(a -> assertThat(a.lastVerified).isNotBlank());
    List<LifecycleRule> written = rules(bucket);
    assertThat(foreign(written)).as("user rules unchanged and in order").isEqualTo(userRules);
    assertThat(written.subList(0, userRules.size())).isEqualTo(userRules);
    assertExpires(rule(bucket, liveness).orElseThrow(), "liveness/", 1);
    assertExpires(rule(bucket, selfies).orElseThrow(), "selfies/", 10);
    assertThat(gauge("ekyc.policy.compliant", "media")).isEqualTo(1.0);
    assertThat(gauge("ekyc.policy.drifted", "media")).isEqualTo(0.0);
    assertThat(eventReasons("media")).contains("Applied");

    // Out-of-band edits, each repaired within the bound, the user's rules untouched throughout. A
    // watch records
    // every Drifted status the policy passes through: in Enforce mode drift shows as True before it
    // is restored.
    List<String> driftedSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var watch =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(namespace)
            .withName("media")
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
    editRule(bucket, liveness, r -> null);
    awaitRepaired(bucket, liveness, "liveness/", 1, userRules);
    editRule(bucket, selfies, r -> r.toBuilder().expiration(e -> e.days(400)).build());
    awaitRepaired(bucket, selfies, "selfies/", 10, userRules);
    editRule(bucket, selfies, r -> r.toBuilder().status(ExpirationStatus.DISABLED).build());
    awaitRepaired(bucket, selfies, "selfies/", 10, userRules);
    assertThat(eventReasons("media")).contains("DriftDetected", "DriftCorrected");
    Eventually.await(
        "Drifted False/Corrected after the repair",
        REPAIR_BOUND,
        () -> get("media"),
        p -> conditionIs(p, Conditions.DRIFTED, "False", "Corrected"));
    watch.close();
    assertThat(driftedSeen)
        .as("Drifted flipped to True, then back to False once restored")
        .contains("True/Drift", "False/Corrected");

    // Audit: the same edit is reported, not repaired.
    switchMode("media", EnforcementMode.Audit);
    Eventually.await(
        "media checked in Audit at its new generation",
        TIMEOUT,
        () -> get("media"),
        p ->
            p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).allMatch(a -> "InSync".equals(a.state))
                && applied(p).count() == 2);
    editRule(bucket, selfies, r -> r.toBuilder().expiration(e -> e.days(400)).build());
    RetentionPolicy drifted =
        Eventually.await(
            "Drifted=True in Audit mode",
            REPAIR_BOUND,
            () -> get("media"),
            p -> conditionIs(p, Conditions.DRIFTED, "True", "Drift"));
    assertThat(condition(drifted, Conditions.DRIFTED).orElseThrow().getMessage())
        .contains(selfies, "400 days");
    assertThat(condition(drifted, Conditions.COMPLIANT).orElseThrow().getStatus())
        .isEqualTo("False");
    Eventually.await(
        "ekyc_policy_drifted 1",
        REPAIR_BOUND,
        () -> gauge("ekyc.policy.drifted", "media"),
        v -> v == 1.0);
    assertThat(eventReasons("media")).contains("DriftDetected");
    // Two more intervals: still as the user left it.
    long until = System.nanoTime() + DRIFT_INTERVAL.multipliedBy(2).toNanos();
    while (System.nanoTime() < until) {
      assertThat(rule(bucket, selfies).orElseThrow().expiration().days())
          .as("Audit writes nothing")
          .isEqualTo(400);
      Thread.onSpinWait();
      sleepQuietly();
    }

    // Back to Enforce: repaired.
    switchMode("media", EnforcementMode.Enforce);
    awaitRepaired(bucket, selfies, "selfies/", 10, userRules);
    awaitCompliant("media", 2);

    // Deleting the policy leaves the bucket as the user had it.
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("media").delete();
    Eventually.await(
        "policy media gone", TIMEOUT, () -> Optional.ofNullable(get("media")), Optional::isEmpty);
    assertThat(rules(bucket)).as("exactly the user's rules, in order").isEqualTo(userRules);
    client.resources(DataStore.class).inNamespace(namespace).withName("media").delete();
  }

  @Test
  void twoPoliciesOnOneBucketAppliedTogetherLoseNothing() {
    String bucket = bucketName("it-enforce-two");
    List<LifecycleRule> userRules = bucketWithForeignRules(bucket);
    store("shared", bucket);
    // Created back to back: both reconcile at about the same time and each writes the whole store's
    // rules.
    policy("first", "shared", "Enforce", "a/", "3d", "b/", "4d");
    policy("second", "shared", "Enforce", "c/", "5d");
    awaitCompliant("first", 2);
    awaitCompliant("second", 1);
    List<LifecycleRule> all =
        Eventually.await(
            "all three rules in the bucket",
            TIMEOUT,
            () -> rules(bucket),
            r -> r.size() == userRules.size() + 3);
    assertThat(foreign(all)).isEqualTo(userRules);
    assertExpires(rule(bucket, ruleId("shared", "first", 0)).orElseThrow(), "a/", 3);
    assertExpires(rule(bucket, ruleId("shared", "first", 1)).orElseThrow(), "b/", 4);
    assertExpires(rule(bucket, ruleId("shared", "second", 0)).orElseThrow(), "c/", 5);

    // An Audit policy's rule rides along unchanged when an Enforce policy of the store writes the
    // bucket.
    switchMode("second", EnforcementMode.Audit);
    Eventually.await(
        "second checked in Audit",
        TIMEOUT,
        () -> get("second"),
        p ->
            p.getStatus().observedGeneration.equals(p.getMetadata().getGeneration())
                && applied(p).allMatch(a -> "InSync".equals(a.state))
                && applied(p).count() == 1);
    editRule(
        bucket,
        ruleId("shared", "first", 0),
        r -> r.toBuilder().expiration(e -> e.days(77)).build());
    awaitRepaired(bucket, ruleId("shared", "first", 0), "a/", 3, userRules);
    assertExpires(rule(bucket, ruleId("shared", "second", 0)).orElseThrow(), "c/", 5);

    // The store cannot go while policies use it: their cleanup needs it.
    client.resources(DataStore.class).inNamespace(namespace).withName("shared").delete();
    Eventually.await(
        "DataStore shared waits for its policies",
        TIMEOUT,
        () ->
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(
                    e ->
                        "shared".equals(e.getInvolvedObject().getName())
                            && "DeletionWaiting".equals(e.getReason()))
                .findFirst(),
        Optional::isPresent);
    assertThat(client.resources(DataStore.class).inNamespace(namespace).withName("shared").get())
        .isNotNull();

    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("first").delete();
    Eventually.await(
        "first gone", TIMEOUT, () -> Optional.ofNullable(get("first")), Optional::isEmpty);
    List<LifecycleRule> afterFirst = rules(bucket);
    assertThat(foreign(afterFirst)).isEqualTo(userRules);
    assertThat(afterFirst.stream().map(LifecycleRule::id))
        .contains(ruleId("shared", "second", 0))
        .doesNotContain(ruleId("shared", "first", 0), ruleId("shared", "first", 1));

    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("second").delete();
    Eventually.await(
        "DataStore shared gone after its last policy",
        TIMEOUT,
        () ->
            Optional.ofNullable(
                client.resources(DataStore.class).inNamespace(namespace).withName("shared").get()),
        Optional::isEmpty);
    assertThat(rules(bucket)).isEqualTo(userRules);
  }

  @Test
  void aPolicyInErrorIsNotAppliedAndItsRulesGoAtTheStoresNextWrite() {
    String bucket = bucketName("it-enforce-error");
    List<LifecycleRule> userRules = bucketWithForeignRules(bucket);
    store("errs", bucket);
    policy("keeper", "errs", "Enforce", "k/", "3d");
    policy("victim", "errs", "Enforce", "v/", "6d");
    awaitCompliant("keeper", 1);
    awaitCompliant("victim", 1);
    assertThat(rule(bucket, ruleId("errs", "victim", 0))).isPresent();

    // A nested prefix selects the same objects: both victim and the intruder are refused, neither
    // is applied.
    policy("intruder", "errs", "Enforce", "v/sub/", "1d");
    Eventually.await(
        "victim refused for the conflict",
        TIMEOUT,
        () -> get("victim"),
        p ->
            conditionIs(p, Conditions.READY, "False", null)
                && conditionIs(p, Conditions.DRIFTED, "Unknown", "NotChecked"));
    // keeper writes the store next (a sibling changed): the victim's rule goes, the intruder's
    // never came.
    Eventually.await(
        "victim's rule removed by keeper's next write",
        TIMEOUT,
        () -> rules(bucket),
        r -> r.stream().noneMatch(x -> x.id().equals(ruleId("errs", "victim", 0))));
    List<LifecycleRule> during = rules(bucket);
    assertThat(foreign(during)).isEqualTo(userRules);
    assertThat(during.stream().map(LifecycleRule::id))
        .contains(ruleId("errs", "keeper", 0))
        .doesNotContain(ruleId("errs", "intruder", 0));

    // The conflict resolved: victim is applied again.
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("intruder").delete();
    awaitCompliant("victim", 1);
    assertExpires(rule(bucket, ruleId("errs", "victim", 0)).orElseThrow(), "v/", 6);
    assertThat(foreign(rules(bucket))).isEqualTo(userRules);

    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("keeper").delete();
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("victim").delete();
    Eventually.await(
        "only the user's rules left", TIMEOUT, () -> rules(bucket), r -> r.equals(userRules));
  }

  @Test
  void anUnreachableBackendDoesNotBlockDeletionForever() {
    String bucket = bucketName("it-enforce-gone");
    s3.createBucket(b -> b.bucket(bucket));
    store("lost", bucket);
    policy("lost", "lost", "Enforce", "x/", "3d");
    awaitCompliant("lost", 1);
    // The store now points at a port where nothing listens.
    DataStore ds = client.resources(DataStore.class).inNamespace(namespace).withName("lost").get();
    ds.getSpec().objectStorage.endpoint = "http://127.0.0.1:9";
    client.resource(ds).update();
    Eventually.await(
        "store lost not Ready",
        TIMEOUT,
        () -> client.resources(DataStore.class).inNamespace(namespace).withName("lost").get(),
        d -> d.getStatus() != null && !Conditions.isTrue(d.getStatus().conditions, "Ready"));

    long started = System.nanoTime();
    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("lost").delete();
    RetentionPolicy waiting =
        Eventually.await(
            "CleanupFailed condition while retrying",
            TIMEOUT,
            () -> get("lost"),
            p -> conditionIs(p, Conditions.READY, "False", "CleanupFailed"));
    assertThat(condition(waiting, Conditions.READY).orElseThrow().getMessage())
        .contains("retrying until");
    Eventually.await(
        "policy lost deleted after the cleanup timeout",
        TIMEOUT,
        () -> Optional.ofNullable(get("lost")),
        Optional::isEmpty);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(CLEANUP_TIMEOUT.minusSeconds(2));
    assertThat(eventReasons("lost")).contains("CleanupFailed", "CleanupAbandoned");
    // What was left is the operator's own rule, named in the event: remove it as the docs say.
    assertThat(rules(bucket).stream().map(LifecycleRule::id))
        .containsExactly(ruleId("lost", "lost", 0));
    s3.deleteBucketLifecycle(b -> b.bucket(bucket));
  }

  /** A merge patch without resourceVersion: the operator writes status concurrently. */
  private static void switchMode(String name, EnforcementMode mode) {
    client
        .resources(RetentionPolicy.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            "{\"spec\":{\"mode\":\"" + mode + "\"}}");
  }

  private static long corrections(String id) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e ->
                java.util.Set.of("DriftCorrected", "Applied").contains(e.getReason())
                    && e.getMessage().contains(id))
        .count();
  }

  private static void awaitRepaired(
      String bucket, String id, String prefix, int days, List<LifecycleRule> userRules) {
    long started = System.nanoTime();
    long correctionsBefore = corrections(id);
    LifecycleRule repaired =
        Eventually.await(
            "rule " + id + " restored within " + REPAIR_BOUND.toSeconds() + "s",
            REPAIR_BOUND,
            () -> rule(bucket, id).orElse(null),
            r ->
                r.status() == ExpirationStatus.ENABLED
                    && r.expiration() != null
                    && Integer.valueOf(days).equals(r.expiration().days()));
    System.out.printf(
        "[it] %s repaired %d ms after the edit%n", id, (System.nanoTime() - started) / 1_000_000);
    assertExpires(repaired, prefix, days);
    assertThat(foreign(rules(bucket))).as("user rules unchanged").isEqualTo(userRules);
    // The operator's pass ends after it re-read and verified the bucket, then records the event
    // (DriftCorrected, or
    // Applied after a spec change): editing again
    // before that would race its verification, as any concurrent writer does (and fail it, by
    // design).
    Eventually.await(
        "DriftCorrected or Applied event for " + id,
        TIMEOUT,
        () -> corrections(id),
        n -> n > correctionsBefore);
  }

  private static void assertExpires(LifecycleRule rule, String prefix, int days) {
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(rule.filter().prefix()).isEqualTo(prefix);
    assertThat(rule.expiration().days()).isEqualTo(days);
    assertThat(rule.hasTransitions()).isFalse();
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
