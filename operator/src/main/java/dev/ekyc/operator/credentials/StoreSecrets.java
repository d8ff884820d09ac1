package dev.ekyc.operator.credentials;

import dev.ekyc.operator.api.v1alpha1.AccessKeySecretRef;
import dev.ekyc.operator.api.v1alpha1.BasicAuthSecretRef;
import dev.ekyc.operator.api.v1alpha1.CaSecretRef;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads a DataStore's credentials out of its Secrets. A missing Secret or key becomes a failure
 * that names the Secret, the key and the spec field to fix; values never appear in a message.
 */
public final class StoreSecrets {
  private final Function<String, Optional<Secret>> secretsByName;

  /** {@code secretsByName} looks a Secret up by name in the DataStore's namespace. */
  public StoreSecrets(Function<String, Optional<Secret>> secretsByName) {
    this.secretsByName = secretsByName;
  }

  /** Either the credentials, or the reason they cannot be read. */
  public sealed interface Resolution {}

  public record Resolved(StoreCredentials credentials) implements Resolution {}

  public record Failed(CredentialsProblem problem) implements Resolution {}

  public Resolution resolve(DataStoreSpec spec) {
    try {
      if (spec.objectStorage != null) {
        var s = spec.objectStorage;
        return new Resolved(
            new StoreCredentials.ObjectStorage(
                accessKey(s.credentialsSecretRef, "spec.objectStorage.credentialsSecretRef"),
                ca(s.caSecretRef, "spec.objectStorage.caSecretRef")));
      }
      if (spec.search != null) {
        var s = spec.search;
        SearchAuth auth;
        if (s.credentialsSecretRef != null) {
          auth =
              new SearchAuth.Basic(
                  login(s.credentialsSecretRef, "spec.search.credentialsSecretRef"));
        } else if (s.apiKeySecretRef != null) {
          auth =
              new SearchAuth.ApiKey(
                  value(
                      s.apiKeySecretRef.name,
                      s.apiKeySecretRef.key,
                      "spec.search.apiKeySecretRef.key"));
        } else {
          auth = new SearchAuth.None();
        }
        return new Resolved(
            new StoreCredentials.Search(auth, ca(s.caSecretRef, "spec.search.caSecretRef")));
      }
      if (spec.sql != null) {
        var s = spec.sql;
        return new Resolved(
            new StoreCredentials.Sql(
                login(s.credentialsSecretRef, "spec.sql.credentialsSecretRef"),
                ca(s.tls == null ? null : s.tls.caSecretRef, "spec.sql.tls.caSecretRef")));
      }
      throw new IllegalArgumentException(
          "spec names no backend: set one of objectStorage, search or sql");
    } catch (MissingSecret e) {
      return new Failed(e.problem);
    }
  }

  private AccessKey accessKey(AccessKeySecretRef ref, String field) {
    String id = value(ref.name, ref.accessKeyIdKey, field + ".accessKeyIdKey").reveal();
    SecretValue secret = value(ref.name, ref.secretAccessKeyKey, field + ".secretAccessKeyKey");
    Optional<SecretValue> token =
        ref.sessionTokenKey == null
            ? Optional.empty()
            : Optional.of(value(ref.name, ref.sessionTokenKey, field + ".sessionTokenKey"));
    return new AccessKey(id, secret, token);
  }

  private UsernamePassword login(BasicAuthSecretRef ref, String field) {
    String user = value(ref.name, ref.usernameKey, field + ".usernameKey").reveal();
    return new UsernamePassword(user, value(ref.name, ref.passwordKey, field + ".passwordKey"));
  }

  private Optional<String> ca(CaSecretRef ref, String field) {
    return ref == null
        ? Optional.empty()
        : Optional.of(value(ref.name, ref.key, field + ".key").reveal());
  }

  private SecretValue value(String secretName, String key, String keyField) {
    Secret secret =
        secretsByName
            .apply(secretName)
            .orElseThrow(
                () ->
                    new MissingSecret(
                        new CredentialsProblem(
                            CredentialsProblem.Kind.SECRET_NOT_FOUND,
                            "Secret "
                                + secretName
                                + " not found in the DataStore's namespace: create it or fix the secret name")));
    Optional<String> found = decoded(secret, key);
    if (found.isEmpty()) {
      throw new MissingSecret(
          new CredentialsProblem(
              CredentialsProblem.Kind.SECRET_KEY_MISSING,
              "Secret "
                  + secretName
                  + " has no key '"
                  + key
                  + "' (keys present: "
                  + keyNames(secret)
                  + "): add it, or set "
                  + keyField));
    }
    return SecretValue.of(found.get());
  }

  private static Optional<String> decoded(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().get(key) != null) {
      return Optional.of(
          new String(
              Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }
    if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }

  /** Key names are not secret, and listing them usually shows the typo at once. */
  private static String keyNames(Secret secret) {
    TreeSet<String> keys = new TreeSet<>();
    if (secret.getData() != null) keys.addAll(secret.getData().keySet());
    if (secret.getStringData() != null) keys.addAll(secret.getStringData().keySet());
    return keys.isEmpty() ? "none" : String.join(", ", keys);
  }

  /** Unwinds the nested lookups to the first missing piece; never leaves this class. */
  private static final class MissingSecret extends RuntimeException {
    private final transient CredentialsProblem problem;

    MissingSecret(CredentialsProblem problem) {
      super(problem.message(), null, false, false);
      this.problem = problem;
    }
  }
}
