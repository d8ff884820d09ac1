package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.job.ObjectCopies;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.RulePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs the job mechanism of one compiled rule against the store; empty when the rule has none for
 * this job.
 */
interface RuleRunner extends AutoCloseable {

  /**
   * Whether this rule has a mechanism this job runs (a rule may be enforced by a native feature
   * alone).
   */
  boolean handles(RulePlan rule);

  /** Counts for the record; throws on a backend error (the caller records the rule as Failed). */
  Counts run(RulePlan rule) throws Exception;

  @Override
  void close();

  /** The rule's primary mechanism of {@code type}, if it has one: what a job runs for it. */
  static <M extends Mechanism> Optional<M> primary(RulePlan rule, Class<M> type) {
    return rule.mechanisms().stream()
        .filter(m -> type.isInstance(m) && m.role() == Mechanism.Role.PRIMARY)
        .map(type::cast)
        .findFirst();
  }

  /** Seconds from {@code since} to {@code now}, never negative; null without {@code since}. */
  static Long ageSeconds(Instant since, Instant now) {
    return since == null ? null : Math.max(0L, Duration.between(since, now).toSeconds());
  }

  /**
   * What the engine reported, in the record's terms; null where the engine cannot tell.
   *
   * @param backlogAgeSeconds with a backlog, the age (by the backend's clock, at the end of the
   *     rule) of the oldest data the run saw that is still due; null when the engine cannot tell
   * @param objectCopies object rules only (else null): versions, markers, uploads and locks,
   *     counted separately
   * @param failure why the rule failed although the store accepted every request (e.g. a deletion
   *     that only hid the data); null otherwise
   */
  record Counts(
      String serverTime,
      String deleteCutoff,
      String consentedDeleteCutoff,
      String eraseCutoff,
      Long listed,
      Long deleted,
      Long erased,
      Long keptForConsent,
      Long keptForLegalHold,
      Long tooYoung,
      Long nullTimestamps,
      long errors,
      boolean capReached,
      boolean backlog,
      Long backlogAgeSeconds,
      ObjectCopies objectCopies,
      String failure) {

    /**
     * Counts of a rule on a store without object copies, that failed only if the store refused
     * deletions.
     */
    Counts(
        String serverTime,
        String deleteCutoff,
        String consentedDeleteCutoff,
        String eraseCutoff,
        Long listed,
        Long deleted,
        Long erased,
        Long keptForConsent,
        Long keptForLegalHold,
        Long tooYoung,
        Long nullTimestamps,
        long errors,
        boolean capReached,
        boolean backlog,
        Long backlogAgeSeconds) {
      this(
          serverTime,
          deleteCutoff,
          consentedDeleteCutoff,
          eraseCutoff,
          listed,
          deleted,
          erased,
          keptForConsent,
          keptForLegalHold,
          tooYoung,
          nullTimestamps,
          errors,
          capReached,
          backlog,
          backlogAgeSeconds,
          null,
          null);
    }

    /**
     * Whether the rule failed: deletions refused, or a failure the engine found in what the store
     * answered.
     */
    boolean failed() {
      return errors > 0 || failure != null;
    }

    /** The record's error text for a failed rule. */
    String failureText() {
      if (failure != null) {
        return errors > 0 ? failure + "; " + errors + " deletions refused by the store" : failure;
      }
      return errors > 0 ? errors + " deletions refused by the store" : null;
    }

    long changed() {
      return (deleted == null ? 0 : deleted) + (erased == null ? 0 : erased);
    }

    /**
     * 0 when the rule finished without backlog; the backlog's oldest age; nothing after errors (not
     * bounded).
     */
    Optional<Long> oldestDueAgeSeconds() {
      if (failed()) {
        return Optional.empty();
      }
      return backlog ? Optional.ofNullable(backlogAgeSeconds) : Optional.of(0L);
    }
  }
}
