package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.manifest.LoadedManifests;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.LifecycleExpiration;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredLifecycleRulesTest {
  private static final ResourceRef STORE = new ResourceRef("DataStore", "ekyc", "media");
  private static final String OURS = "ekyc-operator:ekyc/media/";

  @Test
  void theReferenceMediaStoreWantsOneBackstopPerRule() throws Exception {
    LoadedManifests manifests =
        new ManifestLoader(null).load(List.of(Path.of("..", "examples", "reference")));
    EnforcementPlan plan = new PolicyCompiler().compile(manifests.inputs());
    assertThat(plan.hasErrors()).as("%s", plan.problems()).isFalse();
    StorePlan media =
        plan.stores().stream()
            .filter(s -> s.store().name().equals("verification-media"))
            .findFirst()
            .orElseThrow();

    // Expected values from examples/reference/retention-verification-media.yaml: 2h rules get a
    // 1-day
    // backstop, training faces the 30-day consent retention. Each also expires noncurrent versions
    // as many days
    // after they became noncurrent and aborts unfinished uploads after a day.
    assertThat(DesiredLifecycleRules.of(media))
        .containsExactly(
            new OwnedLifecycleRule(
                "ekyc-operator:ekyc/verification-media/verification-media/liveness-media",
                "liveness/",
                Map.of(),
                1,
                1,
                1),
            new OwnedLifecycleRule(
                "ekyc-operator:ekyc/verification-media/verification-media/id-document-media",
                "id-ocr/",
                Map.of(),
                1,
                1,
                1),
            new OwnedLifecycleRule(
                "ekyc-operator:ekyc/verification-media/verification-media/training-faces",
                "training/faces/",
                Map.of(),
                30,
                30,
                1));
  }

  @Test
  void onlyLifecycleMechanismsOfEnforcedValidPoliciesCount() {
    PolicyPlan enforced =
        policy(
            "enforced",
            EnforcementMode.Enforce,
            true,
            rule("a", expiration(OURS + "enforced/a", "a/", 3)));
    PolicyPlan audit =
        policy(
            "audit", EnforcementMode.Audit, true, rule("b", expiration(OURS + "audit/b", "b/", 3)));
    PolicyPlan broken =
        policy(
            "broken",
            EnforcementMode.Enforce,
            false,
            rule("c", expiration(OURS + "broken/c", "c/", 3)));

    assertThat(DesiredLifecycleRules.of(store(enforced, audit, broken)))
        .extracting(OwnedLifecycleRule::id)
        .containsExactly(OURS + "enforced/a");
  }

  @Test
  void tagsAndDaysComeFromTheMechanism() {
    var withTags =
        new LifecycleExpiration(
            OURS + "p/r", "faces/", Map.of("consent", "granted"), 30, Mechanism.Role.BACKSTOP);

    assertThat(
            DesiredLifecycleRules.of(
                store(policy("p", EnforcementMode.Enforce, true, rule("r", withTags)))))
        .as("no AbortIncompleteMultipartUpload: S3 refuses it next to a tag filter")
        .containsExactly(
            new OwnedLifecycleRule(
                OURS + "p/r", "faces/", Map.of("consent", "granted"), 30, 30, null));
  }

  @Test
  void anIdOverTheS3LimitNamesTheRuleAndTheFix() {
    String longId = OURS + "p/" + "r".repeat(256 - OURS.length() - 2);
    assertThat(longId).hasSize(256);
    StorePlan store =
        store(
            policy(
                "p",
                EnforcementMode.Enforce,
                true,
                rule("long-rule", expiration(longId, "a/", 1))));

    assertThatThrownBy(() -> DesiredLifecycleRules.of(store))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("RetentionPolicy/ekyc/p rule long-rule")
        .hasMessageContaining("256 characters, S3 allows at most 255")
        .hasMessageContaining("shorten");
  }

  @Test
  void anIdOfExactlyTheS3LimitIsAccepted() {
    String longestId = OURS + "p/" + "r".repeat(255 - OURS.length() - 2);
    assertThat(longestId).hasSize(255);
    StorePlan store =
        store(
            policy(
                "p",
                EnforcementMode.Enforce,
                true,
                rule("long-rule", expiration(longestId, "a/", 1))));

    assertThat(DesiredLifecycleRules.of(store))
        .extracting(OwnedLifecycleRule::id)
        .containsExactly(longestId);
  }

  @Test
  void anIdOutsideTheStoresPrefixIsRefused() {
    StorePlan store =
        store(
            policy(
                "p",
                EnforcementMode.Enforce,
                true,
                rule("r", expiration("ekyc-operator:ekyc/other-store/r", "a/", 1))));

    assertThatThrownBy(() -> DesiredLifecycleRules.of(store))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("ekyc-operator:ekyc/other-store/r")
        .hasMessageContaining("does not start with " + OURS);
  }

  @Test
  void twoRulesWithOneIdAreRefused() {
    StorePlan store =
        store(
            policy("p", EnforcementMode.Enforce, true, rule("r", expiration(OURS + "x", "a/", 1))),
            policy("q", EnforcementMode.Enforce, true, rule("s", expiration(OURS + "x", "b/", 1))));

    assertThatThrownBy(() -> DesiredLifecycleRules.of(store))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("RetentionPolicy/ekyc/q rule s")
        .hasMessageContaining("RetentionPolicy/ekyc/p rule r")
        .hasMessageContaining(OURS + "x");
  }

  @Test
  void aStoreOfAnotherTypeHasNoLifecycleRules() {
    StorePlan sql = new StorePlan(STORE, StoreType.SQL, "SG", "db", List.of());

    assertThatThrownBy(() -> DesiredLifecycleRules.of(sql)).hasMessageContaining("SQL store");
  }

  private static LifecycleExpiration expiration(String id, String prefix, int days) {
    return new LifecycleExpiration(id, prefix, Map.of(), days, Mechanism.Role.BACKSTOP);
  }

  private static RulePlan rule(String name, Mechanism... mechanisms) {
    return new RulePlan(
        name,
        "biometric",
        "test",
        null,
        "s3://b/",
        Duration.ofHours(2),
        List.of(mechanisms),
        Duration.ofHours(3),
        null,
        null,
        "");
  }

  private static PolicyPlan policy(
      String name, EnforcementMode mode, boolean enforceable, RulePlan... rules) {
    return new PolicyPlan(
        new ResourceRef("RetentionPolicy", "ekyc", name),
        STORE,
        StoreType.ObjectStorage,
        mode,
        "*/15 * * * *",
        1000,
        List.of(rules),
        Duration.ofHours(3),
        enforceable);
  }

  private static StorePlan store(PolicyPlan... policies) {
    return new StorePlan(STORE, StoreType.ObjectStorage, "SG", "s3://b", List.of(policies));
  }
}
