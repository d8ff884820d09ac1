package dev.ekyc.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ekyc.operator.api.v1alpha1.RunSummary;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a policy's result record back: for the operator, to fold the last run into the policy's
 * status and its metrics (job pods live too briefly to be scraped), and for tests. A record that
 * cannot be parsed is reported as absent with the reason, never as a success.
 */
public final class RunRecordReader {
  private final KubernetesClient client;

  public RunRecordReader(KubernetesClient client) {
    this.client = client;
  }

  public Optional<RunRecord> read(String namespace, String policy) {
    ConfigMap map =
        client.configMaps().inNamespace(namespace).withName(RunNames.record(policy)).get();
    return map == null ? Optional.empty() : fromConfigMap(map);
  }

  /**
   * The record held in a ConfigMap (e.g. one from an informer cache); empty when it holds no run
   * yet.
   */
  public static Optional<RunRecord> fromConfigMap(ConfigMap map) {
    Map<String, String> data = map.getData();
    if (data == null || data.get(RunRecordFormat.RUN_KEY) == null) {
      return Optional.empty();
    }
    List<RuleResult> rules = new ArrayList<>();
    data.entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith(RunRecordFormat.RULE_KEY_PREFIX)
                    && e.getKey().endsWith(RunRecordFormat.RULE_KEY_SUFFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> rules.add(parse(e.getValue(), RuleResult.class)));
    return Optional.of(parseRun(data.get(RunRecordFormat.RUN_KEY)).withRules(rules));
  }

  public static RunRecord parseRun(String json) {
    return parse(json, RunRecord.class);
  }

  /** The record as the policy's {@code status.lastRun}: totals over the rules the run reached. */
  public static RunSummary summary(RunRecord record, java.time.Instant now) {
    RunSummary summary = new RunSummary();
    summary.startTime = record.startTime();
    summary.completionTime = record.completionTime();
    RunOutcome outcome = record.effectiveOutcome(now);
    summary.result =
        RunOutcome.Succeeded.equals(outcome) && record.reportOnly()
            ? "Audited"
            : RunOutcome.Succeeded.equals(outcome)
                    && record.rules().stream()
                        .anyMatch(
                            r ->
                                record.runId().equals(r.runId())
                                    && Boolean.TRUE.equals(r.capReached()))
                ? "CapReached"
                : outcome == null ? null : outcome.name();
    List<RuleResult> thisRun =
        record.rules().stream().filter(r -> record.runId().equals(r.runId())).toList();
    summary.deleted = thisRun.stream().mapToLong(r -> r.deleted() == null ? 0 : r.deleted()).sum();
    summary.erased = thisRun.stream().mapToLong(r -> r.erased() == null ? 0 : r.erased()).sum();
    summary.cutoff =
        thisRun.stream()
            .map(RuleResult::deleteCutoff)
            .filter(c -> c != null)
            .findFirst()
            .orElse(null);
    return summary;
  }

  private static <T> T parse(String json, Class<T> type) {
    try {
      return RunRecordFormat.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the result record holds unreadable JSON for "
              + type.getSimpleName()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }
}
