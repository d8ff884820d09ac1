package dev.ekyc.operator.objectstore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Lists a rule's prefix as shards: one paged listing with delimiter "/" gives the objects directly under the
 * prefix (decided here, as the pages come) and its sub-prefixes, each then listed recursively and decided by
 * {@link SweepRun#walk} on one of {@code shards} threads. A listing is sequential by nature (each page needs the
 * last one's token), so shards are what lets listing, on S3 and on servers whose listing cost grows with the
 * bucket, use more than one connection. At most {@code shards} sub-prefixes are in progress, and a delimiter page
 * holds at most pageSize of them, so memory does not grow with the bucket. Every object is under exactly one
 * sub-prefix or directly under the prefix, so each is decided once.
 */
final class ShardedListing {
  private static final String DELIMITER = "/";

  private final SweepRun run;
  private final SweepRequests requests;
  private final int shards;

  ShardedListing(SweepRun run, SweepRequests requests, int shards) {
    this.run = run;
    this.requests = requests;
    this.shards = shards;
  }

  void listAndDecide() {
    String prefix = run.rule().prefix();
    Semaphore slots = new Semaphore(shards);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(shards, r -> {
      Thread thread = new Thread(r, "sweep-shard");
      thread.setDaemon(true);
      return thread;
    });
    try {
      String token = null;
      do {
        String continuation = token;
        ListObjectsV2Response page = SweepRequests.await(
            requests.submit(() -> run.list(prefix, continuation, DELIMITER)));
        run.firstPage(page);
        run.decidePage(page.contents());
        for (CommonPrefix sub : page.commonPrefixes()) {
          if (run.stopped() || failure.get() != null) {
            break;
          }
          if (sub.prefix() == null || !sub.prefix().startsWith(prefix)) {
            throw new SweepException("the server listed a sub-prefix outside prefix " + prefix
                + "; refusing to decide on a listing that ignores the prefix");
          }
          slots.acquireUninterruptibly();
          CompletableFuture.runAsync(() -> run.walk(sub.prefix()), pool).whenComplete((done, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
              run.stop();
            }
            slots.release();
          });
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null && !run.stopped() && failure.get() == null);
    } catch (RuntimeException e) {
      run.stop();
      throw e;
    } finally {
      slots.acquireUninterruptibly(shards); // every shard has ended
      pool.shutdownNow();
    }
    Throwable error = failure.get();
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SweepException("a shard of the sweep of " + prefix + " failed: " + cause);
    }
  }
}
