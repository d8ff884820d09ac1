package dev.ekyc.operator.policy;

/**
 * One way a rule is enforced: a native backend feature the operator configures, or a job the
 * operator runs where no native feature is precise enough. The backend adapters turn each into
 * concrete configuration.
 */
public sealed interface Mechanism permits NativeMechanism, JobMechanism {

  /** Whether the mechanism is the one the guarantee rests on, or a safety net behind it. */
  enum Role {
    PRIMARY,
    BACKSTOP
  }

  /** Short name shown in status and plans, e.g. Sweeper, LifecycleRule, ILM. */
  String kind();

  Role role();

  /** One human-readable line. */
  String summary();
}
