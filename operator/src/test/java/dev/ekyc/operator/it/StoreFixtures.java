package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.AccessKeySecretRef;
import dev.ekyc.operator.api.v1alpha1.BasicAuthSecretRef;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.api.v1alpha1.SearchSpec;
import dev.ekyc.operator.api.v1alpha1.SqlEngine;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.api.v1alpha1.SqlTlsSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/** DataStores and Secrets for the local test servers. */
final class StoreFixtures {
  private StoreFixtures() {}

  static DataStore mariadb(
      String namespace, String name, String secret, int port, String database) {
    return mariadbAt(
        namespace, name, secret, Backends.require("EKYC_IT_MARIADB_HOST"), port, database);
  }

  static DataStore mariadbAt(
      String namespace, String name, String secret, String host, int port, String database) {
    DataStore ds = store(namespace, name);
    ds.getSpec().sql = new SqlSpec();
    ds.getSpec().sql.engine = SqlEngine.MariaDB;
    ds.getSpec().sql.host = host;
    ds.getSpec().sql.port = port;
    ds.getSpec().sql.database = database;
    ds.getSpec().sql.credentialsSecretRef = new BasicAuthSecretRef();
    ds.getSpec().sql.credentialsSecretRef.name = secret;
    // The test MariaDB has no TLS (have_ssl=DISABLED).
    ds.getSpec().sql.tls = new SqlTlsSpec();
    ds.getSpec().sql.tls.mode = SqlTlsMode.Disabled;
    return ds;
  }

  static DataStore search(
      String namespace, String name, SearchEngine engine, String url, String secret) {
    DataStore ds = store(namespace, name);
    ds.getSpec().search = new SearchSpec();
    ds.getSpec().search.engine = engine;
    ds.getSpec().search.endpoint = url;
    if (secret != null) {
      ds.getSpec().search.credentialsSecretRef = new BasicAuthSecretRef();
      ds.getSpec().search.credentialsSecretRef.name = secret;
    }
    return ds;
  }

  static DataStore bucket(
      String namespace, String name, String url, String region, String bucket, String secret) {
    DataStore ds = store(namespace, name);
    ds.getSpec().objectStorage = new ObjectStorageSpec();
    ds.getSpec().objectStorage.endpoint = url;
    ds.getSpec().objectStorage.region = region;
    ds.getSpec().objectStorage.bucket = bucket;
    ds.getSpec().objectStorage.pathStyle = true;
    ds.getSpec().objectStorage.credentialsSecretRef = new AccessKeySecretRef();
    ds.getSpec().objectStorage.credentialsSecretRef.name = secret;
    return ds;
  }

  static Secret secret(String namespace, String name, Map<String, String> values) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withStringData(values)
        .build();
  }

  private static DataStore store(String namespace, String name) {
    DataStore ds = new DataStore();
    ds.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ds.setSpec(new DataStoreSpec());
    ds.getSpec().jurisdiction = "SG";
    return ds;
  }
}
