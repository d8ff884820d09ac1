package dev.ekyc.operator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.api.v1alpha1.SearchSpec;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.credentials.UsernamePassword;
import dev.ekyc.operator.testing.OneAnswerServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a tiny local HTTP server that answers like a search node would. */
class SearchProbeTest {
  private static final String ES_ROOT =
      "{\"version\":{\"number\":\"6.8.23\",\"build_flavor\":\"default\"}}";
  private static final String OS_ROOT =
      "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.6\"}}";
  private static final ProbeTimeouts FAST =
      new ProbeTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

  private OneAnswerServer server;

  private String serve(int status, String body) throws IOException {
    server = OneAnswerServer.answering(status, body);
    return server.url();
  }

  private String seenAuthorization() {
    return server.lastRequest() == null ? null : server.lastRequest().authorization();
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  private static SearchSpec spec(SearchEngine engine, String endpoint) {
    SearchSpec s = new SearchSpec();
    s.engine = engine;
    s.endpoint = endpoint;
    return s;
  }

  private static StoreCredentials.Search basic(String user, String password) {
    return new StoreCredentials.Search(
        new SearchAuth.Basic(new UsernamePassword(user, SecretValue.of(password))),
        Optional.empty());
  }

  @Test
  void readsDistributionAndVersionAndSendsBasicAuth() throws IOException {
    String url = serve(200, ES_ROOT);
    ProbeResult r =
        new SearchProbe(FAST)
            .probe(spec(SearchEngine.Elasticsearch, url + "/"), basic("elastic", "pw"));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.Probed);
    assertThat(r.backendVersion()).isEqualTo("Elasticsearch 6.8.23");
    assertThat(seenAuthorization()).isEqualTo("Basic ZWxhc3RpYzpwdw==");
  }

  @Test
  void sendsApiKeysAsApiKeyHeader() throws IOException {
    String url = serve(200, OS_ROOT);
    var creds =
        new StoreCredentials.Search(
            new SearchAuth.ApiKey(SecretValue.of("aWQ6a2V5\n")), Optional.empty());
    ProbeResult r = new SearchProbe(FAST).probe(spec(SearchEngine.OpenSearch, url), creds);
    assertThat(r.backendVersion()).isEqualTo("OpenSearch 2.19.6");
    assertThat(seenAuthorization()).isEqualTo("ApiKey aWQ6a2V5");
  }

  @Test
  void anApiKeyWithALineBreakInsideNeverReachesTheMessage() throws IOException {
    String url = serve(200, ES_ROOT);
    var creds =
        new StoreCredentials.Search(
            new SearchAuth.ApiKey(SecretValue.of("c2VjcmV0\nLWtleQ==")), Optional.empty());
    ProbeResult r = new BackendProbes(FAST).probe(storeSpec(url), creds);
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.AuthenticationFailed);
    assertThat(r.message())
        .doesNotContain("c2VjcmV0")
        .doesNotContain("LWtleQ")
        .contains("line break");
  }

  private static dev.ekyc.operator.api.v1alpha1.DataStoreSpec storeSpec(String url) {
    var spec = new dev.ekyc.operator.api.v1alpha1.DataStoreSpec();
    spec.search = spec(SearchEngine.Elasticsearch, url);
    return spec;
  }

  @Test
  void http401IsAuthenticationFailedWithoutThePassword() throws IOException {
    String url = serve(401, "{\"error\":\"unauthorized\"}");
    ProbeResult r =
        new SearchProbe(FAST)
            .probe(spec(SearchEngine.Elasticsearch, url), basic("elastic", "hunter2"));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.AuthenticationFailed);
    assertThat(r.message()).contains("401").doesNotContain("hunter2");
  }

  @Test
  void theWrongEngineIsReportedWithTheFix() throws IOException {
    String url = serve(200, OS_ROOT);
    ProbeResult r =
        new SearchProbe(FAST)
            .probe(
                spec(SearchEngine.Elasticsearch, url),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.EngineMismatch);
    assertThat(r.message()).contains("set engine: OpenSearch");
  }

  @Test
  void somethingThatIsNotSearchIsAProbeFailure() throws IOException {
    String url = serve(200, "<html>hello</html>");
    ProbeResult r =
        new SearchProbe(FAST)
            .probe(
                spec(SearchEngine.Elasticsearch, url),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.ProbeFailed);
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProbeResult r =
        new SearchProbe(FAST)
            .probe(
                spec(SearchEngine.Elasticsearch, "http://127.0.0.1:" + port),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.Unreachable);
    assertThat(r.message()).contains("127.0.0.1:" + port);
  }
}
