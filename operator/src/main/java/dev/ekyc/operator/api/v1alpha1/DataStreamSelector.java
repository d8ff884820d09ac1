package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An Elasticsearch data stream, governed by its data stream lifecycle (data_retention). */
public class DataStreamSelector {
  @Required
  @Pattern("^[a-z0-9][a-z0-9_+.-]{0,200}$")
  @JsonPropertyDescription("Data stream name, e.g. oplog.")
  public String name;

  @Default("1d")
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Longest time one backing index is the write index (the rollover max_age). A backing index is deleted only"
          + " when its newest document has reached the retention; the oldest may be up to this much older.")
  public String writeWindow = "1d";
}
