package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.ForeignLifecycleRules;
import dev.ekyc.operator.objectstore.LifecycleApplier;
import dev.ekyc.operator.objectstore.MergedLifecycle;
import dev.ekyc.operator.objectstore.OwnedLifecycleRule;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.StoreOwnership;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The lifecycle adapter against moto's S3 (s3proxy has no lifecycle API): the user's rules survive
 * every write exactly, each store changes only its own rules, and a bucket left without rules has
 * no configuration. Every expectation is read back from the server with plain SDK calls and
 * compared with the literals written here.
 */
class S3LifecycleIT {
  // The user's own rules, one per filter shape; none can delete the stores' objects early.
  private static final LifecycleRule USER_LOGS =
      LifecycleRule.builder()
          .id("user-logs-90d")
          .status(ExpirationStatus.ENABLED)
          .filter(f -> f.prefix("logs/"))
          .expiration(e -> e.days(90))
          .build();
  private static final LifecycleRule USER_SCRATCH =
      LifecycleRule.builder()
          .id("user-scratch-400d")
          .status(ExpirationStatus.ENABLED)
          .filter(f -> f.tag(tag("scratch", "yes")))
          .expiration(e -> e.days(400))
          .build();
  private static final LifecycleRule USER_ARCHIVE =
      LifecycleRule.builder()
          .id("user-archive-365d")
          .status(ExpirationStatus.ENABLED)
          .filter(f -> f.and(a -> a.prefix("archive/").tags(tag("class", "cold"))))
          .expiration(e -> e.days(365))
          .build();

  private static final StoreOwnership STORE_A = new StoreOwnership("it", "media");
  private static final String A_LIVENESS = "ekyc-operator:it/media/liveness";
  private static final String A_FACES = "ekyc-operator:it/media/faces";
  private static final String A_SELFIES = "ekyc-operator:it/media/selfies";

  /** Same DataStore name in another namespace, on the same bucket. */
  private static final StoreOwnership STORE_B = new StoreOwnership("staging", "media");

  private static final String B_LIVENESS = "ekyc-operator:staging/media/liveness";

  private S3Client s3;
  private String bucket;
  private LifecycleApplier applier;

  @BeforeEach
  void freshBucket() {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    bucket =
        "it-lifecycle-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
    spec.bucket = bucket;
    var credentials =
        new StoreCredentials.ObjectStorage(
            new AccessKey(
                Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                SecretValue.of(Backends.require("EKYC_IT_S3_SECRET_KEY")),
                Optional.empty()),
            Optional.empty());
    s3 =
        S3Clients.create(
            spec,
            credentials,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            S3Clients.STANDARD_ATTEMPTS);
    s3.createBucket(b -> b.bucket(bucket));
    applier = new LifecycleApplier(s3, bucket);
  }

  @AfterEach
  void dropBucket() {
    if (s3 == null) {
      return;
    }
    try {
      s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      s3.deleteBucket(b -> b.bucket(bucket));
    } finally {
      s3.close();
    }
  }

  private static List<OwnedLifecycleRule> storeA(int facesDays) {
    return List.of(
        new OwnedLifecycleRule(A_LIVENESS, "liveness/", Map.of(), 1),
        new OwnedLifecycleRule(A_FACES, "training/faces/", Map.of("consent", "granted"), facesDays),
        new OwnedLifecycleRule(A_SELFIES, "", Map.of("kind", "selfie"), 2));
  }

  @Test
  void userRulesSurviveAndOwnRulesAreWrittenOnceThenUpdated() {
    putConfiguration(USER_LOGS, USER_SCRATCH, USER_ARCHIVE);

    MergedLifecycle first = applier.apply(STORE_A, storeA(30));
    assertThat(first.diff().added()).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);
    assertThat(first.warnings()).as("user rules are longer or disjoint").isEmpty();
    List<LifecycleRule> written = readRules();
    assertUserRulesUnchanged(written);
    assertExpiresPrefix(rule(written, A_LIVENESS), "liveness/", 1);
    LifecycleRule faces = rule(written, A_FACES);
    assertThat(faces.filter().and().prefix()).isEqualTo("training/faces/");
    assertThat(faces.filter().and().tags()).containsExactly(tag("consent", "granted"));
    assertThat(faces.expiration().days()).isEqualTo(30);
    LifecycleRule selfies = rule(written, A_SELFIES);
    assertThat(selfies.filter().tag()).isEqualTo(tag("kind", "selfie"));
    assertThat(selfies.filter().and()).isNull();
    assertThat(selfies.expiration().days()).isEqualTo(2);
    assertThat(written).allSatisfy(r -> assertThat(r.status()).isEqualTo(ExpirationStatus.ENABLED));

    MergedLifecycle again = applier.apply(STORE_A, storeA(30));
    assertThat(again.diff().writeNeeded()).isFalse();
    assertThat(again.diff().unchanged()).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);

    MergedLifecycle longer = applier.apply(STORE_A, storeA(45));
    assertThat(longer.diff().changed()).containsExactly(A_FACES);
    assertThat(longer.diff().unchanged()).containsExactlyInAnyOrder(A_LIVENESS, A_SELFIES);
    List<LifecycleRule> updated = readRules();
    assertThat(rule(updated, A_FACES).expiration().days()).isEqualTo(45);
    assertUserRulesUnchanged(updated);
  }

  @Test
  void emptyingOneStoreRemovesOnlyItsRules() {
    putConfiguration(USER_LOGS, USER_SCRATCH, USER_ARCHIVE);
    applier.apply(STORE_A, storeA(30));
    applier.apply(
        STORE_B, List.of(new OwnedLifecycleRule(B_LIVENESS, "staging/liveness/", Map.of(), 3)));
    assertThat(ids(readRules())).contains(A_LIVENESS, A_FACES, A_SELFIES, B_LIVENESS);

    MergedLifecycle emptied = applier.apply(STORE_A, List.of());

    assertThat(emptied.diff().removed()).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);
    List<LifecycleRule> left = readRules();
    assertThat(ids(left))
        .containsExactly("user-logs-90d", "user-scratch-400d", "user-archive-365d", B_LIVENESS);
    assertUserRulesUnchanged(left);
    assertExpiresPrefix(rule(left, B_LIVENESS), "staging/liveness/", 3);
  }

  @Test
  void aShorterUserRuleOverAStorePrefixIsReported() {
    LifecycleRule trainingWeek =
        LifecycleRule.builder()
            .id("user-training-7d")
            .status(ExpirationStatus.ENABLED)
            .filter(f -> f.prefix("training/"))
            .expiration(e -> e.days(7))
            .build();
    putConfiguration(USER_LOGS, trainingWeek);

    MergedLifecycle merged = applier.apply(STORE_A, storeA(30));

    assertThat(merged.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.otherRuleId()).isEqualTo("user-training-7d");
              assertThat(w.ownedRuleId()).isEqualTo(A_FACES);
              assertThat(w.message()).contains("user-training-7d", A_FACES, "after 7 days");
            });
    LifecycleRule kept = rule(readRules(), "user-training-7d");
    assertExpiresPrefix(kept, "training/", 7);
  }

  @Test
  void removingTheLastRulesDeletesTheConfiguration() {
    applier.apply(STORE_A, storeA(30));
    assertThat(ids(readRules())).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);

    MergedLifecycle emptied = applier.apply(STORE_A, List.of());

    assertThat(emptied.diff().removed()).hasSize(3);
    assertThatThrownBy(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
            });
    assertThat(applier.apply(STORE_A, List.of()).diff().writeNeeded()).isFalse();
  }

  @Test
  void aDryRunReportsTheDiffAndWritesNothing() {
    putConfiguration(USER_LOGS, USER_SCRATCH, USER_ARCHIVE);

    MergedLifecycle planned = applier.dryRun(STORE_A, storeA(30));

    assertThat(planned.diff().added()).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);
    assertThat(ids(readRules()))
        .containsExactly("user-logs-90d", "user-scratch-400d", "user-archive-365d");
  }

  /**
   * The S3 user guide's example rules (transitions, noncurrent versions, aborted uploads, tag, And
   * and size filters, delete markers, a disabled rule) as someone else's configuration: apply, an
   * out-of-band edit of our rule and its repair, a change of retention and the removal of our rules
   * leave them unchanged and in order. moto drops the size conditions and NewerNoncurrentVersions
   * when it stores a rule, so the reference is what it returned after the foreign write; the
   * literals themselves are checked by ForeignRulesMergeTest.
   */
  @Test
  void theUserGuideExamplesSurviveApplyRepairChangeAndRemovalUnchangedAndInOrder() {
    List<LifecycleRule> examples = ForeignLifecycleRules.all();
    putConfiguration(examples.toArray(LifecycleRule[]::new));
    List<LifecycleRule> asStored = readRules();
    assertThat(ids(asStored)).containsExactlyElementsOf(ids(examples));
    List<LifecycleRule> lossy =
        List.of(
            ForeignLifecycleRules.largeObjectsToGlacier(),
            ForeignLifecycleRules.sizeRangeUnderPrefix(),
            ForeignLifecycleRules.noncurrentVersions());
    assertThat(asStored)
        .as("moto keeps every example but the size conditions and NewerNoncurrentVersions")
        .containsAll(examples.stream().filter(r -> !lossy.contains(r)).toList());
    int n = asStored.size();

    MergedLifecycle applied = applier.apply(STORE_A, storeA(30));

    assertThat(applied.warnings()).as("no example expires the stores' objects sooner").isEmpty();
    List<LifecycleRule> afterApply = readRules();
    assertThat(afterApply.subList(0, n)).containsExactlyElementsOf(asStored);
    assertThat(ids(afterApply.subList(n, afterApply.size())))
        .containsExactly(A_LIVENESS, A_FACES, A_SELFIES);

    // Someone disables our rule by hand, keeping everything else: the next apply restores only
    // ours.
    List<LifecycleRule> edited = new ArrayList<>(afterApply);
    int faces = ids(edited).indexOf(A_FACES);
    edited.set(faces, edited.get(faces).toBuilder().status(ExpirationStatus.DISABLED).build());
    putConfiguration(edited.toArray(LifecycleRule[]::new));
    MergedLifecycle repaired = applier.apply(STORE_A, storeA(30));

    assertThat(repaired.diff().changed()).containsExactly(A_FACES);
    List<LifecycleRule> afterRepair = readRules();
    assertThat(afterRepair.subList(0, n)).containsExactlyElementsOf(asStored);
    assertThat(rule(afterRepair, A_FACES).status()).isEqualTo(ExpirationStatus.ENABLED);

    applier.apply(STORE_A, storeA(45));
    List<LifecycleRule> afterChange = readRules();
    assertThat(afterChange.subList(0, n)).containsExactlyElementsOf(asStored);
    assertThat(rule(afterChange, A_FACES).expiration().days()).isEqualTo(45);

    MergedLifecycle removed = applier.apply(STORE_A, List.of());

    assertThat(removed.diff().removed()).containsExactlyInAnyOrder(A_LIVENESS, A_FACES, A_SELFIES);
    assertThat(readRules()).containsExactlyElementsOf(asStored);
  }

  // ------------------------------------------------------------------------------------------
  // helpers

  private void putConfiguration(LifecycleRule... rules) {
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
  }

  private List<LifecycleRule> readRules() {
    return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
  }

  /** Field by field against the literals above, in the order the user wrote them. */
  private static void assertUserRulesUnchanged(List<LifecycleRule> rules) {
    assertThat(ids(rules.stream().filter(r -> r.id().startsWith("user-")).toList()))
        .containsExactly("user-logs-90d", "user-scratch-400d", "user-archive-365d");
    assertExpiresPrefix(rule(rules, "user-logs-90d"), "logs/", 90);

    LifecycleRule scratch = rule(rules, "user-scratch-400d");
    assertThat(scratch.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(scratch.filter().tag()).isEqualTo(tag("scratch", "yes"));
    assertThat(scratch.filter().prefix()).isNull();
    assertThat(scratch.filter().and()).isNull();
    assertThat(scratch.expiration().days()).isEqualTo(400);

    LifecycleRule archive = rule(rules, "user-archive-365d");
    assertThat(archive.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(archive.filter().and().prefix()).isEqualTo("archive/");
    assertThat(archive.filter().and().tags()).containsExactly(tag("class", "cold"));
    assertThat(archive.filter().prefix()).isNull();
    assertThat(archive.filter().tag()).isNull();
    assertThat(archive.expiration().days()).isEqualTo(365);
  }

  private static void assertExpiresPrefix(LifecycleRule rule, String prefix, int days) {
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(rule.filter().prefix()).isEqualTo(prefix);
    assertThat(rule.filter().tag()).isNull();
    assertThat(rule.filter().and()).isNull();
    assertThat(rule.expiration().days()).isEqualTo(days);
    assertThat(rule.expiration().date()).isNull();
  }

  private static LifecycleRule rule(List<LifecycleRule> rules, String id) {
    return rules.stream()
        .filter(r -> id.equals(r.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + id + " in " + ids(rules)));
  }

  private static List<String> ids(List<LifecycleRule> rules) {
    return rules.stream().map(LifecycleRule::id).toList();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
