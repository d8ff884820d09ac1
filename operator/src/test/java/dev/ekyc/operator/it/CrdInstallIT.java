package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.SqlEngine;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated CRDs install on a real API server, and their schema defaults apply. */
class CrdInstallIT {
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void cluster() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "crd");
  }

  @AfterAll
  static void cleanUp() {
    TestNamespace.delete(client, namespace);
  }

  @Test
  void allThreeCrdsAreEstablishedWithTheirNames() {
    assertThat(TestCluster.get().crdNames())
        .containsExactlyInAnyOrder(
            "datastores.ekyc.dev", "retentionpolicies.ekyc.dev", "consentpolicies.ekyc.dev");
    for (String name : TestCluster.get().crdNames()) {
      var crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      assertThat(crd.getStatus().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Established");
                assertThat(c.getStatus()).isEqualTo("True");
              })
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("NamesAccepted");
                assertThat(c.getStatus()).isEqualTo("True");
              });
    }
  }

  @Test
  void aValidDataStoreIsAcceptedAndGetsTheSchemaDefaults() {
    DataStore ds = new DataStore();
    ds.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace(namespace).build());
    ds.setSpec(new DataStoreSpec());
    ds.getSpec().jurisdiction = "SG";
    ds.getSpec().sql = new SqlSpec();
    ds.getSpec().sql.engine = SqlEngine.MariaDB;
    ds.getSpec().sql.host = "db.internal";
    ds.getSpec().sql.database = "ekyc";
    ds.getSpec().sql.port = null; // let the API server default it
    ds.getSpec().sql.credentialsSecretRef = new dev.ekyc.operator.api.v1alpha1.BasicAuthSecretRef();
    ds.getSpec().sql.credentialsSecretRef.name = "db-login";
    ds.getSpec().sql.credentialsSecretRef.usernameKey = null;
    ds.getSpec().sql.credentialsSecretRef.passwordKey = null;

    DataStore created = client.resource(ds).create();

    var raw =
        client
            .genericKubernetesResources("ekyc.dev/v1alpha1", "DataStore")
            .inNamespace(namespace)
            .withName("db")
            .get();
    @SuppressWarnings("unchecked")
    var sql =
        (java.util.Map<String, Object>)
            ((java.util.Map<String, Object>) raw.getAdditionalProperties().get("spec")).get("sql");
    assertThat(sql).containsEntry("port", 3306);
    @SuppressWarnings("unchecked")
    var ref = (java.util.Map<String, Object>) sql.get("credentialsSecretRef");
    assertThat(ref)
        .containsEntry("usernameKey", "username")
        .containsEntry("passwordKey", "password");
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
  }
}
