package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.credentials.SecretsDirectory;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.credentials.StoreSecrets;
import dev.ekyc.operator.job.ExitCode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store's credentials for one run, from the Secret volume the CronJob mounts ({@code
 * --credentials-dir}) or, without one, from the Secret through the API (needs {@code get} on
 * Secrets; for running by hand). Either way they are read at the start of the run, never cached
 * between runs, and never logged: missing pieces are reported by Secret name, key and spec field,
 * as the operator's probe reports them.
 */
public final class CredentialsLoader {
  private final Function<String, Optional<Secret>> secrets;
  private final String source;

  private CredentialsLoader(Function<String, Optional<Secret>> secrets, String source) {
    this.secrets = secrets;
    this.source = source;
  }

  public static CredentialsLoader fromDirectory(Path dir) {
    SecretsDirectory mounted = new SecretsDirectory(dir);
    return new CredentialsLoader(mounted::secret, "the Secret volumes under " + dir);
  }

  public static CredentialsLoader fromApi(KubernetesClient client, String namespace) {
    return new CredentialsLoader(
        name -> {
          try {
            return Optional.ofNullable(
                client.secrets().inNamespace(namespace).withName(name).get());
          } catch (KubernetesClientException e) {
            throw new JobRefusal(
                ExitCode.CREDENTIALS_UNAVAILABLE,
                "cannot read Secret "
                    + namespace
                    + "/"
                    + name
                    + " through the API: "
                    + ApiErrors.describe(e)
                    + ". Mount it and pass --credentials-dir, or let the"
                    + " job's ServiceAccount get it");
          }
        },
        "the API (namespace " + namespace + ")");
  }

  public StoreCredentials load(DataStore store) {
    StoreSecrets.Resolution resolution = new StoreSecrets(secrets).resolve(store.getSpec());
    if (resolution instanceof StoreSecrets.Resolved resolved) {
      return resolved.credentials();
    }
    StoreSecrets.Failed failed = (StoreSecrets.Failed) resolution;
    throw new JobRefusal(
        ExitCode.CREDENTIALS_UNAVAILABLE,
        "credentials of DataStore "
            + store.getMetadata().getName()
            + " read from "
            + source
            + ": "
            + failed.problem().message());
  }

  public String source() {
    return source;
  }
}
