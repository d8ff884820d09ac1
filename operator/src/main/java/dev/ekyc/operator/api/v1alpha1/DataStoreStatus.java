package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last saw of the store. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataStoreStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Which backend type the spec names.")
  public StoreType storeType;

  @JsonPropertyDescription(
      "Product and version the backend reported at the last probe, e.g. MariaDB 10.11.6.")
  public String backendVersion;

  @JsonPropertyDescription(
      "When the probe that produced this status ran (RFC 3339). Stores are re-probed every 5 minutes while Ready,"
          + " but status is written only when the outcome changes, so this is not refreshed by every probe.")
  public String lastProbeTime;

  @JsonPropertyDescription("Ready, Reconciling and Stalled, with reason and message.")
  public List<Condition> conditions = new ArrayList<>();
}
