package dev.ekyc.operator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The reference example's backends (moto S3, Elasticsearch) read with plain clients, compared with
 * the {@code backendRequests} that {@code plan -o json} prints.
 */
final class ReferenceBackends {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI s3Url;
  private final String region;
  private final String accessKey;
  private final String secretKey;
  private final SearchHttp es;

  ReferenceBackends(URI s3Url, String region, String accessKey, String secretKey, URI esUrl) {
    this.s3Url = s3Url;
    this.region = region;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.es = new SearchHttp(esUrl.toString());
  }

  /** One planned request: the S3 rule body or the ILM policy/template path and body. */
  record Request(String kind, String request, JsonNode body) {}

  static List<Request> backendRequests(String planJson) {
    List<Request> out = new ArrayList<>();
    try {
      for (JsonNode store : JSON.readTree(planJson).path("stores")) {
        for (JsonNode policy : store.path("policies")) {
          for (JsonNode rule : policy.path("rules")) {
            for (JsonNode mechanism : rule.path("mechanisms")) {
              String kind = mechanism.path("kind").asText();
              if (kind.equals("LifecycleRule") || kind.equals("ILM")) {
                mechanism
                    .path("backendRequests")
                    .forEach(
                        r ->
                            out.add(new Request(kind, r.path("request").asText(), r.path("body"))));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("plan -o json printed no JSON", e);
    }
    return out;
  }

  /**
   * The planned requests the backends do not reflect yet; empty when everything is applied as
   * planned.
   */
  List<String> unmet(List<Request> requests, String bucket) {
    List<String> unmet = new ArrayList<>();
    List<LifecycleRule> rules = rules(bucket);
    for (Request r : requests) {
      if (r.kind().equals("LifecycleRule")) {
        String id = r.body().path("ID").asText();
        boolean found =
            rules.stream()
                .anyMatch(
                    rule ->
                        id.equals(rule.id())
                            && rule.status() == ExpirationStatus.ENABLED
                            && rule.filter() != null
                            && r.body()
                                .path("Filter")
                                .path("Prefix")
                                .asText()
                                .equals(rule.filter().prefix())
                            && rule.expiration() != null
                            && Integer.valueOf(r.body().path("Expiration").path("Days").asInt())
                                .equals(rule.expiration().days()));
        if (!found) unmet.add(r.request() + " " + r.body());
      } else {
        String path = r.request().substring("PUT ".length());
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (es.status(path) != 200) {
          unmet.add(r.request() + ": absent");
          continue;
        }
        JsonNode actual =
            es.get(path + (path.startsWith("/_template/") ? "?flat_settings=true" : "")).path(name);
        boolean same =
            path.startsWith("/_ilm/")
                ? actual.path("policy").equals(r.body().path("policy"))
                : actual.path("index_patterns").equals(r.body().path("index_patterns"))
                    && actual.path("order").equals(r.body().path("order"))
                    && actual.path("settings").equals(r.body().path("settings"));
        if (!same) unmet.add(r.request() + ": is " + actual + ", plan says " + r.body());
      }
    }
    return unmet;
  }

  List<LifecycleRule> rules(String bucket) {
    try (S3Client s3 = client()) {
      return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) return List.of();
      throw e;
    }
  }

  /** Leftovers of earlier runs removed; the bucket holds one rule of the user's own. */
  void resetBefore(String bucket, String namespace) {
    for (String name : ownedSearchNames(namespace)) {
      es.delete("/_template/" + name);
      es.delete("/_ilm/policy/" + name);
    }
    try (S3Client s3 = client()) {
      s3.putBucketLifecycleConfiguration(
          b ->
              b.bucket(bucket)
                  .lifecycleConfiguration(
                      c ->
                          c.rules(
                              LifecycleRule.builder()
                                  .id("user-archive")
                                  .status(ExpirationStatus.ENABLED)
                                  .filter(f -> f.prefix("archive/"))
                                  .expiration(e -> e.days(3650))
                                  .build())));
    }
  }

  /** The operator's ILM policies and templates for stores of {@code namespace}. */
  List<String> ownedSearchNames(String namespace) {
    String prefix = "ekyc-operator-" + namespace + "_";
    List<String> names = new ArrayList<>();
    es.get("/_ilm/policy")
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith(prefix)) names.add(n);
            });
    es.get("/_template")
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith(prefix)) names.add(n);
            });
    return names;
  }

  private S3Client client() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(s3Url)
        .region(Region.of(region))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }
}
