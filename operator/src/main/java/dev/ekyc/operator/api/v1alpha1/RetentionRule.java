package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One kind of data in the store, how to find it, and how long it may be kept.
 *
 * <p>The CEL rules turn a duration such as 30d into seconds with substring arithmetic because CEL's
 * own duration() has no day unit.
 */
@ValidationRule(
    value =
        "[has(self.objects), has(self.indices), has(self.dataStream), has(self.table)].filter(x, x).size() == 1",
    message =
        "set exactly one selector: objects (object storage), indices or dataStream (search) or table (sql)")
@ValidationRule(
    value =
        "!has(self.withConsent) || (int(self.withConsent.retention.substring(0, size(self.withConsent.retention) - 1)) * (self.withConsent.retention.endsWith('d') ? 86400 : (self.withConsent.retention.endsWith('h') ? 3600 : 60))) > (int(self.retention.substring(0, size(self.retention) - 1)) * (self.retention.endsWith('d') ? 86400 : (self.retention.endsWith('h') ? 3600 : 60)))",
    message =
        "withConsent.retention must be longer than retention: consent can only extend how long data is kept")
@ValidationRule(
    value = "!has(self.withConsent) || has(self.objects) || has(self.table)",
    message =
        "withConsent needs an objects or table selector: indices and data streams are deleted whole, not per record")
@ValidationRule(
    value = "!has(self.sensitive) || has(self.table)",
    message = "sensitive columns need a table selector")
@ValidationRule(
    value =
        "!has(self.sensitive) || (int(self.sensitive.withoutConsent.eraseAfter.substring(0, size(self.sensitive.withoutConsent.eraseAfter) - 1)) * (self.sensitive.withoutConsent.eraseAfter.endsWith('d') ? 86400 : (self.sensitive.withoutConsent.eraseAfter.endsWith('h') ? 3600 : 60))) < (int(self.retention.substring(0, size(self.retention) - 1)) * (self.retention.endsWith('d') ? 86400 : (self.retention.endsWith('h') ? 3600 : 60)))",
    message =
        "sensitive.withoutConsent.eraseAfter must be shorter than retention, or the row is deleted first")
@ValidationRule(
    value =
        "!has(self.sensitive) || !has(self.table) || !self.sensitive.columns.exists(c, c == self.table.key || c == self.table.timestampColumn)",
    message = "sensitive.columns must not include the table's key or timestampColumn")
@ValidationRule(
    value =
        "!has(self.deleteWithin) || (int(self.deleteWithin.substring(0, size(self.deleteWithin) - 1)) * (self.deleteWithin.endsWith('d') ? 86400 : (self.deleteWithin.endsWith('h') ? 3600 : 60))) > (int(self.retention.substring(0, size(self.retention) - 1)) * (self.retention.endsWith('d') ? 86400 : (self.retention.endsWith('h') ? 3600 : 60)))",
    message =
        "deleteWithin must be longer than retention: the promise must leave the mechanisms time to delete",
    fieldPath = ".deleteWithin")
@ValidationRule(
    value =
        "!has(self.acceptedResiduals) || self.acceptedResiduals.all(a, self.acceptedResiduals.exists_one(b, b.kind == a.kind))",
    message = "acceptedResiduals must name each kind at most once",
    fieldPath = ".acceptedResiduals")
public class RetentionRule {
  @Required
  @Size(max = 63)
  @Pattern(ApiConstants.DNS_LABEL_PATTERN)
  @JsonPropertyDescription(
      "Rule name, unique within the policy (lower-case letters, digits, hyphens).")
  public String name;

  @Required
  @Size(max = 63)
  @Pattern(ApiConstants.DNS_LABEL_PATTERN)
  @JsonPropertyDescription(
      "Data category: monitoring, operation-log, identification, biometric, identity-document, or a custom"
          + " lower-case name. Consent policies apply by category.")
  public String dataCategory;

  @Size(max = 256)
  @JsonPropertyDescription(
      "Why the data is processed, e.g. troubleshooting and performance analysis; goes into receipts.")
  public String purpose;

  @JsonPropertyDescription("Legal basis of the processing; goes into plans and receipts.")
  public LegalBasis legalBasis;

  @JsonPropertyDescription("Object storage: objects by key prefix and tags.")
  public ObjectSelector objects;

  @JsonPropertyDescription("Search: indices by name pattern.")
  public IndexSelector indices;

  @JsonPropertyDescription("Search (Elasticsearch): a data stream.")
  public DataStreamSelector dataStream;

  @JsonPropertyDescription("SQL: rows of a table.")
  public TableSelector table;

  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long the data is kept, counted from creation (object upload, row timestamp, index's newest"
          + " document): a whole number and one unit, m, h or d (24h), e.g. 2h, 30d, 730d.")
  public String retention;

  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "The promise, e.g. a privacy notice's 'deleted within 2 hours': no data the rule selects (without consent)"
          + " is ever older than this. Optional; when set, the policy is refused unless the worst-case age of its"
          + " mechanisms is within it. Longer than retention.")
  public String deleteWithin;

  @JsonPropertyDescription("A longer retention where consent is recorded (objects and tables).")
  public ConsentedRetention withConsent;

  @JsonPropertyDescription(
      "Sensitive columns of the table that are kept only with consent (tables only).")
  public SensitiveColumns sensitive;

  @Size(max = 4)
  @JsonPropertyDescription(
      "Copies outside the live store (binary log, open transactions, snapshots, declared backups) that may keep this"
          + " rule's data longer than deleteWithin, acknowledged with a reason. Without an entry for a kind, a promise"
          + " shorter than such a copy is refused; with one, status still shows the copy next to the worst case.")
  public java.util.List<AcceptedResidual> acceptedResiduals;
}
