package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.JobResults;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which job problems of each policy were already announced by an Event, by their stable key, so an
 * ongoing problem gives one Event rather than one per reconcile. Kept in memory: after a restart or
 * a leader change each ongoing problem is announced once more, which is better than reading it back
 * out of a condition's message.
 */
final class ReportedProblems {
  private final Map<String, Set<String>> keysByPolicy = new ConcurrentHashMap<>();

  /**
   * The problems not announced before; remembers exactly the current ones (a cleared problem may
   * come back).
   */
  List<JobResults.Problem> onlyNew(RetentionPolicy policy, List<JobResults.Problem> problems) {
    Set<String> now = problems.stream().map(JobResults.Problem::key).collect(Collectors.toSet());
    Set<String> before = keysByPolicy.put(uid(policy), now);
    return problems.stream().filter(p -> before == null || !before.contains(p.key())).toList();
  }

  void forget(RetentionPolicy policy) {
    keysByPolicy.remove(uid(policy));
  }

  private static String uid(RetentionPolicy policy) {
    String uid = policy.getMetadata().getUid();
    return uid != null
        ? uid
        : policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
  }
}
