package dev.ekyc.operator.search;

/**
 * What applying a data stream lifecycle did (or, in a dry run, would do). {@code lifecycle} is
 * {@link Change#NOT_APPLICABLE} when the data stream does not exist: Elasticsearch sets a lifecycle
 * only on an existing stream. {@code found} is the retention the stream had (null for none).
 */
public record DataStreamLifecycleResult(
    String dataStream, boolean dryRun, Change lifecycle, String found) {

  public boolean streamExists() {
    return lifecycle != Change.NOT_APPLICABLE;
  }

  public boolean changesAnything() {
    return lifecycle.writes();
  }
}
