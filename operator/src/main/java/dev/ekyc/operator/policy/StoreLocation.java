package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageProvider;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.Locale;

/**
 * Where a store physically is. Two DataStores that name the same bucket, cluster or database share
 * one location, so rules on them are checked against each other for conflicts.
 */
public record StoreLocation(StoreType type, String key, String display) {

  /** Returns null when the spec does not name exactly one backend. */
  public static StoreLocation of(DataStoreSpec spec) {
    if (spec == null) {
      return null;
    }
    int set =
        (spec.objectStorage != null ? 1 : 0)
            + (spec.search != null ? 1 : 0)
            + (spec.sql != null ? 1 : 0);
    if (set != 1) {
      return null;
    }
    if (spec.objectStorage != null) {
      String endpoint = normalize(spec.objectStorage.endpoint);
      var provider = spec.objectStorage.provider;
      // AWS and COS bucket names are unique across the provider: any endpoint (regional or not)
      // names one bucket.
      String server =
          provider == ObjectStorageProvider.AWS || provider == ObjectStorageProvider.TencentCOS
              ? provider.name()
              : serverKey(endpoint);
      return new StoreLocation(
          StoreType.ObjectStorage,
          "s3|" + server + "|" + spec.objectStorage.bucket,
          "s3://" + spec.objectStorage.bucket + " at " + endpoint);
    }
    if (spec.search != null) {
      String endpoint = normalize(spec.search.endpoint);
      return new StoreLocation(
          StoreType.Search,
          "search|" + serverKey(endpoint),
          spec.search.engine + " at " + endpoint);
    }
    String hostPort =
        stripDot(String.valueOf(spec.sql.host).toLowerCase(Locale.ROOT)) + ":" + spec.sql.port;
    // MySQL/MariaDB database names are case-insensitive on the default (Windows/macOS) and common
    // settings.
    return new StoreLocation(
        StoreType.SQL,
        "sql|" + hostPort + "|" + spec.sql.database.toLowerCase(Locale.ROOT),
        spec.sql.engine + " " + hostPort + "/" + spec.sql.database);
  }

  /**
   * The host alone: http and https, or two ports of one host, may well reach the same data, and
   * treating two servers as one can only refuse a policy, never delete early.
   */
  static String serverKey(String normalized) {
    String rest = normalized.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
    String hostPort = rest.split("/", 2)[0];
    String host =
        hostPort.startsWith("[")
            ? hostPort.substring(0, hostPort.indexOf(']') + 1)
            : hostPort.replaceFirst(":[0-9]*$", "");
    return stripDot(host);
  }

  private static String stripDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * Scheme and host in lower case, default ports and trailing slashes dropped: one spelling per
   * server.
   */
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
