package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.cli.Main;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordReader;
import dev.ekyc.operator.objectstore.ServerClock;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * What the job tests share: Ready stores in the API, the reference manifests, running the commands,
 * S3 setup.
 */
final class JobFixtures {
  private JobFixtures() {}

  /** Creates the store and marks it Ready for its generation, as the operator's probe would. */
  static DataStore createReady(KubernetesClient client, DataStore store) {
    DataStore created = client.resource(store).create();
    created.setStatus(new DataStoreStatus());
    created.getStatus().observedGeneration = created.getMetadata().getGeneration();
    created.getStatus().conditions =
        Conditions.withTransitionTimes(
            Conditions.ready(
                created.getMetadata().getGeneration(), "Probed", "reachable (set by the test)"),
            List.of(),
            Instant.now());
    return client.resource(created).updateStatus();
  }

  /** A document of examples/reference, moved into {@code namespace}. */
  static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T reference(
      String file, Class<T> type, String namespace) {
    try {
      T resource =
          Serialization.unmarshal(
              Files.readString(ProjectFiles.path("examples/reference/" + file)), type);
      resource.getMetadata().setNamespace(namespace);
      return resource;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RetentionPolicy referencePolicy(String file, String namespace) {
    return reference(file, RetentionPolicy.class, namespace);
  }

  static ConsentPolicy referenceConsent(String namespace) {
    return reference("consent-model-training.yaml", ConsentPolicy.class, namespace);
  }

  /**
   * Runs a command of the jar in this JVM, as the container's entry point would; returns exit code
   * and stderr.
   */
  record Result(int exitCode, String err) {}

  static Result run(String... args) {
    StringWriter err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    System.out.println("[it] ekyc-operator " + String.join(" ", args) + " -> " + code + "\n" + err);
    return new Result(code, err.toString());
  }

  static List<String> jobArgs(String command, String namespace, String policy, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--namespace",
                namespace,
                "--policy",
                policy,
                "--kubeconfig",
                TestCluster.get().kubeconfig().toString()));
    args.addAll(List.of(more));
    return args;
  }

  static RunRecord record(KubernetesClient client, String namespace, String policy) {
    return new RunRecordReader(client)
        .read(namespace, policy)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no result record " + RunNames.record(policy) + " in " + namespace));
  }

  /**
   * A Secret directory laid out as the kubelet mounts it (one directory per Secret, a file per
   * key).
   */
  static Path mountedSecret(Path root, String secret, Map<String, String> values) {
    try {
      Path dir = Files.createDirectories(root.resolve(secret));
      for (var e : values.entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), e.getValue());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A plain S3 client for setup and independent reads (bodies unchunked: s3proxy drops chunked
   * PutObject now and then).
   */
  static S3Client s3(URI url) {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(url)
        .region(Region.of(Backends.require("EKYC_IT_S3_REGION")))
        .forcePathStyle(true)
        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                    Backends.require("EKYC_IT_S3_SECRET_KEY"))))
        .build();
  }

  static void put(S3Client s3, String bucket, String key, Map<String, String> tags) {
    s3.putObject(
        b -> {
          b.bucket(bucket).key(key);
          if (!tags.isEmpty()) {
            b.tagging(
                Tagging.builder()
                    .tagSet(
                        tags.entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList())
                    .build());
          }
        },
        RequestBody.fromString("image"));
  }

  static Instant serverNow(S3Client s3, String bucket) {
    return ServerClock.now(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
  }

  /**
   * On s3proxy: an object whose LastModified (the file's mtime) is {@code age} before {@code
   * reference}.
   */
  static void putAged(S3Client s3, String bucket, String key, Instant reference, Duration age) {
    put(s3, bucket, key, Map.of());
    Path file = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, key);
    try {
      Files.setLastModifiedTime(file, FileTime.from(reference.minus(age)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot backdate " + file, e);
    }
    Instant listed =
        s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().get(0).lastModified();
    assertThat(listed).as("s3proxy reports the backdated mtime").isEqualTo(reference.minus(age));
  }

  static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }
}
