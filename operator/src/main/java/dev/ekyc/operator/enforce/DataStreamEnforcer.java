package dev.ekyc.operator.enforce;

import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.search.DataStreamLifecycleResult;
import dev.ekyc.operator.search.ElasticsearchDataStreamLifecycle;
import java.util.List;
import java.util.Optional;

/**
 * Checks and, when writing, applies one policy's data stream lifecycles on one Elasticsearch
 * cluster in one pass. A cluster without the data stream lifecycle (before 8.11) gets no request
 * but {@code GET /}: each mechanism is reported NotApplied with the reason, so status and Compliant
 * say the rule is not enforced there.
 */
final class DataStreamEnforcer {
  private final ElasticsearchDataStreamLifecycle adapter;
  private Optional<String> unsupported;

  DataStreamEnforcer(ElasticsearchDataStreamLifecycle adapter) {
    this.adapter = adapter;
  }

  MechanismCheck enforce(
      String policy,
      String rule,
      DataStreamRetention retention,
      boolean writes,
      PreviousChecks previous,
      DriftListener onDrift) {
    if (unsupported == null) {
      unsupported =
          adapter.unsupportedReason(); // once per pass: the version does not change within it
    }
    if (unsupported.isPresent()) {
      return new MechanismCheck(
          policy,
          rule,
          retention.kind(),
          retention.dataStream(),
          false,
          MechanismState.NotApplied,
          "not applied: "
              + unsupported.get()
              + "; upgrade the cluster, or select the"
              + " backing indices with indices.pattern so that ILM deletes them",
          List.of());
    }
    DataStreamLifecycleResult seen = adapter.dryRun(retention);
    MechanismCheck before = check(policy, rule, retention, seen, false, previous);
    if (!writes || !seen.changesAnything()) {
      return before;
    }
    // Drift is reported before it is restored, so it shows even in Enforce mode.
    if (before.state() == MechanismState.Drifted) {
      onDrift.detected(List.of(before));
    }
    return check(policy, rule, retention, adapter.apply(retention), true, previous);
  }

  private static MechanismCheck check(
      String policy,
      String rule,
      DataStreamRetention retention,
      DataStreamLifecycleResult result,
      boolean written,
      PreviousChecks previous) {
    if (!result.streamExists()) {
      return new MechanismCheck(
          policy,
          rule,
          retention.kind(),
          retention.dataStream(),
          false,
          MechanismState.InSync,
          "",
          List.of(
              "data stream "
                  + retention.dataStream()
                  + " does not exist yet: Elasticsearch sets a lifecycle"
                  + " only on an existing stream, so it is set at the first check after the stream appears"));
    }
    if (!result.changesAnything()) {
      return new MechanismCheck(
          policy,
          rule,
          retention.kind(),
          retention.dataStream(),
          true,
          MechanismState.InSync,
          "",
          List.of());
    }
    String what =
        "data stream lifecycle "
            + (result.found() == null ? "absent or disabled" : "data_retention " + result.found())
            + ", planned "
            + DurationText.format(retention.dataRetention());
    MechanismState state = previous.differing(retention.dataStream(), written);
    String difference =
        switch (state) {
          case Applied -> "written (" + what + ")";
          case Corrected -> "restored (someone changed it: " + what + ")";
          case Drifted -> what;
          default -> "would write (" + what + ")";
        };
    return new MechanismCheck(
        policy, rule, retention.kind(), retention.dataStream(), true, state, difference, List.of());
  }
}
