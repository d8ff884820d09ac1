package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Puts one store's lifecycle rules into its bucket without disturbing anyone else's: read the whole
 * configuration, merge, write it back only if the store's rules change, then re-read and verify.
 *
 * <p>S3 has no conditional write for lifecycle configurations (no ETag or version to compare), so a
 * window remains: if another writer replaces the configuration between our read and our write, our
 * write silently drops their change, and the re-read cannot notice because it shows exactly what we
 * wrote. The verification only catches writes that land between our write and the re-read. The
 * window is one round trip; keep other tools from editing a bucket's lifecycle while the operator
 * reconciles it, or re-run after they did. AWS also documents that a new configuration can take a
 * while to propagate, so the re-read is retried a few times before the write is declared lost.
 */
public final class LifecycleApplier {
  private final S3LifecycleStore store;
  private final int verifyReads;
  private final Duration verifyPause;

  /**
   * Five re-reads two seconds apart ride out propagation delays without blocking a reconcile for
   * long.
   */
  public LifecycleApplier(S3Client s3, String bucket) {
    this(new S3LifecycleStore(s3, bucket), 5, Duration.ofSeconds(2));
  }

  public LifecycleApplier(S3LifecycleStore store, int verifyReads, Duration verifyPause) {
    if (verifyReads < 1) {
      throw new IllegalArgumentException("verifyReads must be at least 1, got " + verifyReads);
    }
    this.store = store;
    this.verifyReads = verifyReads;
    this.verifyPause = verifyPause;
  }

  /** What {@link #apply} would do, without writing. */
  public MergedLifecycle dryRun(StoreOwnership ownership, List<OwnedLifecycleRule> desired) {
    return LifecycleMerge.merge(store.read().rules(), ownership, desired);
  }

  /**
   * Makes the store's rules in the bucket the desired ones. Returns the merge (its diff says
   * whether anything was written); throws {@link LifecycleVerificationException} when the re-read
   * shows something else.
   */
  public MergedLifecycle apply(StoreOwnership ownership, List<OwnedLifecycleRule> desired) {
    BucketLifecycleState before = store.read();
    MergedLifecycle merged = LifecycleMerge.merge(before.rules(), ownership, desired);
    if (!merged.diff().writeNeeded()) {
      return merged;
    }
    store.write(merged.rules(), before.transitionDefaultMinimumObjectSize());
    List<LifecycleRule> othersBefore =
        before.rules().stream().filter(r -> !ownership.owns(r.id())).toList();
    verify(ownership, desired, othersBefore);
    return merged;
  }

  private void verify(
      StoreOwnership ownership,
      List<OwnedLifecycleRule> desired,
      List<LifecycleRule> othersBefore) {
    List<String> differences = List.of();
    for (int read = 1; read <= verifyReads; read++) {
      differences =
          LifecycleVerification.differences(ownership, desired, othersBefore, store.read().rules());
      if (differences.isEmpty()) {
        return;
      }
      if (read < verifyReads) {
        pause();
      }
    }
    throw new LifecycleVerificationException(
        "the lifecycle configuration of bucket "
            + store.bucket()
            + " is not what "
            + ownership
            + " wrote: "
            + String.join("; ", differences)
            + ". Another writer probably changed it at the same time (S3 has no conditional write for lifecycle"
            + " rules): re-run to merge again, and keep other tools from editing this bucket's lifecycle rules"
            + " while the operator runs.",
        differences);
  }

  private void pause() {
    try {
      Thread.sleep(verifyPause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleVerificationException(
          "interrupted while verifying the lifecycle configuration of bucket "
              + store.bucket()
              + ": re-run to verify it",
          List.of());
    }
  }
}
