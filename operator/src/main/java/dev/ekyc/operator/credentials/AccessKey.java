package dev.ekyc.operator.credentials;

import java.util.Objects;
import java.util.Optional;

/** An S3 access key pair, with an optional session token for temporary credentials. */
public record AccessKey(
    String accessKeyId, SecretValue secretAccessKey, Optional<SecretValue> sessionToken) {
  public AccessKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  /** Access key IDs are not secret, but there is no need to print more than the start of one. */
  @Override
  public String toString() {
    String shown = accessKeyId.length() <= 4 ? accessKeyId : accessKeyId.substring(0, 4) + "...";
    return "AccessKey[" + shown + "]";
  }
}
