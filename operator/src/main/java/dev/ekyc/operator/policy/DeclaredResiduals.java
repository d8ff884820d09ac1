package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.AcceptedResidual;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DeclaredBackup;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The copies a DataStore declares (spec.backups: backups the operator cannot read) and the kinds a
 * rule acknowledges (spec.rules[].acceptedResiduals). A declared backup is static, so a promise
 * shorter than it is refused at compile time, in plan and by the operator alike; copies read from
 * the store (binary log, snapshots) are held against promises by the drift check.
 */
public final class DeclaredResiduals {
  private DeclaredResiduals() {}

  public static List<ResidualCopy> of(DataStore store) {
    List<ResidualCopy> out = new ArrayList<>();
    if (store == null || store.getSpec() == null || store.getSpec().backups == null) {
      return out;
    }
    for (DeclaredBackup backup : store.getSpec().backups) {
      if (backup == null || backup.name == null) {
        continue;
      }
      var retention =
          backup.retention == null || !DurationText.isValid(backup.retention)
              ? null
              : DurationText.parse(backup.retention);
      out.add(
          new ResidualCopy(
              "backups",
              ResidualCopy.State.DECLARED,
              retention,
              "DataStore spec.backups",
              backup.name + (retention == null ? ", no retention declared" : "")));
    }
    return out;
  }

  /** The residual kinds the rule acknowledges, as {@link ResidualCheck#kindKey} names them. */
  public static Set<String> acceptedKinds(RetentionRule rule) {
    Set<String> out = new LinkedHashSet<>();
    if (rule != null && rule.acceptedResiduals != null) {
      for (AcceptedResidual accepted : rule.acceptedResiduals) {
        if (accepted != null && accepted.kind != null) {
          out.add(accepted.kind.key());
        }
      }
    }
    return out;
  }

  /** Refuses a promise shorter than a declared backup the rule does not acknowledge. */
  static void check(RuleContext ctx, RulePlan plan) {
    for (ResidualCheck.Verdict verdict :
        ResidualCheck.check(plan, of(ctx.store()), acceptedKinds(ctx.rule()))) {
      if (verdict.breaks()) {
        ctx.error(
            verdict.promiseField().startsWith("ConsentPolicy") ? null : verdict.promiseField(),
            verdict.message(),
            verdict.fix());
      }
    }
  }
}
