package dev.ekyc.operator.objectstore;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists a rule's prefix as shards: one paged listing with delimiter "/" gives the objects directly
 * under the prefix (decided here) and its sub-prefixes, each then listed recursively and decided by
 * {@link SweepRun#walk} on one of {@code shards} threads. A listing is sequential by nature (each
 * page needs the last one's token), so shards are what lets listing, on S3 and on servers whose
 * listing cost grows with the bucket, use more than one connection. At most {@code shards}
 * sub-prefixes are in progress and a delimiter page holds at most pageSize of them, so memory does
 * not grow with the bucket.
 *
 * <p>Sub-prefixes holding few objects each (one folder per user with a handful of files) would make
 * a request per sub-prefix where one listing needs a request per page of keys. Once enough shards
 * have ended to judge, and they returned less than a tenth of a page per request, sharding stops:
 * the rest of the prefix is walked as one listing, starting after the last key or sub-prefix
 * already handed out. Sharding so costs at most about ten times the list requests of one listing
 * (S3 bills them), in exchange for listing on several connections. Every key is decided exactly
 * once: by the delimiter listing (directly under the prefix, before the point where sharding
 * stopped), by the shard of its sub-prefix, or by that final walk.
 */
final class ShardedListing {
  private static final String DELIMITER = "/";

  /** Shards that must have ended, per shard thread, before their density is judged. */
  private static final int JUDGE_AFTER_ROUNDS = 2;

  /** Shards averaging under 1/this of a page per list request are sparse. */
  private static final int SPARSE_PAGE_FRACTION = 10;

  private final SweepRun run;
  private final SweepRequests requests;
  private final int shards;
  private final int pageSize;
  private final AtomicLong shardsEnded = new AtomicLong();
  private final AtomicLong shardRequests = new AtomicLong();
  private final AtomicLong shardObjects = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  ShardedListing(SweepRun run, SweepRequests requests, int shards, int pageSize) {
    this.run = run;
    this.requests = requests;
    this.shards = shards;
    this.pageSize = pageSize;
  }

  /** Where a final walk resumes: after {@code startAfter}, leaving out keys under {@code skip}. */
  private record Resume(String startAfter, String skip) {
    Resume later(Resume other) {
      if (startAfter == null) {
        return other;
      }
      return KeyOrder.compare(other.startAfter, startAfter) > 0 ? other : this;
    }
  }

  void listAndDecide() {
    String prefix = run.rule().prefix();
    Semaphore slots = new Semaphore(shards);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            shards,
            r -> {
              Thread thread = new Thread(r, "sweep-shard");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Resume resume = new Resume(null, null);
      boolean sparse = false;
      String token = null;
      do {
        String continuation = token;
        ListObjectsV2Response page =
            SweepRequests.await(requests.submit(() -> run.list(prefix, continuation, DELIMITER)));
        run.firstPage(page);
        String stopBefore = null;
        for (CommonPrefix sub : page.commonPrefixes()) {
          if (run.stopped() || failure.get() != null) {
            break;
          }
          if (sub.prefix() == null || !sub.prefix().startsWith(prefix)) {
            throw new SweepException(
                "the server listed a sub-prefix outside prefix "
                    + prefix
                    + "; refusing to decide on a listing that ignores the prefix");
          }
          if (sparse()) {
            sparse = true;
            stopBefore = sub.prefix();
            break;
          }
          slots.acquireUninterruptibly();
          submitShard(pool, slots, sub.prefix());
          resume = resume.later(new Resume(sub.prefix(), sub.prefix()));
        }
        String stop = stopBefore;
        List<S3Object> direct =
            stop == null
                ? page.contents()
                : page.contents().stream()
                    .filter(o -> KeyOrder.compare(o.key(), stop) < 0)
                    .toList();
        run.decidePage(direct);
        if (!direct.isEmpty()) {
          resume = resume.later(new Resume(direct.get(direct.size() - 1).key(), null));
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null && !sparse && !run.stopped() && failure.get() == null);
      if (sparse && !run.stopped() && failure.get() == null) {
        run.walk(prefix, resume.startAfter(), resume.skip());
      }
    } catch (RuntimeException e) {
      run.stop();
      throw e;
    } finally {
      slots.acquireUninterruptibly(shards); // every shard has ended
      pool.shutdownNow();
    }
    Throwable error = failure.get();
    if (error != null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SweepException("a shard of the sweep of " + prefix + " failed: " + cause);
    }
  }

  private void submitShard(ExecutorService pool, Semaphore slots, String subPrefix) {
    CompletableFuture.supplyAsync(() -> run.walk(subPrefix), pool)
        .whenComplete(
            (walked, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
                run.stop();
              } else {
                shardRequests.addAndGet(walked.requests());
                shardObjects.addAndGet(walked.objects());
                shardsEnded.incrementAndGet();
              }
              slots.release();
            });
  }

  /** Enough shards ended, and they averaged under a tenth of a page of objects per list request. */
  private boolean sparse() {
    long ended = shardsEnded.get();
    if (ended < (long) JUDGE_AFTER_ROUNDS * shards) {
      return false;
    }
    return shardObjects.get() * SPARSE_PAGE_FRACTION < shardRequests.get() * pageSize;
  }
}
