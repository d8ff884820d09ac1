package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Backups the DataStore declares, held against the rules' promises at compile time. */
class DeclaredResidualsTest {
  private static final String STORE_WITH_BACKUPS =
      SQL_STORE
          + """
        backups:
        - {name: "TencentDB automatic backups", retention: 7d}
      """;

  private static String policy(String extra) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records}
        spec:
          storeRef: {name: service-db}
          rules:
          - name: records
            dataCategory: monitoring
            table: {name: service_records, timestampColumn: created_at, key: id}
            retention: 2d
            deleteWithin: 3d
        """
        + extra;
  }

  @Test
  void aPromiseShorterThanADeclaredBackupIsRefusedWithTheFix() {
    EnforcementPlan plan = compile(join(STORE_WITH_BACKUPS, policy("")));
    Problem error = plan.problems().stream().filter(Problem::isError).findFirst().orElseThrow();
    assertThat(error.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(error.message())
        .contains("backups ≤ 7d (DataStore spec.backups)")
        .contains("promise 3d")
        .contains("TencentDB automatic backups");
    assertThat(error.fix()).contains("spec.backups").contains("acceptedResiduals (kind backups");
  }

  @Test
  void anAcknowledgedBackupIsAcceptedAndALongerPromiseNeedsNothing() {
    String accepted =
        "    acceptedResiduals:\n    - {kind: Backups, reason: \"kept 7d for disaster recovery, restored"
            + " only into an isolated network\"}\n";
    assertThat(compile(join(STORE_WITH_BACKUPS, policy(accepted))).problems())
        .noneMatch(Problem::isError);
    assertThat(
            compile(
                    join(
                        STORE_WITH_BACKUPS,
                        policy("").replace("deleteWithin: 3d", "deleteWithin: 8d")))
                .problems())
        .noneMatch(Problem::isError);
    assertThat(compile(join(SQL_STORE, policy(""))).problems()).noneMatch(Problem::isError);
  }

  @Test
  void aBackupWithoutRetentionIsUnbounded() {
    String unbounded =
        SQL_STORE
            + """
          backups:
          - {name: "volume snapshots"}
        """;
    assertThat(DeclaredResiduals.of(null)).isEmpty();
    EnforcementPlan plan =
        compile(join(unbounded, policy("").replace("deleteWithin: 3d", "deleteWithin: 700d")));
    assertThat(
            plan.problems().stream().filter(Problem::isError).findFirst().orElseThrow().message())
        .contains("backups unbounded")
        .contains("volume snapshots, no retention declared");
  }
}
