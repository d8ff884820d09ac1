package dev.ekyc.operator.sql;

import java.util.regex.Pattern;

/**
 * A validated SQL identifier, always written backtick-quoted. Validation happens before any SQL is
 * built, so a name with a backtick, space or other character is refused before anything reaches the
 * database; quoting lets reserved words such as {@code order} be used as names.
 */
public record SqlIdentifier(String name) {
  private static final Pattern VALID = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,63}$");

  public SqlIdentifier {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new SqlPurgeException(
          "'"
              + name
              + "' is not an acceptable SQL identifier: use 1 to 64 letters, digits"
              + " and '_', not starting with a digit");
    }
  }

  public static SqlIdentifier of(String name) {
    return new SqlIdentifier(name);
  }

  /** The identifier quoted for MariaDB/MySQL; safe because validation excludes backticks. */
  public String quoted() {
    return "`" + name + "`";
  }

  @Override
  public String toString() {
    return quoted();
  }
}
