package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.StoreType;

/** The two job commands and the one store type each works on. */
public enum JobKind {
  SWEEP("sweep", StoreType.ObjectStorage),
  PURGE("purge", StoreType.SQL);

  private final String command;
  private final StoreType storeType;

  JobKind(String command, StoreType storeType) {
    this.command = command;
    this.storeType = storeType;
  }

  public String command() {
    return command;
  }

  public StoreType storeType() {
    return storeType;
  }

  /** How to fix a policy handed to the wrong command. */
  public static String commandFor(StoreType type) {
    return switch (type) {
      case ObjectStorage -> "use 'sweep'";
      case SQL -> "use 'purge'";
      case Search -> "search stores are enforced by ILM/ISM, which the operator configures; deleting whole indices"
          + " by creation date from a job is not built yet";
    };
  }
}
