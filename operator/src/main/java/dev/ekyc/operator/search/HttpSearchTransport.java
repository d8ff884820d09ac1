package dev.ekyc.operator.search;

import dev.ekyc.operator.credentials.PemTrust;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends requests with the JDK HttpClient, authenticated and trusting the extra CAs exactly as the
 * probe does ({@link StoreCredentials.Search}, {@link PemTrust}).
 */
public final class HttpSearchTransport implements SearchTransport {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Longer than the probe's: a settings update over many indices waits for the master. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String base;
  private final HttpClient client;
  private final Optional<String> authorization;
  private final Duration requestTimeout;

  public HttpSearchTransport(String endpoint, StoreCredentials.Search credentials) {
    this(endpoint, credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public HttpSearchTransport(
      String endpoint,
      StoreCredentials.Search credentials,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
    credentials.caPem().ifPresent(pem -> builder.sslContext(PemTrust.sslContext(pem)));
    this.client = builder.build();
    this.authorization = credentials.auth().authorizationHeader();
    this.requestTimeout = requestTimeout;
  }

  @Override
  public SearchResponse send(SearchRequest request) {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(base + request.path()))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body()));
    if (request.body() != null) {
      http.header("Content-Type", "application/json");
    }
    try {
      authorization.ifPresent(value -> http.header("Authorization", value));
    } catch (IllegalArgumentException e) {
      // The JDK quotes the rejected header value in its message: never pass that message on.
      throw new SearchRequestException(
          request,
          0,
          "the credentials in the Secret cannot be sent as an HTTP header"
              + " (they contain a line break or control character): store the value without them");
    }
    try {
      HttpResponse<String> response =
          client.send(http.build(), HttpResponse.BodyHandlers.ofString());
      return new SearchResponse(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new SearchRequestException(
          request, 0, "no answer (" + oneLine(e) + "): " + networkAdvice(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchRequestException(request, 0, "interrupted before the answer came: retry");
    }
  }

  private static String networkAdvice(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return "the TLS handshake failed; if the cluster uses a private CA, put it in a Secret and set caSecretRef";
      }
      if (t instanceof ConnectException) {
        return "nothing accepts connections there; is the cluster running and the endpoint right?";
      }
      if (t instanceof HttpTimeoutException) {
        return "the cluster did not answer in time; check its health, then retry";
      }
    }
    return "check the endpoint and the network, then retry";
  }

  /**
   * Class and first message line of a network-stack exception (those never contain credentials).
   */
  private static String oneLine(Throwable t) {
    String message = t.getMessage();
    String text =
        t.getClass().getSimpleName()
            + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    return text.length() <= 200 ? text : text.substring(0, 197) + "...";
  }
}
