package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageProvider;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.api.v1alpha1.SqlTlsSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * examples/reference/datastores.yaml with its stores' endpoints, TLS and database pointed at the
 * local test servers; names, Secrets and everything else unchanged. Shared by the API-server tier
 * and the cluster tier.
 */
public final class ReferenceDataStores {
  private ReferenceDataStores() {}

  public static List<DataStore> repointed(Path file, URI s3, String region, URI es, int mariadbPort)
      throws IOException {
    List<DataStore> stores = new ArrayList<>();
    for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
      if (doc.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      DataStore ds = Serialization.unmarshal(doc, DataStore.class);
      var spec = ds.getSpec();
      if (spec.objectStorage != null) {
        spec.objectStorage.endpoint = s3.toString();
        spec.objectStorage.region = region;
        spec.objectStorage.pathStyle = true;
        spec.objectStorage.provider = ObjectStorageProvider.Generic;
        spec.objectStorage.caSecretRef = null;
      }
      if (spec.search != null) {
        spec.search.endpoint = es.toString();
        spec.search.caSecretRef = null; // the test server speaks plain HTTP
      }
      if (spec.sql != null) {
        spec.sql.host = Backends.require("EKYC_IT_MARIADB_HOST");
        spec.sql.port = mariadbPort;
        spec.sql.database = Backends.require("EKYC_IT_MARIADB_DATABASE");
        spec.sql.tls = new SqlTlsSpec();
        spec.sql.tls.mode = SqlTlsMode.Disabled; // the test MariaDB has no TLS
        spec.sql.tls.caSecretRef = null;
      }
      stores.add(ds);
    }
    return stores;
  }
}
