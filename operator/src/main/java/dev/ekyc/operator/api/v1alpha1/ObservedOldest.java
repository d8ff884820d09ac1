package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the store really holds for one rule, read from the store on the drift interval (not inferred
 * from the mechanisms or the jobs' records): the oldest data of one kind the rule does not keep.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObservedOldest {
  @JsonPropertyDescription(
      "What was measured: rows, sensitive values, rows with withdrawn consent (since due), index.")
  public String what;

  @JsonPropertyDescription(
      "Where: the index, table (database.table) or prefix; never a key or a value.")
  public String where;

  @JsonPropertyDescription(
      "Age of the oldest such data, e.g. 2h3m; empty when the store holds none.")
  public String age;

  @JsonPropertyDescription("The same age in seconds.")
  public Long ageSeconds;

  @JsonPropertyDescription("The age past which it is overdue: the promise, else the worst case.")
  public String bound;

  @JsonPropertyDescription("True when age is past bound.")
  public Boolean overdue;

  @JsonPropertyDescription(
      "The backend's own account, e.g. 'ILM step ERROR: ...', 'ISM failed action delete: ...', 'not attached'.")
  public String reason;

  @JsonPropertyDescription("When it was read, by the backend's clock (RFC 3339).")
  public String observedTime;
}
