package dev.ekyc.operator.it;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls until a condition holds; on timeout fails with what was awaited and the last value seen.
 */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(String what, Duration timeout, Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = read.get();
        lastError = null;
        if (last != null && done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + "s waiting for "
                + what
                + "; last seen: "
                + (lastError != null ? lastError : describe(last)),
            lastError);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof io.fabric8.kubernetes.api.model.HasMetadata resource) {
      return io.fabric8.kubernetes.client.utils.Serialization.asJson(resource);
    }
    return String.valueOf(value);
  }
}
