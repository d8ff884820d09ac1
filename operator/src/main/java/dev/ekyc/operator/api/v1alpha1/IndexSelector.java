package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Indices matched by a name pattern, deleted whole by ILM (Elasticsearch) or ISM (OpenSearch). */
public class IndexSelector {
  @Required
  @Pattern("^[a-z0-9][a-z0-9_+.-]{0,200}\\*?$")
  @JsonPropertyDescription(
      "Index name or pattern with one trailing *, e.g. oplog-*. It must start with a literal letter or digit, so"
          + " it never matches system indices or every index.")
  public String pattern;

  @Default("1d")
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Longest time one index receives new documents: 1d for daily indices, the rollover max_age otherwise."
          + " An index is deleted only when its newest document has reached the retention, so data is never"
          + " deleted early; the oldest document may then be up to this much older.")
  public String writeWindow = "1d";
}
