package dev.ekyc.operator.objectstore;

import static dev.ekyc.operator.objectstore.S3Rules.prefixRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * The read-merge-write-verify sequence, against an in-memory bucket (the S3 round trip is in
 * S3LifecycleIT).
 */
class LifecycleApplierTest {
  private static final StoreOwnership MEDIA = new StoreOwnership("ekyc", "media");
  private static final OwnedLifecycleRule LIVENESS =
      new OwnedLifecycleRule("ekyc-operator:ekyc/media/liveness", "liveness/", Map.of(), 1);
  private static final LifecycleRule USER_LOGS = prefixRule("user-logs", "logs/", 90);

  /** A bucket in memory; {@code afterWrite} plays another writer acting right after ours. */
  static class MemoryBucket extends S3LifecycleStore {
    BucketLifecycleState state;
    int writes;
    int deletes;
    UnaryOperator<List<LifecycleRule>> afterWrite = UnaryOperator.identity();
    String writtenTransitionSetting;

    MemoryBucket(BucketLifecycleState state) {
      super(null, "test-bucket");
      this.state = state;
    }

    @Override
    public BucketLifecycleState read() {
      return state;
    }

    @Override
    public void write(List<LifecycleRule> rules, String transitionDefaultMinimumObjectSize) {
      writes++;
      deletes += rules.isEmpty() ? 1 : 0;
      writtenTransitionSetting = transitionDefaultMinimumObjectSize;
      List<LifecycleRule> after = afterWrite.apply(rules);
      state =
          after.isEmpty()
              ? BucketLifecycleState.NONE
              : new BucketLifecycleState(after, transitionDefaultMinimumObjectSize);
    }
  }

  private static LifecycleApplier applier(MemoryBucket bucket) {
    return new LifecycleApplier(bucket, 2, Duration.ZERO);
  }

  @Test
  void writesTheMergeAndKeepsTheBucketsTransitionSetting() {
    MemoryBucket bucket =
        new MemoryBucket(new BucketLifecycleState(List.of(USER_LOGS), "varies_by_storage_class"));

    MergedLifecycle result = applier(bucket).apply(MEDIA, List.of(LIVENESS));

    assertThat(bucket.writes).isEqualTo(1);
    assertThat(bucket.state.rules()).containsExactly(USER_LOGS, LIVENESS.toS3());
    assertThat(bucket.writtenTransitionSetting).isEqualTo("varies_by_storage_class");
    assertThat(result.diff().added()).containsExactly(LIVENESS.id());
  }

  @Test
  void nothingIsWrittenWhenNothingChanges() {
    MemoryBucket bucket =
        new MemoryBucket(new BucketLifecycleState(List.of(USER_LOGS, LIVENESS.toS3()), null));

    MergedLifecycle result = applier(bucket).apply(MEDIA, List.of(LIVENESS));

    assertThat(bucket.writes).isZero();
    assertThat(result.diff().writeNeeded()).isFalse();
  }

  @Test
  void aDryRunReportsWithoutWriting() {
    MemoryBucket bucket = new MemoryBucket(new BucketLifecycleState(List.of(USER_LOGS), null));

    MergedLifecycle result = applier(bucket).dryRun(MEDIA, List.of(LIVENESS));

    assertThat(result.diff().added()).containsExactly(LIVENESS.id());
    assertThat(bucket.writes).isZero();
    assertThat(bucket.state.rules()).containsExactly(USER_LOGS);
  }

  @Test
  void removingTheLastRuleDeletesTheConfiguration() {
    MemoryBucket bucket =
        new MemoryBucket(new BucketLifecycleState(List.of(LIVENESS.toS3()), null));

    applier(bucket).apply(MEDIA, List.of());

    assertThat(bucket.deletes).isEqualTo(1);
    assertThat(bucket.state.rules()).isEmpty();
  }

  @Test
  void aForeignRuleChangedByAnotherWriterFailsVerificationWithWhatToDo() {
    MemoryBucket bucket = new MemoryBucket(new BucketLifecycleState(List.of(USER_LOGS), null));
    bucket.afterWrite =
        rules -> {
          List<LifecycleRule> changed = new ArrayList<>(rules);
          changed.set(0, prefixRule("user-logs", "logs/", 30));
          return changed;
        };

    assertThatThrownBy(() -> applier(bucket).apply(MEDIA, List.of(LIVENESS)))
        .isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("test-bucket")
        .hasMessageContaining("content changed: [user-logs]")
        .hasMessageContaining("re-run");
  }

  @Test
  void aMissingOrAlteredOwnedRuleFailsVerification() {
    MemoryBucket bucket = new MemoryBucket(BucketLifecycleState.NONE);
    OwnedLifecycleRule faces =
        new OwnedLifecycleRule("ekyc-operator:ekyc/media/faces", "faces/", Map.of(), 30);
    bucket.afterWrite =
        rules ->
            List.of(USER_LOGS, new OwnedLifecycleRule(faces.id(), "faces/", Map.of(), 5).toS3());

    assertThatThrownBy(() -> applier(bucket).apply(MEDIA, List.of(LIVENESS, faces)))
        .isInstanceOfSatisfying(
            LifecycleVerificationException.class,
            e ->
                assertThat(e.differences())
                    .containsExactly(
                        "rule ekyc-operator:ekyc/media/liveness is missing",
                        "rule ekyc-operator:ekyc/media/faces should be ekyc-operator:ekyc/media/faces (expire faces/ after"
                            + " 30 days) but is ekyc-operator:ekyc/media/faces (expire faces/ after 5 days)",
                        "the rules not owned by DataStore ekyc/media changed: before the write [], now [user-logs]"));
  }

  @Test
  void aLateButCorrectReadBackPasses() {
    // AWS may serve the old configuration for a moment after a write: the re-read is retried.
    MemoryBucket bucket =
        new MemoryBucket(BucketLifecycleState.NONE) {
          int reads;

          @Override
          public BucketLifecycleState read() {
            reads++;
            return reads == 2 ? BucketLifecycleState.NONE : super.read();
          }
        };

    applier(bucket).apply(MEDIA, List.of(LIVENESS));

    assertThat(bucket.state.rules()).containsExactly(LIVENESS.toS3());
  }
}
