package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress log lines for long sweeps: counts and rate only, never keys (they can hold personal
 * identifiers). Elapsed time uses the local monotonic clock; it measures the run and decides
 * nothing.
 */
final class SweepProgress {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectSweeper.class);

  private final String target;
  private final int everyPages;
  private final long startNanos = System.nanoTime();

  SweepProgress(String target, int everyPages) {
    this.target = target;
    this.everyPages = everyPages;
  }

  void afterPage(long pages, long listed, long deleteQueued, long deleted) {
    if (pages % everyPages == 0) {
      LOG.info(
          "sweep {}: {} pages, {} objects listed ({} /s), {} due for deletion, {} deleted ({} /s)",
          target,
          pages,
          listed,
          rate(listed),
          deleteQueued,
          deleted,
          rate(deleted));
    }
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private String rate(long count) {
    double seconds = Math.max(elapsed().toNanos(), 1) / 1e9;
    return String.format(Locale.ROOT, "%.1f", count / seconds);
  }
}
