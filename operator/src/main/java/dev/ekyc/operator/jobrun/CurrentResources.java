package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.policy.PolicyInputs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the resources a run is judged against straight from the API server at the start of the run
 * (no cache), so a job never acts on a stale copy of its policy. Conflicts are judged by physical
 * location across namespaces, as the operator judges them; a job whose ServiceAccount may only read
 * its own namespace falls back to that namespace and says so (the operator still refuses a
 * cross-namespace conflict in the policy's status).
 */
public final class CurrentResources {
  private static final Logger LOG = LoggerFactory.getLogger(CurrentResources.class);

  private final KubernetesClient client;

  public CurrentResources(KubernetesClient client) {
    this.client = client;
  }

  /** The inputs of the policy core: every namespace if readable, else only {@code namespace}. */
  public PolicyInputs load(String namespace) {
    try {
      try {
        return new PolicyInputs(
            everywhere(DataStore.class),
            everywhere(RetentionPolicy.class),
            everywhere(ConsentPolicy.class));
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        LOG.info(
            "cannot list resources in all namespaces (forbidden); judging conflicts within namespace {} only",
            namespace);
        return new PolicyInputs(
            in(DataStore.class, namespace),
            in(RetentionPolicy.class, namespace),
            in(ConsentPolicy.class, namespace));
      }
    } catch (KubernetesClientException e) {
      throw new JobRefusal(
          ExitCode.API_UNAVAILABLE,
          "cannot read DataStores, RetentionPolicies and ConsentPolicies"
              + " from the Kubernetes API at "
              + client.getMasterUrl()
              + ": "
              + ApiErrors.describe(e)
              + ". Check the job's ServiceAccount may get and list them, and that the CRDs"
              + " are installed");
    }
  }

  private <T extends HasMetadata> List<T> everywhere(Class<T> type) {
    return client.resources(type).inAnyNamespace().list().getItems();
  }

  private <T extends HasMetadata> List<T> in(Class<T> type, String namespace) {
    return client.resources(type).inNamespace(namespace).list().getItems();
  }
}
