package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.ConditionTypes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the Ready/Reconciling/Stalled triple every resource of the operator reports, in the shape
 * kstatus, Argo CD and Flux read: exactly one of three states.
 *
 * <ul>
 *   <li>ready: Ready=True, Reconciling=False, Stalled=False;
 *   <li>progressing: Ready=False, Reconciling=True (the operator keeps trying, no action needed
 *       yet);
 *   <li>stalled: Ready=False, Stalled=True (only a change by the user helps).
 * </ul>
 *
 * Transition times are carried over from the previous conditions when a condition's status did not
 * change, as the Kubernetes API conventions require.
 */
public final class Conditions {
  public static final String READY = ConditionTypes.READY;
  public static final String RECONCILING = ConditionTypes.RECONCILING;
  public static final String STALLED = ConditionTypes.STALLED;
  public static final String DRIFTED = ConditionTypes.DRIFTED;
  public static final String COMPLIANT = ConditionTypes.COMPLIANT;

  /** Condition messages are for humans; very long ones (many problems) are cut here. */
  static final int MAX_MESSAGE = 4000;

  private Conditions() {}

  public static List<Condition> ready(long generation, String reason, String message) {
    return List.of(
        condition(READY, true, reason, message, generation),
        condition(RECONCILING, false, reason, "", generation),
        condition(STALLED, false, reason, "", generation));
  }

  public static List<Condition> progressing(long generation, String reason, String message) {
    return List.of(
        condition(READY, false, reason, message, generation),
        condition(RECONCILING, true, reason, message, generation),
        condition(STALLED, false, reason, "", generation));
  }

  public static List<Condition> stalled(long generation, String reason, String message) {
    return List.of(
        condition(READY, false, reason, message, generation),
        condition(RECONCILING, false, reason, "", generation),
        condition(STALLED, true, reason, message, generation));
  }

  /**
   * Sets each desired condition's lastTransitionTime: the previous one when the status is
   * unchanged, else {@code now} (whole seconds, as the API stores it).
   */
  public static List<Condition> withTransitionTimes(
      List<Condition> desired, List<Condition> previous, Instant now) {
    String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
    List<Condition> out = new ArrayList<>(desired.size());
    for (Condition d : desired) {
      String time =
          find(previous, d.getType())
              .filter(
                  p ->
                      Objects.equals(p.getStatus(), d.getStatus())
                          && p.getLastTransitionTime() != null)
              .map(Condition::getLastTransitionTime)
              .orElse(nowText);
      out.add(new ConditionBuilder(d).withLastTransitionTime(time).build());
    }
    return out;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /**
   * The Ready condition when it differs from the previous one in status or reason: what deserves a
   * Kubernetes Event. Empty when nothing a human would care about changed.
   */
  public static Optional<Condition> readyChange(List<Condition> previous, List<Condition> next) {
    Optional<Condition> before = find(previous, READY);
    return find(next, READY)
        .filter(
            after ->
                before.isEmpty()
                    || !Objects.equals(before.get().getStatus(), after.getStatus())
                    || !Objects.equals(before.get().getReason(), after.getReason()));
  }

  static Condition condition(
      String type, boolean status, String reason, String message, long generation) {
    return condition(type, status ? "True" : "False", reason, message, generation);
  }

  /** A condition with status True, False or Unknown. */
  public static Condition condition(
      String type, String status, String reason, String message, long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(shorten(message))
        .withObservedGeneration(generation)
        .build();
  }

  static String shorten(String message) {
    if (message == null) {
      return "";
    }
    return message.length() <= MAX_MESSAGE
        ? message
        : message.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
