package dev.ekyc.operator.it;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The test's own view of a versioned bucket, with plain AWS SDK calls and none of the operator's
 * code: every version and delete marker by version ID, whether a version's bytes can still be read,
 * its tags. What the sweep claims is checked against this.
 */
final class VersionReader implements AutoCloseable {
  /** One stored version or marker. */
  record Stored(String key, String versionId, boolean marker, Instant lastModified) {}

  final S3Client s3;

  VersionReader(URI endpoint) {
    s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
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

  /**
   * Every version and marker under the prefix, listed in pages of 1000 (the reader's own paging).
   */
  List<Stored> all(String bucket, String prefix) {
    List<Stored> out = new ArrayList<>();
    var pages = s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix));
    for (var page : pages) {
      for (ObjectVersion v : page.versions()) {
        out.add(new Stored(v.key(), v.versionId(), false, v.lastModified()));
      }
      page.deleteMarkers()
          .forEach(d -> out.add(new Stored(d.key(), d.versionId(), true, d.lastModified())));
    }
    return out;
  }

  List<Stored> data(String bucket, String prefix) {
    return all(bucket, prefix).stream().filter(s -> !s.marker()).toList();
  }

  List<Stored> markers(String bucket, String prefix) {
    return all(bucket, prefix).stream().filter(Stored::marker).toList();
  }

  /** Whether GetObject with this version ID still returns bytes. */
  boolean readable(String bucket, String key, String versionId) {
    try {
      s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 || e.statusCode() == 400 || e.statusCode() == 405) {
        return false;
      }
      throw e;
    }
  }

  Map<String, String> tags(String bucket, String key, String versionId) {
    return s3
        .getObjectTagging(b -> b.bucket(bucket).key(key).versionId(versionId))
        .tagSet()
        .stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  @Override
  public void close() {
    s3.close();
  }
}
