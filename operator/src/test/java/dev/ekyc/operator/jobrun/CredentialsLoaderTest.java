package dev.ekyc.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.BasicAuthSecretRef;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.job.ExitCode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets laid out as the kubelet mounts them: timestamped dir, ..data symlink, one symlink per
 * key.
 */
class CredentialsLoaderTest {
  @TempDir Path root;

  @Test
  void readsAMountedSecretAndFollowsTheKubeletsSymlinks() throws Exception {
    mount("mysql-credentials", "username", "ekyc", "password", "s3cret-1");
    StoreCredentials.Sql sql =
        (StoreCredentials.Sql) CredentialsLoader.fromDirectory(root).load(store());
    assertThat(sql.login().username()).isEqualTo("ekyc");
    assertThat(sql.login().password().reveal()).isEqualTo("s3cret-1");
  }

  @Test
  void aMissingKeyNamesTheSecretTheKeyAndTheFieldButNoValue() throws Exception {
    mount("mysql-credentials", "username", "ekyc", "passwd", "s3cret-1");
    assertThatThrownBy(() -> CredentialsLoader.fromDirectory(root).load(store()))
        .isInstanceOfSatisfying(
            JobRefusal.class,
            r -> assertThat(r.exitCode()).isEqualTo(ExitCode.CREDENTIALS_UNAVAILABLE))
        .hasMessageContaining("mysql-credentials")
        .hasMessageContaining("'password'")
        .hasMessageContaining("passwd")
        .hasMessageContaining("spec.sql.credentialsSecretRef.passwordKey")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void aSecretThatIsNotMountedIsRefused() {
    assertThatThrownBy(() -> CredentialsLoader.fromDirectory(root).load(store()))
        .isInstanceOfSatisfying(
            JobRefusal.class,
            r -> assertThat(r.exitCode()).isEqualTo(ExitCode.CREDENTIALS_UNAVAILABLE))
        .hasMessageContaining("Secret mysql-credentials not found");
  }

  private void mount(String secret, String k1, String v1, String k2, String v2) throws Exception {
    Path dir = Files.createDirectories(root.resolve(secret));
    Path data = Files.createDirectories(dir.resolve("..2026_12_01_10_00_00.1"));
    Files.writeString(data.resolve(k1), v1);
    Files.writeString(data.resolve(k2), v2);
    Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(dir.resolve(k1), Path.of("..data", k1));
    Files.createSymbolicLink(dir.resolve(k2), Path.of("..data", k2));
  }

  private static DataStore store() {
    DataStore ds = new DataStore();
    ds.setMetadata(new ObjectMetaBuilder().withName("service-db").withNamespace("ekyc").build());
    ds.setSpec(new DataStoreSpec());
    ds.getSpec().sql = new SqlSpec();
    ds.getSpec().sql.credentialsSecretRef = new BasicAuthSecretRef();
    ds.getSpec().sql.credentialsSecretRef.name = "mysql-credentials";
    return ds;
  }
}
