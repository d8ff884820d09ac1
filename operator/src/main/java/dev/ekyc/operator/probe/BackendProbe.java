package dev.ekyc.operator.probe;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.credentials.StoreCredentials;

/**
 * Checks that a store's backend is reachable, accepts the credentials and has what the spec names.
 */
@FunctionalInterface
public interface BackendProbe {

  /**
   * Never throws for backend trouble: every failure becomes a {@link ProbeResult} with an outcome.
   */
  ProbeResult probe(DataStoreSpec spec, StoreCredentials credentials);
}
