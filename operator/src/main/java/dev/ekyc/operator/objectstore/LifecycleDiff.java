package dev.ekyc.operator.objectstore;

import java.util.List;

/**
 * What merging changes among one store's own rules, by rule ID. Rules of others never appear here.
 */
public record LifecycleDiff(
    List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {

  public LifecycleDiff {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
    unchanged = List.copyOf(unchanged);
  }

  /** False when the bucket already holds exactly the desired rules: then nothing is written. */
  public boolean writeNeeded() {
    return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
  }

  @Override
  public String toString() {
    return writeNeeded()
        ? "added "
            + added
            + ", changed "
            + changed
            + ", removed "
            + removed
            + ", unchanged "
            + unchanged
        : "no change (" + unchanged.size() + " rules up to date)";
  }
}
