package dev.ekyc.operator.api.v1alpha1;

/** Patterns and CEL fragments shared by the API classes, so every field validates the same way. */
public final class ApiConstants {
  public static final String GROUP = "ekyc.dev";
  public static final String VERSION = "v1alpha1";

  /**
   * A duration is a positive whole number and one unit: m (minutes), h (hours) or d (days of 24h).
   * One unit only, so there is never doubt about what "1y" or "1M" means; write 730d for two years.
   */
  public static final String DURATION_PATTERN = "^[1-9][0-9]{0,5}(m|h|d)$";

  /** A name that is safe as a Kubernetes name, a rule name and a label value. */
  public static final String DNS_LABEL_PATTERN = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /** An unquoted SQL identifier: letters, digits and underscores, not starting with a digit. */
  public static final String SQL_IDENTIFIER_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

  /** ISO 3166-1 alpha-2 region code, upper case (HK, SG, TH, TW, ...). */
  public static final String JURISDICTION_PATTERN = "^[A-Z]{2}$";

  /**
   * Five-field cron expression (minute hour day-of-month month day-of-week); fully parsed by the
   * core.
   */
  public static final String CRON_PATTERN = "^(\\S+\\s+){4}\\S+$";

  private ApiConstants() {}
}
