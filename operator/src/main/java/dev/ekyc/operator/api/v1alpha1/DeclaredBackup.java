package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A backup of the store the operator cannot read (a cloud database's automatic backups, a volume
 * snapshot, a bucket replica), declared so that status and plan show it next to the live worst case
 * and promises are held against it.
 */
public class DeclaredBackup {
  @Required
  @Size(min = 1, max = 128)
  @JsonPropertyDescription("What and where, e.g. 'TencentDB automatic backups and binlog backups'.")
  public String name;

  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long the backup keeps data, e.g. 7d. Absent: not bounded (kept until someone deletes it).")
  public String retention;
}
