package dev.ekyc.operator.cluster;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.it.ReferenceDataStores;
import dev.ekyc.operator.it.TestBuckets;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * examples/reference/datastores.yaml with its three stores pointed at the host's test servers
 * ({@link ReferenceDataStores}, as for the API-server-only tier), the Secrets it tells users to create, and the bucket.
 * The operator pod reaches 127.0.0.1 because the chart runs it on the host network here.
 */
final class ReferenceStores {
  private ReferenceStores() {}

  /** Creates the example's Secrets and bucket; returns the repointed DataStores as one YAML stream. */
  static String prepare(RealCluster cluster, String namespace, Path datastoresYaml) throws IOException {
    URI s3 = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    URI es = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    int mariadbPort = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");

    cluster.kubectl("-n", namespace, "create", "secret", "generic", "cos-credentials",
        "--from-literal=accessKeyId=" + accessKey, "--from-literal=secretAccessKey=" + secretKey);
    cluster.kubectl("-n", namespace, "create", "secret", "generic", "es-credentials",
        "--from-literal=username=elastic", "--from-literal=password=unused-security-disabled");
    cluster.kubectl("-n", namespace, "create", "secret", "generic", "mysql-credentials",
        "--from-literal=username=" + Backends.require("EKYC_IT_MARIADB_USER"),
        "--from-literal=password=" + Backends.require("EKYC_IT_MARIADB_PASSWORD"));

    List<String> documents = new ArrayList<>();
    for (DataStore store : ReferenceDataStores.repointed(datastoresYaml, s3, region, es, mariadbPort)) {
      if (store.getSpec().objectStorage != null) {
        TestBuckets.create(s3, region, accessKey, secretKey, store.getSpec().objectStorage.bucket);
      }
      documents.add(Serialization.asYaml(store));
    }
    return String.join("---\n", documents);
  }
}
