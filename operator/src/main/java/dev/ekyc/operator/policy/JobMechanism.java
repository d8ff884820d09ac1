package dev.ekyc.operator.policy;

/**
 * A mechanism the operator's own job carries out on a schedule (the sweep or purge CronJob): the
 * rule's data is deleted by a run, so its worst case includes the schedule's longest gap.
 */
public sealed interface JobMechanism extends Mechanism
    permits ObjectSweep, IndexSweep, TablePurge, ColumnErasure {
  /** The cron schedule (UTC) of the job that runs it. */
  String schedule();
}
