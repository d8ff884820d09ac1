package dev.ekyc.operator.objectstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Finds enabled rules the store does not own that can expire its objects sooner than its own rules:
 * a shorter Expiration.Days, or a fixed Expiration.Date (which deletes whatever it matches on that
 * day, however young). Rules that only transition, abort uploads or expire noncurrent versions
 * delete no current object.
 */
final class EarlyExpiryCheck {
  private EarlyExpiryCheck() {}

  static List<LifecycleWarning> warnings(
      List<LifecycleRule> others, List<OwnedLifecycleRule> owned, StoreOwnership ownership) {
    List<LifecycleWarning> warnings = new ArrayList<>();
    for (LifecycleRule other : others) {
      Optional<RuleScope> scope = RuleScope.of(other);
      if (other.status() != ExpirationStatus.ENABLED
          || other.expiration() == null
          || scope.isEmpty()) {
        continue;
      }
      for (OwnedLifecycleRule ours : owned) {
        if (!scope.get().overlaps(ours.scope())) {
          continue;
        }
        String when = earlierExpiry(other, ours);
        if (when != null) {
          warnings.add(
              new LifecycleWarning(
                  other.id(), ours.id(), message(other, scope.get(), when, ours, ownership)));
        }
      }
    }
    return warnings;
  }

  /** How the other rule expires objects, when that can be earlier than ours; else null. */
  private static String earlierExpiry(LifecycleRule other, OwnedLifecycleRule ours) {
    var expiration = other.expiration();
    if (expiration.date() != null) {
      return "on " + expiration.date() + " whatever their age";
    }
    if (expiration.days() != null && expiration.days() < ours.days()) {
      return "after " + expiration.days() + (expiration.days() == 1 ? " day" : " days");
    }
    return null;
  }

  private static String message(
      LifecycleRule other,
      RuleScope scope,
      String when,
      OwnedLifecycleRule ours,
      StoreOwnership ownership) {
    String name = other.id() == null ? "an unnamed lifecycle rule" : "lifecycle rule " + other.id();
    String whose =
        other.id() != null && other.id().startsWith(StoreOwnership.OPERATOR_PREFIX)
            ? "written by ekyc-operator for another DataStore"
            : "not managed by ekyc-operator";
    return name
        + " ("
        + whose
        + ") expires objects under "
        + scope
        + " "
        + when
        + ", earlier than rule "
        + ours.id()
        + " of "
        + ownership
        + " ("
        + ours.days()
        + (ours.days() == 1 ? " day" : " days")
        + " for "
        + ours.scope()
        + "): objects this policy keeps can be deleted early, and the operator never"
        + " changes rules it does not own. If that is not intended, change or remove that rule in the bucket's"
        + " lifecycle configuration.";
  }
}
