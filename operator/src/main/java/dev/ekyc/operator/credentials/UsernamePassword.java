package dev.ekyc.operator.credentials;

import java.util.Objects;

/** A user name and password (SQL, search basic authentication). The user name is not secret. */
public record UsernamePassword(String username, SecretValue password) {
  public UsernamePassword {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }
}
