package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Limits that stop a wrong policy or a wrong clock from deleting too much. */
public class SafetySpec {
  @Default("100000")
  @Min(1)
  @Max(100000000)
  @JsonPropertyDescription(
      "Most objects, rows or erasures one run may perform; a run that would exceed it stops, reports, and"
          + " deletes nothing more until the next run.")
  public Long maxDeletionsPerRun = 100000L;

  @JsonPropertyDescription("Markers that put data on legal hold.")
  public LegalHoldSpec legalHold;
}
