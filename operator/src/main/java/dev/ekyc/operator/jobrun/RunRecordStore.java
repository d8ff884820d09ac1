package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordFormat;
import dev.ekyc.operator.job.RunRecordReader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes the result record: one ConfigMap per policy ({@link RunNames#record}), owned by the
 * policy, with the run in key {@value RunRecordFormat#RunRecordFormat.RUN_KEY} and the last result
 * of each rule in {@code rule.<name>.json}. A rule's key is replaced only when that rule runs
 * again, so a run that dies before reaching a rule leaves the rule's previous result in place.
 * Every write is a read-modify-write guarded by resourceVersion (the operator may read it
 * meanwhile; only the Lease holder writes it).
 *
 * <p>Why a ConfigMap: it outlives the pod and the Job (the CronJob's history limits delete them),
 * it is read by the operator with a watch it already has the RBAC pattern for, it is plain JSON a
 * later receipt can hash and sign, and writing it needs no new CRD field or status write from the
 * job (status belongs to the operator).
 */
public final class RunRecordStore {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RunRecordStore.class);
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final OwnerReference owner;

  public RunRecordStore(
      KubernetesClient client, String namespace, String policy, OwnerReference owner) {
    this.client = client;
    this.namespace = namespace;
    this.name = RunNames.record(policy);
    this.owner = owner;
  }

  /**
   * The key of a rule's result; rule names are DNS labels, anything else is replaced to fit a
   * ConfigMap key.
   */
  /** The last Succeeded time stored so far, to carry into the next record. */
  public String previousLastSuccess() {
    ConfigMap existing = get();
    if (existing == null
        || existing.getData() == null
        || existing.getData().get(RunRecordFormat.RUN_KEY) == null) {
      return null;
    }
    try {
      return RunRecordReader.parseRun(existing.getData().get(RunRecordFormat.RUN_KEY))
          .lastSuccessTime();
    } catch (IllegalStateException e) {
      // A damaged record must not block every later run; this run writes a new run.json.
      LOG.warn(
          "the result record {}/{} is unreadable ({}); it is replaced by this run's",
          namespace,
          name,
          e.getMessage());
      return null;
    }
  }

  public void writeRun(RunRecord run) {
    update(
        data -> {
          data.put(RunRecordFormat.RUN_KEY, RunRecordFormat.json(run));
          return data;
        });
  }

  public void writeRule(RuleResult rule) {
    update(
        data -> {
          data.put(RunRecordFormat.ruleKey(rule.rule()), RunRecordFormat.json(rule));
          return data;
        });
  }

  private void update(UnaryOperator<Map<String, String>> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ConfigMap existing = get();
      try {
        if (existing == null) {
          client
              .configMaps()
              .inNamespace(namespace)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(name)
                      .withNamespace(namespace)
                      .withOwnerReferences(owner)
                      .addToLabels(RunNames.labels(owner.getName()))
                      .endMetadata()
                      .withData(change.apply(new LinkedHashMap<>()))
                      .build())
              .create();
        } else {
          Map<String, String> data =
              new LinkedHashMap<>(existing.getData() == null ? Map.of() : existing.getData());
          // Owned by the current policy, even if a deleted policy of the same name left it behind.
          client
              .resource(
                  new ConfigMapBuilder(existing)
                      .editMetadata()
                      .withOwnerReferences(owner)
                      .endMetadata()
                      .withData(change.apply(data))
                      .build())
              .update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw new JobRefusal(
              ExitCode.API_UNAVAILABLE,
              "cannot write the result record ConfigMap "
                  + namespace
                  + "/"
                  + name
                  + ": "
                  + ApiErrors.describe(e)
                  + ". The job's ServiceAccount needs get, create and update on"
                  + " configmaps");
        }
        last = e; // someone wrote in between: read again and reapply
      }
    }
    throw new JobRefusal(
        ExitCode.API_UNAVAILABLE,
        "cannot write the result record ConfigMap "
            + namespace
            + "/"
            + name
            + " after "
            + ATTEMPTS
            + " conflicting attempts: "
            + ApiErrors.describe(last));
  }

  private ConfigMap get() {
    try {
      return client.configMaps().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw new JobRefusal(
          ExitCode.API_UNAVAILABLE,
          "cannot read the result record ConfigMap "
              + namespace
              + "/"
              + name
              + ": "
              + ApiErrors.describe(e));
    }
  }
}
