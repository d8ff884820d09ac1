package dev.ekyc.operator.job;

import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.Set;

/** The two job commands and the store types each works on. */
public enum JobKind {
  /**
   * Objects by age; whole search indices by creation date where the store's indexDeletion is Sweep.
   */
  SWEEP("sweep", Set.of(StoreType.ObjectStorage, StoreType.Search)),
  PURGE("purge", Set.of(StoreType.SQL));

  private final String command;
  private final Set<StoreType> storeTypes;

  JobKind(String command, Set<StoreType> storeTypes) {
    this.command = command;
    this.storeTypes = storeTypes;
  }

  public String command() {
    return command;
  }

  public boolean worksOn(StoreType type) {
    return storeTypes.contains(type);
  }

  /** For messages: the store types, in a stable order. */
  public String storeTypesText() {
    return storeTypes.stream()
        .map(Enum::name)
        .sorted()
        .reduce((a, b) -> a + " and " + b)
        .orElse("");
  }

  /** How to fix a policy handed to the wrong command. */
  public static String commandFor(StoreType type) {
    return switch (type) {
      case ObjectStorage, Search -> "use 'sweep'";
      case SQL -> "use 'purge'";
    };
  }

  /** The job for a store type. */
  public static JobKind forStore(StoreType type) {
    return type == StoreType.SQL ? PURGE : SWEEP;
  }
}
