package dev.ekyc.operator.credentials;

import java.util.Objects;

/**
 * A credential value read from a Kubernetes Secret. {@link #toString()} never shows it, so it
 * cannot leak into a log line or an exception message by accident; call {@link #reveal()} only
 * where the backend needs it.
 */
public final class SecretValue {
  private final String value;

  private SecretValue(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SecretValue of(String value) {
    return new SecretValue(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
