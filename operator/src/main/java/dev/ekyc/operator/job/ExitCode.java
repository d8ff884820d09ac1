package dev.ekyc.operator.job;

/**
 * Exit codes of {@code sweep} and {@code purge}, one per reason a run did not do its work, so a
 * CronJob's failed Job (and the alert reading it) tells "refused" apart from "crashed" without
 * parsing logs. 0-2 are the codes every command of the jar uses; the job-specific ones start at 10
 * to stay clear of shells' and the JVM's own codes.
 */
public enum ExitCode {
  SUCCEEDED(0, "the run finished; every rule ran"),
  FAILED(1, "the run started but a backend error stopped a rule (the result record says which)"),
  USAGE(2, "unknown option or missing argument"),
  POLICY_NOT_FOUND(10, "the RetentionPolicy does not exist in the namespace"),
  POLICY_INVALID(11, "the policy has errors and is not enforceable"),
  POLICY_CONFLICT(12, "the policy selects the same data as another policy; both are refused"),
  STORE_NOT_READY(13, "the policy's DataStore is not Ready"),
  WRONG_STORE_TYPE(
      14,
      "the policy's store type does not fit the command (sweep: objects and search stores with indexDeletion Sweep, purge: SQL)"),
  RUN_IN_PROGRESS(15, "another run of the same policy holds its Lease"),
  CREDENTIALS_UNAVAILABLE(16, "the store's Secret or one of its keys is missing"),
  API_UNAVAILABLE(17, "the Kubernetes API could not be read or written");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
