package dev.ekyc.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code self-check}: what a job pod needs, checked without touching any data store. It reaches the
 * API server with the pod's ServiceAccount, reports which identity the server sees, and lists the
 * RetentionPolicies of its namespace (proving the RBAC grant). The chart's smoke CronJob runs it;
 * it is also useful by hand.
 */
@Command(
    name = "self-check",
    mixinStandardHelpOptions = true,
    description = {
      "Check the API server connection, identity and read access to RetentionPolicies, then exit.",
      "Exit code 0 when all checks pass, 1 otherwise. Changes nothing."
    })
public final class SelfCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      String namespace = System.getenv().getOrDefault("POD_NAMESPACE", client.getNamespace());
      String version = client.getKubernetesVersion().getGitVersion();
      String user = identity(client);
      int policies =
          client
              .genericKubernetesResources(
                  ApiConstants.GROUP + "/" + ApiConstants.VERSION, "RetentionPolicy")
              .inNamespace(namespace)
              .list()
              .getItems()
              .size();
      spec.commandLine()
          .getOut()
          .printf(
              "self-check ok: API server %s, user %s, %d RetentionPolicies in %s%n",
              version, user, policies, namespace);
      return 0;
    } catch (KubernetesClientException e) {
      spec.commandLine()
          .getErr()
          .printf("self-check failed: %s (HTTP %d)%n", e.getMessage(), e.getCode());
      return 1;
    }
  }

  /**
   * The user name the API server authenticated this process as (SelfSubjectReview, GA since
   * Kubernetes 1.28).
   */
  private static String identity(KubernetesClient client) {
    String review =
        client.raw(
            "/apis/authentication.k8s.io/v1/selfsubjectreviews",
            "POST",
            java.util.Map.of(
                "apiVersion", "authentication.k8s.io/v1", "kind", "SelfSubjectReview"));
    if (review == null) {
      return "(unknown)";
    }
    JsonNode username =
        Serialization.unmarshal(review, JsonNode.class)
            .path("status")
            .path("userInfo")
            .path("username");
    return username.isMissingNode() ? "(unknown)" : username.asText();
  }
}
