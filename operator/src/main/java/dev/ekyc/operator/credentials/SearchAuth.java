package dev.ekyc.operator.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How to authenticate to Elasticsearch/OpenSearch: basic, API key, or not at all. */
public sealed interface SearchAuth {

  /** The Authorization header value, if any. */
  Optional<String> authorizationHeader();

  record None() implements SearchAuth {
    @Override
    public Optional<String> authorizationHeader() {
      return Optional.empty();
    }
  }

  record Basic(UsernamePassword credentials) implements SearchAuth {
    @Override
    public Optional<String> authorizationHeader() {
      String pair = credentials.username() + ":" + credentials.password().reveal();
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The encoded API key ("base64(id:key)"), sent as {@code Authorization: ApiKey ...}. */
  record ApiKey(SecretValue encodedKey) implements SearchAuth {
    @Override
    public Optional<String> authorizationHeader() {
      return Optional.of("ApiKey " + encodedKey.reveal().trim());
    }
  }
}
