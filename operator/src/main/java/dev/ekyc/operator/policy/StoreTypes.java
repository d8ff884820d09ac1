package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.Optional;

/** The backend type a DataStore's spec names (the CRD's CEL rule allows exactly one). */
public final class StoreTypes {
  private StoreTypes() {}

  public static Optional<StoreType> of(DataStoreSpec spec) {
    if (spec == null) return Optional.empty();
    if (spec.objectStorage != null) return Optional.of(StoreType.ObjectStorage);
    if (spec.search != null) return Optional.of(StoreType.Search);
    if (spec.sql != null) return Optional.of(StoreType.SQL);
    return Optional.empty();
  }
}
