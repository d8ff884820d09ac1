package dev.ekyc.operator.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.BasicAuthSecretRef;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.SqlEngine;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreSecretsTest {
  private static final String PASSWORD = "s3cr3t-value-never-shown";

  private static DataStoreSpec sqlSpec() {
    DataStoreSpec spec = new DataStoreSpec();
    spec.jurisdiction = "SG";
    spec.sql = new SqlSpec();
    spec.sql.engine = SqlEngine.MariaDB;
    spec.sql.host = "db";
    spec.sql.database = "ekyc";
    spec.sql.credentialsSecretRef = new BasicAuthSecretRef();
    spec.sql.credentialsSecretRef.name = "db-login";
    return spec;
  }

  private static Secret secret(String name, Map<String, String> values) {
    var data = new java.util.HashMap<String, String>();
    values.forEach(
        (k, v) ->
            data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void resolvesUserAndPasswordFromTheNamedKeys() {
    Secret s = secret("db-login", Map.of("username", "ekyc", "password", PASSWORD));
    var resolution =
        new StoreSecrets(name -> name.equals("db-login") ? Optional.of(s) : Optional.empty())
            .resolve(sqlSpec());
    assertThat(resolution).isInstanceOf(StoreSecrets.Resolved.class);
    var sql = (StoreCredentials.Sql) ((StoreSecrets.Resolved) resolution).credentials();
    assertThat(sql.login().username()).isEqualTo("ekyc");
    assertThat(sql.login().password().reveal()).isEqualTo(PASSWORD);
    assertThat(sql.login().toString()).doesNotContain(PASSWORD);
    assertThat(sql.caPem()).isEmpty();
  }

  @Test
  void missingSecretIsSecretNotFoundNamingIt() {
    var resolution = new StoreSecrets(name -> Optional.empty()).resolve(sqlSpec());
    var failed = (StoreSecrets.Failed) resolution;
    assertThat(failed.problem().kind()).isEqualTo(CredentialsProblem.Kind.SECRET_NOT_FOUND);
    assertThat(failed.problem().message()).contains("db-login");
  }

  @Test
  void missingKeyNamesTheKeyTheFieldAndThePresentKeysButNoValue() {
    Secret s = secret("db-login", Map.of("user", "ekyc", "password", PASSWORD));
    var failed = (StoreSecrets.Failed) new StoreSecrets(name -> Optional.of(s)).resolve(sqlSpec());
    assertThat(failed.problem().kind()).isEqualTo(CredentialsProblem.Kind.SECRET_KEY_MISSING);
    assertThat(failed.problem().message())
        .contains("'username'", "spec.sql.credentialsSecretRef.usernameKey", "password, user")
        .doesNotContain(PASSWORD);
  }

  @Test
  void customKeyNamesAreHonoured() {
    DataStoreSpec spec = sqlSpec();
    spec.sql.credentialsSecretRef.usernameKey = "user";
    spec.sql.credentialsSecretRef.passwordKey = "pw";
    Secret s = secret("db-login", Map.of("user", "svc", "pw", PASSWORD));
    var resolved = (StoreSecrets.Resolved) new StoreSecrets(name -> Optional.of(s)).resolve(spec);
    assertThat(((StoreCredentials.Sql) resolved.credentials()).login().username()).isEqualTo("svc");
  }

  @Test
  void referencesListEverySecretOfTheSpec() {
    DataStoreSpec spec = sqlSpec();
    spec.sql.tls = new dev.ekyc.operator.api.v1alpha1.SqlTlsSpec();
    spec.sql.tls.caSecretRef = new dev.ekyc.operator.api.v1alpha1.CaSecretRef();
    spec.sql.tls.caSecretRef.name = "db-ca";
    assertThat(SecretReferences.of(spec)).containsExactly("db-login", "db-ca");
  }
}
