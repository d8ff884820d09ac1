package dev.ekyc.operator.reconcile.informer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiblingPoliciesTest {

  private static RetentionPolicy policy(
      String namespace, String name, String uid, long generation) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid(uid)
            .withGeneration(generation)
            .build());
    return p;
  }

  @Test
  void theReconciledVersionReplacesTheSiblingsCopyOfTheSameResource() {
    RetentionPolicy stale = policy("a", "first", "u1", 1);
    RetentionPolicy other = policy("a", "second", "u2", 1);
    RetentionPolicy current = policy("a", "first", "u1", 2);

    List<RetentionPolicy> all = SiblingPolicies.withCurrent(current, List.of(stale, other));

    assertThat(all).containsExactlyInAnyOrder(current, other);
  }

  @Test
  void aPolicyTheSiblingsHaveNotSeenYetIsAdded() {
    RetentionPolicy other = policy("a", "second", "u2", 1);
    RetentionPolicy current = policy("a", "first", "u1", 1);

    assertThat(SiblingPolicies.withCurrent(current, List.of(other)))
        .containsExactlyInAnyOrder(current, other);
  }

  @Test
  void aPolicyOfTheSameNameInAnotherNamespaceIsKept() {
    RetentionPolicy sameNameOtherNamespace = policy("b", "first", "u9", 1);
    RetentionPolicy current = policy("a", "first", "u1", 1);

    assertThat(SiblingPolicies.withCurrent(current, List.of(sameNameOtherNamespace)))
        .containsExactlyInAnyOrder(current, sameNameOtherNamespace);
  }
}
