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
 * ({@link ReferenceDataStores}, as for the API-server-only tier), the Secrets it tells users to
 * create, and the bucket. The operator pod reaches 127.0.0.1 because the chart runs it on the host
 * network here.
 */
final class ReferenceStores {
  private ReferenceStores() {}

  /**
   * Creates the example's Secrets and bucket (on moto); returns the repointed DataStores as one
   * YAML stream.
   */
  static String prepare(RealCluster cluster, String namespace, Path datastoresYaml)
      throws IOException {
    URI s3 = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    URI es = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    int mariadbPort = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String region = Backends.require("EKYC_IT_S3_REGION");
    createSecrets(
        cluster,
        namespace,
        Backends.require("EKYC_IT_MARIADB_USER"),
        Backends.require("EKYC_IT_MARIADB_PASSWORD"));

    List<String> documents = new ArrayList<>();
    for (DataStore store :
        ReferenceDataStores.repointed(datastoresYaml, s3, region, es, mariadbPort)) {
      if (store.getSpec().objectStorage != null) {
        TestBuckets.create(
            s3,
            region,
            Backends.require("EKYC_IT_S3_ACCESS_KEY"),
            Backends.require("EKYC_IT_S3_SECRET_KEY"),
            store.getSpec().objectStorage.bucket);
      }
      documents.add(Serialization.asYaml(store));
    }
    return String.join("---\n", documents);
  }

  /**
   * For the jobs: the media store on {@code media}'s server and bucket (where objects can be
   * genuinely old and tagged), and the service database in {@code db}'s database under its own
   * user, whose password the Secret holds.
   */
  static String prepareForJobs(
      RealCluster cluster,
      String namespace,
      Path datastoresYaml,
      ReferenceMedia media,
      ReferenceDatabase db,
      String dbPassword)
      throws IOException {
    URI es = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    int mariadbPort = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    createSecrets(cluster, namespace, db.user(), dbPassword);
    List<String> documents = new ArrayList<>();
    for (DataStore store :
        ReferenceDataStores.repointed(
            datastoresYaml, media.url(), Backends.require("EKYC_IT_S3_REGION"), es, mariadbPort)) {
      if (store.getSpec().objectStorage != null) {
        store.getSpec().objectStorage.bucket = media.bucket();
      }
      if (store.getSpec().sql != null) {
        store.getSpec().sql.database = db.database();
      }
      documents.add(Serialization.asYaml(store));
    }
    return String.join("---\n", documents);
  }

  /**
   * The Secrets examples/reference/datastores.yaml tells users to create (the test servers need no
   * CA).
   */
  private static void createSecrets(
      RealCluster cluster, String namespace, String dbUser, String dbPassword) {
    cluster.kubectl(
        "-n",
        namespace,
        "create",
        "secret",
        "generic",
        "cos-credentials",
        "--from-literal=accessKeyId=" + Backends.require("EKYC_IT_S3_ACCESS_KEY"),
        "--from-literal=secretAccessKey=" + Backends.require("EKYC_IT_S3_SECRET_KEY"));
    cluster.kubectl(
        "-n",
        namespace,
        "create",
        "secret",
        "generic",
        "es-credentials",
        "--from-literal=username=elastic",
        "--from-literal=password=unused-security-disabled");
    cluster.kubectl(
        "-n",
        namespace,
        "create",
        "secret",
        "generic",
        "mysql-credentials",
        "--from-literal=username=" + dbUser,
        "--from-literal=password=" + dbPassword);
  }
}
