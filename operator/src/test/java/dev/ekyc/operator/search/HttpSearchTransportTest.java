package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.credentials.UsernamePassword;
import dev.ekyc.operator.testing.OneAnswerServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport against a tiny local server: authentication goes out, credentials never come
 * back.
 */
class HttpSearchTransportTest {
  private static final String PASSWORD = "s3cret-for-transport-test";
  private static final StoreCredentials.Search BASIC =
      new StoreCredentials.Search(
          new SearchAuth.Basic(new UsernamePassword("ekyc", SecretValue.of(PASSWORD))),
          Optional.empty());

  private OneAnswerServer server;

  private String serve(int status, String body) throws IOException {
    server = OneAnswerServer.answering(status, body);
    return server.url();
  }

  /** The last request as one line: method, URI, Authorization header and body. */
  private String seen() {
    OneAnswerServer.Request r = server.lastRequest();
    return r == null ? null : r.method() + " " + r.uri() + " " + r.authorization() + " " + r.body();
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void sendsMethodPathBodyAndBasicAuthentication() throws IOException {
    var transport = new HttpSearchTransport(serve(200, "{\"acknowledged\":true}") + "/", BASIC);

    SearchResponse response =
        transport.send(SearchRequest.put("/_ilm/policy/p", "{\"policy\":{}}"));

    assertThat(response.status()).isEqualTo(200);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("ekyc:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(seen()).isEqualTo("PUT /_ilm/policy/p " + basic + " {\"policy\":{}}");
  }

  @Test
  void aRejectedLoginSaysWhatToCheckAndNeverShowsTheCredentials() throws IOException {
    var client =
        new SearchClient(
            new HttpSearchTransport(
                serve(
                    401,
                    "{\"error\":{\"type\":\"security_exception\","
                        + "\"reason\":\"unable to authenticate user [ekyc] for REST request [/_ilm/policy/p]\"},\"status\":401}"),
                BASIC));

    assertThatThrownBy(() -> client.readOrNull("/_ilm/policy/p"))
        .isInstanceOf(SearchRequestException.class)
        .hasMessageStartingWith(
            "GET /_ilm/policy/p answered HTTP 401: security_exception: unable to authenticate")
        .hasMessageContaining("check the user name and password")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain(
                        PASSWORD,
                        Base64.getEncoder()
                            .encodeToString(
                                ("ekyc:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void noAnswerNamesTheRequestAndNotTheEndpointUserInfo() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    var transport =
        new HttpSearchTransport(
            "http://ekyc:" + PASSWORD + "@127.0.0.1:" + closed,
            BASIC,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2));

    assertThatThrownBy(() -> transport.send(SearchRequest.get("/_ilm/policy/p")))
        .isInstanceOf(SearchRequestException.class)
        .hasMessageStartingWith("GET /_ilm/policy/p: no answer")
        .hasMessageContaining("is the cluster running")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
  }

  @Test
  void aReadOf404IsAbsentNotAnError() throws IOException {
    var client =
        new SearchClient(
            new HttpSearchTransport(serve(404, "{\"error\":\"alias [x] missing\"}"), BASIC));
    assertThat(client.readOrNull("/_alias/x")).isNull();
  }
}
