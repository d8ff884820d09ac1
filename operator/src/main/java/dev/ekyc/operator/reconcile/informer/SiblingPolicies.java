package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The set of policies one reconciliation judges together: the siblings as their informer holds
 * them, with the policy being reconciled in the version JOSDK handed over (the siblings' copy of it
 * may be older or newer; using the handed-over one keeps status consistent with the generation it
 * reports).
 */
public final class SiblingPolicies {
  private SiblingPolicies() {}

  public static List<RetentionPolicy> withCurrent(
      RetentionPolicy current, List<RetentionPolicy> siblings) {
    String uid = current.getMetadata().getUid();
    List<RetentionPolicy> all = new ArrayList<>(siblings.size() + 1);
    for (RetentionPolicy sibling : siblings) {
      if (!sameResource(sibling, current, uid)) {
        all.add(sibling);
      }
    }
    all.add(current);
    return all;
  }

  private static boolean sameResource(
      RetentionPolicy sibling, RetentionPolicy current, String uid) {
    if (uid != null && sibling.getMetadata().getUid() != null) {
      return uid.equals(sibling.getMetadata().getUid());
    }
    return Objects.equals(
            sibling.getMetadata().getNamespace(), current.getMetadata().getNamespace())
        && Objects.equals(sibling.getMetadata().getName(), current.getMetadata().getName());
  }
}
