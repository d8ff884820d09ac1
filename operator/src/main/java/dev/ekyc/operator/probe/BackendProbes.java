package dev.ekyc.operator.probe;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.credentials.StoreCredentials;

/** Picks the probe for the backend type the spec names. */
public final class BackendProbes implements BackendProbe {
  private final S3Probe s3;
  private final SearchProbe search;
  private final SqlProbe sql;

  public BackendProbes(ProbeTimeouts timeouts) {
    this(new S3Probe(timeouts), new SearchProbe(timeouts), new SqlProbe(timeouts));
  }

  BackendProbes(S3Probe s3, SearchProbe search, SqlProbe sql) {
    this.s3 = s3;
    this.search = search;
    this.sql = sql;
  }

  @Override
  public ProbeResult probe(DataStoreSpec spec, StoreCredentials credentials) {
    try {
      if (spec.objectStorage != null && credentials instanceof StoreCredentials.ObjectStorage c) {
        return s3.probe(spec.objectStorage, c);
      }
      if (spec.search != null && credentials instanceof StoreCredentials.Search c) {
        return search.probe(spec.search, c);
      }
      if (spec.sql != null && credentials instanceof StoreCredentials.Sql c) {
        return sql.probe(spec.sql, c);
      }
    } catch (IllegalArgumentException e) {
      // Bad configuration found while preparing the client, e.g. an unparsable CA bundle.
      return ProbeResult.failed(ProbeOutcome.TlsFailed, e.getMessage());
    }
    throw new IllegalStateException(
        "credentials of type "
            + credentials.getClass().getSimpleName()
            + " do not match the backend the spec names");
  }
}
