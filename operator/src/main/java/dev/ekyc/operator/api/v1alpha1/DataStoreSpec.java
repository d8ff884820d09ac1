package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Where personal data lives: exactly one backend, and the jurisdiction it is stored in. */
@ValidationRule(
    value = "[has(self.objectStorage), has(self.search), has(self.sql)].filter(x, x).size() == 1",
    message = "set exactly one of objectStorage, search or sql: a DataStore describes one backend")
public class DataStoreSpec {
  @Required
  @Pattern(ApiConstants.JURISDICTION_PATTERN)
  @JsonPropertyDescription(
      "ISO 3166-1 alpha-2 code of the jurisdiction where the data is physically stored, e.g. SG, HK, TH, TW.")
  public String jurisdiction;

  @JsonPropertyDescription("An S3-compatible bucket.")
  public ObjectStorageSpec objectStorage;

  @JsonPropertyDescription("An Elasticsearch or OpenSearch cluster.")
  public SearchSpec search;

  @JsonPropertyDescription("A MySQL or MariaDB database.")
  public SqlSpec sql;

  @io.fabric8.generator.annotation.Size(max = 8)
  @JsonPropertyDescription(
      "Backups of this store the operator cannot read (cloud automatic backups, volume snapshots, replicas), with how"
          + " long each keeps data. Shown next to every rule's worst case; a rule whose deleteWithin is shorter is"
          + " refused unless it lists Backups in acceptedResiduals.")
  public java.util.List<DeclaredBackup> backups;
}
