package dev.ekyc.operator.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to do with the existing indices that match a pattern: attach our policy to those without
 * any, detach it from those under legal hold, and leave alone those another policy governs (not
 * ours to take over; the caller reports them). Lists are sorted so that results and requests are
 * stable.
 */
public record AttachmentPlan(
    List<String> attach,
    List<String> detachForLegalHold,
    List<String> alreadyAttached,
    List<String> heldWithoutPolicy,
    Map<String, String> otherPolicy) {

  public AttachmentPlan {
    attach = List.copyOf(attach);
    detachForLegalHold = List.copyOf(detachForLegalHold);
    alreadyAttached = List.copyOf(alreadyAttached);
    heldWithoutPolicy = List.copyOf(heldWithoutPolicy);
    otherPolicy = Map.copyOf(otherPolicy);
  }

  public static AttachmentPlan of(
      String policyId, Collection<IndexPolicyState> indices, Set<String> heldIndices) {
    List<String> attach = new ArrayList<>();
    List<String> detach = new ArrayList<>();
    List<String> attached = new ArrayList<>();
    List<String> heldBare = new ArrayList<>();
    Map<String, String> other = new TreeMap<>();
    for (IndexPolicyState state : indices) {
      boolean held = heldIndices.contains(state.index());
      boolean ours = policyId.equals(state.policy());
      if (state.policy() != null && !ours) {
        other.put(state.index(), state.policy());
      } else if (held) {
        (ours ? detach : heldBare).add(state.index());
      } else {
        (ours ? attached : attach).add(state.index());
      }
    }
    attach.sort(null);
    detach.sort(null);
    attached.sort(null);
    heldBare.sort(null);
    return new AttachmentPlan(attach, detach, attached, heldBare, other);
  }

  /** The indices that run, or are about to run, our policy. */
  public List<String> governed() {
    List<String> all = new ArrayList<>(alreadyAttached);
    all.addAll(attach);
    all.sort(null);
    return all;
  }

  /**
   * What is not as planned after applying: a governed index running another policy or none, a held
   * index still running ours. An index gone meanwhile is fine: the lifecycle may delete an old
   * index as soon as it has the policy, which is the point.
   */
  public List<String> unmetBy(String policyId, Collection<IndexPolicyState> now) {
    Map<String, String> policyByIndex = new TreeMap<>();
    for (IndexPolicyState state : now) {
      policyByIndex.put(state.index(), state.policy() == null ? "" : state.policy());
    }
    List<String> unmet = new ArrayList<>();
    for (String index : governed()) {
      if (policyByIndex.containsKey(index) && !policyId.equals(policyByIndex.get(index))) {
        String actual = policyByIndex.get(index);
        unmet.add(
            index
                + (actual.isEmpty() ? " runs no policy" : " runs " + actual)
                + " instead of "
                + policyId);
      }
    }
    for (String index : held()) {
      if (policyId.equals(policyByIndex.get(index))) {
        unmet.add(index + " is under legal hold but still runs " + policyId);
      }
    }
    return unmet;
  }

  /** The held indices that must not run our policy. */
  public List<String> held() {
    List<String> all = new ArrayList<>(detachForLegalHold);
    all.addAll(heldWithoutPolicy);
    all.sort(null);
    return all;
  }
}
