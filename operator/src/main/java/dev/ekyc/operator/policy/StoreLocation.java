package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.Locale;

/**
 * Where a store physically is. Two DataStores that name the same bucket, cluster or database share one
 * location, so rules on them are checked against each other for conflicts.
 */
public record StoreLocation(StoreType type, String key, String display) {

  /** Returns null when the spec does not name exactly one backend. */
  public static StoreLocation of(DataStoreSpec spec) {
    if (spec == null) {
      return null;
    }
    int set = (spec.objectStorage != null ? 1 : 0) + (spec.search != null ? 1 : 0) + (spec.sql != null ? 1 : 0);
    if (set != 1) {
      return null;
    }
    if (spec.objectStorage != null) {
      String endpoint = normalize(spec.objectStorage.endpoint);
      return new StoreLocation(StoreType.ObjectStorage, "s3|" + endpoint + "|" + spec.objectStorage.bucket,
          "s3://" + spec.objectStorage.bucket + " at " + endpoint);
    }
    if (spec.search != null) {
      String endpoint = normalize(spec.search.endpoint);
      return new StoreLocation(StoreType.Search, "search|" + endpoint, spec.search.engine + " at " + endpoint);
    }
    String hostPort = String.valueOf(spec.sql.host).toLowerCase(Locale.ROOT) + ":" + spec.sql.port;
    return new StoreLocation(StoreType.SQL, "sql|" + hostPort + "|" + spec.sql.database,
        spec.sql.engine + " " + hostPort + "/" + spec.sql.database);
  }

  /** Scheme and host in lower case, default ports and trailing slashes dropped: one spelling per server. */
  static String normalize(String endpoint) {
    String e = String.valueOf(endpoint).trim().toLowerCase(Locale.ROOT);
    while (e.endsWith("/")) {
      e = e.substring(0, e.length() - 1);
    }
    if (e.startsWith("https://") && e.endsWith(":443")) {
      e = e.substring(0, e.length() - 4);
    } else if (e.startsWith("http://") && e.endsWith(":80")) {
      e = e.substring(0, e.length() - 3);
    }
    return e;
  }
}
