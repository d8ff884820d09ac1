package dev.ekyc.operator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.api.v1alpha1.SearchSpec;
import dev.ekyc.operator.credentials.PemTrust;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Probes Elasticsearch or OpenSearch with {@code GET /}: the answer names the distribution and
 * version, and a 401 tells that the credentials are wrong. Also checks that the engine is the one
 * the spec names, because lifecycle works differently on each (ILM versus ISM).
 */
public final class SearchProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProbeTimeouts timeouts;

  public SearchProbe(ProbeTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  public ProbeResult probe(SearchSpec spec, StoreCredentials.Search credentials) {
    String base =
        spec.endpoint.endsWith("/")
            ? spec.endpoint.substring(0, spec.endpoint.length() - 1)
            : spec.endpoint;
    HttpClient.Builder clientBuilder = HttpClient.newBuilder().connectTimeout(timeouts.connect());
    credentials.caPem().ifPresent(pem -> clientBuilder.sslContext(PemTrust.sslContext(pem)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/"))
            .timeout(timeouts.read())
            .header("Accept", "application/json")
            .GET();
    try {
      credentials
          .auth()
          .authorizationHeader()
          .ifPresent(value -> request.header("Authorization", value));
    } catch (IllegalArgumentException e) {
      // The JDK quotes the rejected header value in its message: never pass that message on.
      return ProbeResult.failed(
          ProbeOutcome.AuthenticationFailed,
          "the credentials in the Secret cannot be sent"
              + " as an HTTP header (they contain a line break or control character): store the value without them");
    }

    HttpResponse<String> response;
    try {
      response = clientBuilder.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return FailureText.network(e, spec.endpoint, timeouts)
          .orElseGet(
              () ->
                  ProbeResult.failed(
                      ProbeOutcome.Unreachable,
                      "GET " + spec.endpoint + " failed: " + FailureText.oneLine(e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failed(
          ProbeOutcome.ProbeFailed, "interrupted while probing " + spec.endpoint);
    }
    return interpret(spec, response.statusCode(), response.body());
  }

  /** Turns the answer of {@code GET /} into a result; separate so each status code is testable. */
  static ProbeResult interpret(SearchSpec spec, int status, String body) {
    if (status == 401) {
      return ProbeResult.failed(
          ProbeOutcome.AuthenticationFailed,
          spec.endpoint
              + " rejected the credentials (HTTP 401): check the user name and password or API key in the Secret");
    }
    if (status == 403) {
      return ProbeResult.failed(
          ProbeOutcome.AuthenticationFailed,
          spec.endpoint
              + " accepted the credentials but denied GET / (HTTP 403): the user needs the 'monitor' cluster privilege");
    }
    if (status / 100 != 2) {
      return ProbeResult.failed(
          ProbeOutcome.Unreachable,
          "GET "
              + spec.endpoint
              + " answered HTTP "
              + status
              + ": not a healthy Elasticsearch/OpenSearch node");
    }
    JsonNode version;
    try {
      version = JSON.readTree(body).path("version");
    } catch (IOException e) {
      return ProbeResult.failed(
          ProbeOutcome.ProbeFailed,
          spec.endpoint
              + " answered GET / with something that is not JSON: is this an Elasticsearch/OpenSearch endpoint?");
    }
    String number = version.path("number").asText("");
    if (number.isEmpty()) {
      return ProbeResult.failed(
          ProbeOutcome.ProbeFailed,
          spec.endpoint
              + " answered GET / without version.number: is this an Elasticsearch/OpenSearch endpoint?");
    }
    SearchEngine found =
        "opensearch".equalsIgnoreCase(version.path("distribution").asText(""))
            ? SearchEngine.OpenSearch
            : SearchEngine.Elasticsearch;
    if (found != spec.engine) {
      return ProbeResult.failed(
          ProbeOutcome.EngineMismatch,
          spec.endpoint
              + " is "
              + found
              + " "
              + number
              + " but spec.search.engine says "
              + spec.engine
              + ": set engine: "
              + found);
    }
    return ProbeResult.ok(
        found + " " + number, found + " " + number + " at " + spec.endpoint + " answered");
  }
}
