package dev.ekyc.operator.objectstore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where one sweep's S3 requests run: a fixed pool of {@code concurrency} daemon threads, or, with
 * 1, the caller's thread (every request in turn, in order). The pool is the sweep's bound on
 * requests in flight; it lives for one sweep and is shut down by {@link #close()}.
 */
final class SweepRequests implements AutoCloseable {
  private static final AtomicInteger SWEEPS = new AtomicInteger();

  private final ExecutorService pool;

  SweepRequests(int concurrency) {
    if (concurrency <= 1) {
      pool = null;
      return;
    }
    int sweep = SWEEPS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "sweep-" + sweep + "-" + thread.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    pool = Executors.newFixedThreadPool(concurrency, factory);
  }

  <T> CompletableFuture<T> submit(Supplier<T> request) {
    if (pool == null) {
      try {
        return CompletableFuture.completedFuture(request.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(request, pool);
  }

  /** The request's result, or its own exception (an S3Exception stays an S3Exception). */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
