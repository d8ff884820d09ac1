package dev.ekyc.operator.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for every index a rule's pattern matches, whether one sweep run deletes it. Pure (no
 * I/O, no clock), so each case is a unit test. In order: an index whose name does not match the
 * pattern (the cluster resolves an alias or a data stream that matches it to indices that need not)
 * is never touched; nor is a system or hidden index; an index without a creation date has an
 * unknown age and stays; an index created at or after the cutoff is too young; a due index that
 * carries the legal-hold alias is held; a due index that is the write index of an alias (flagged
 * {@code is_write_index}, or the only index of its alias, which the cluster then writes to) is
 * kept; the rest are due, deleted oldest first up to the run's cap, and what the cap leaves is the
 * backlog.
 */
final class IndexSweepDecider {

  enum Verdict {
    DELETE,
    OUTSIDE_PATTERN,
    BACKLOG,
    TOO_YOUNG,
    HELD,
    WRITE_INDEX,
    NO_CREATION_DATE,
    SYSTEM_OR_HIDDEN
  }

  record Decision(IndexFacts index, Verdict verdict) {}

  /**
   * The decisions in deletion order (due indices oldest first), and the counts the record reports.
   */
  record Outcome(List<Decision> decisions) {

    long count(Verdict verdict) {
      return decisions.stream().filter(d -> d.verdict() == verdict).count();
    }

    List<IndexFacts> toDelete() {
      return decisions.stream()
          .filter(d -> d.verdict() == Verdict.DELETE)
          .map(Decision::index)
          .toList();
    }

    /** Creation time of the oldest due index the cap left for the next run. */
    Optional<Instant> oldestBacklog() {
      return decisions.stream()
          .filter(d -> d.verdict() == Verdict.BACKLOG)
          .map(d -> d.index().created())
          .min(Comparator.naturalOrder());
    }
  }

  private IndexSweepDecider() {}

  /**
   * @param pattern the rule's index pattern: a literal name, or a literal prefix and one trailing
   *     '*'
   * @param aliasSizes for each alias of a matching index, how many indices of the whole cluster
   *     carry it (an alias missing here counts as carried by one index, which keeps its index:
   *     unknown means keep)
   * @param holdAlias the legal-hold alias, or null
   * @param cutoff indices created strictly before it are due (the cluster's time minus the rule's
   *     deleteAfter)
   * @param cap the most indices this run may delete
   */
  static Outcome decide(
      List<IndexFacts> indices,
      String pattern,
      Map<String, Integer> aliasSizes,
      String holdAlias,
      Instant cutoff,
      long cap) {
    List<Decision> kept = new ArrayList<>();
    List<IndexFacts> due = new ArrayList<>();
    for (IndexFacts index : indices) {
      Verdict verdict = keptBecause(index, pattern, aliasSizes, holdAlias, cutoff);
      if (verdict == null) {
        due.add(index);
      } else {
        kept.add(new Decision(index, verdict));
      }
    }
    due.sort(Comparator.comparing(IndexFacts::created).thenComparing(IndexFacts::name));
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < due.size(); i++) {
      decisions.add(new Decision(due.get(i), i < cap ? Verdict.DELETE : Verdict.BACKLOG));
    }
    decisions.addAll(kept);
    return new Outcome(List.copyOf(decisions));
  }

  /** Why an index stays whatever the cap, or null when it is due. */
  static Verdict keptBecause(
      IndexFacts index,
      String pattern,
      Map<String, Integer> aliasSizes,
      String holdAlias,
      Instant cutoff) {
    if (!matches(index.name(), pattern)) {
      return Verdict.OUTSIDE_PATTERN;
    }
    if (index.systemOrHidden()) {
      return Verdict.SYSTEM_OR_HIDDEN;
    }
    if (index.created() == null) {
      return Verdict.NO_CREATION_DATE;
    }
    if (!index.created().isBefore(cutoff)) {
      return Verdict.TOO_YOUNG;
    }
    if (holdAlias != null && index.aliases().containsKey(holdAlias)) {
      return Verdict.HELD;
    }
    if (isWriteIndex(index, aliasSizes, holdAlias)) {
      return Verdict.WRITE_INDEX;
    }
    return null;
  }

  /**
   * The name itself matches the pattern (a literal prefix and one trailing '*', or the literal
   * name).
   */
  static boolean matches(String name, String pattern) {
    return pattern.endsWith("*")
        ? name.startsWith(pattern.substring(0, pattern.length() - 1))
        : name.equals(pattern);
  }

  /**
   * Flagged as an alias's write index, or the only index of an alias (which then receives its
   * writes).
   */
  static boolean isWriteIndex(IndexFacts index, Map<String, Integer> aliasSizes, String holdAlias) {
    for (Map.Entry<String, Boolean> alias : index.aliases().entrySet()) {
      if (alias.getKey().equals(holdAlias)) {
        continue;
      }
      if (Boolean.TRUE.equals(alias.getValue())
          || aliasSizes.getOrDefault(alias.getKey(), 1) <= 1) {
        return true;
      }
    }
    return false;
  }

  /** The aliases whose cluster-wide size the decision needs: those of indices that may be due. */
  static Set<String> aliasesToSize(
      List<IndexFacts> indices, String pattern, String holdAlias, Instant cutoff) {
    Set<String> aliases = new java.util.TreeSet<>();
    for (IndexFacts index : indices) {
      if (matches(index.name(), pattern)
          && !index.systemOrHidden()
          && index.created() != null
          && index.created().isBefore(cutoff)) {
        aliases.addAll(index.aliases().keySet());
      }
    }
    if (holdAlias != null) {
      aliases.remove(holdAlias);
    }
    return aliases;
  }
}
