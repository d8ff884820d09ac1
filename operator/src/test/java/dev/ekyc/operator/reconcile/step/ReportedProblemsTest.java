package dev.ekyc.operator.reconcile.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.JobResults;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Event per ongoing problem, told apart by its stable key, never by reading a condition's
 * message.
 */
class ReportedProblemsTest {
  private final ReportedProblems reported = new ReportedProblems();
  private final RetentionPolicy policy = policy("uid-1");

  @Test
  void anOngoingProblemIsAnnouncedOnceEvenAsItsMessageGrows() {
    var first =
        new JobResults.Problem(JobResults.OVERDUE, "rule a: data may be up to 10 s past", "rule a");
    var later =
        new JobResults.Problem(JobResults.OVERDUE, "rule a: data may be up to 70 s past", "rule a");
    assertThat(reported.onlyNew(policy, List.of(first))).containsExactly(first);
    assertThat(reported.onlyNew(policy, List.of(later))).isEmpty();
  }

  @Test
  void aProblemThatClearedAndCameBackIsAnnouncedAgain() {
    var missed = new JobResults.Problem(JobResults.JOB_MISSED, "no successful run since ...");
    reported.onlyNew(policy, List.of(missed));
    reported.onlyNew(policy, List.of());
    assertThat(reported.onlyNew(policy, List.of(missed))).containsExactly(missed);
  }

  @Test
  void policiesAreRememberedApartAndForgotten() {
    var failed = new JobResults.Problem(JobResults.JOB_FAILED, "the last run failed");
    reported.onlyNew(policy, List.of(failed));
    assertThat(reported.onlyNew(policy("uid-2"), List.of(failed))).containsExactly(failed);
    reported.forget(policy);
    assertThat(reported.onlyNew(policy, List.of(failed))).containsExactly(failed);
  }

  private static RetentionPolicy policy(String uid) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder().withName("media").withNamespace("ekyc").withUid(uid).build());
    return p;
  }
}
