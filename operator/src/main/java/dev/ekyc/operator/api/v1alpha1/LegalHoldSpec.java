package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Markers that put data on legal hold: held data is never deleted or erased by the operator. S3
 * Object Lock legal holds need no setting: the sweep reads each due version's lock (HeadObject) and
 * keeps held and locked versions, counted, and never asks S3 to bypass a lock. (A plain delete of a
 * locked object would succeed: it only adds a delete marker, which is why the sweep deletes by
 * version ID.)
 */
public class LegalHoldSpec {
  @Pattern("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$")
  @JsonPropertyDescription(
      "Object storage: objects carrying a tag with this key (any value) are held. S3 lifecycle rules cannot"
          + " exclude a tag, so with this set the operator deletes only through its sweeper and adds no"
          + " lifecycle backstop.")
  public String objectTagKey;

  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription("SQL: boolean column; rows where it is true are held.")
  public String sqlColumn;

  @Pattern("^[a-z0-9][a-z0-9_+.-]{0,200}$")
  @JsonPropertyDescription(
      "Search: indices that carry this alias are held; the operator detaches its lifecycle policy from them.")
  public String indexAlias;
}
