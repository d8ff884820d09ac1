package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.SearchSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.IndexSweep;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.IndexSweepResult;
import dev.ekyc.operator.search.IndexSweeper;
import java.util.Optional;

/**
 * {@code sweep} on a search store whose indexDeletion is Sweep: each rule's primary {@link
 * IndexSweep}, run by the {@link IndexSweeper}. Indices without a creation date (age unknown) are
 * counted as NULL timestamps; due write indices kept have no field in the record and are a warning
 * in the log.
 */
final class SearchRuleRunner implements RuleRunner {
  private final IndexSweeper sweeper;

  SearchRuleRunner(SearchSpec spec, StoreCredentials.Search credentials, boolean dryRun) {
    this.sweeper = new IndexSweeper(new HttpSearchTransport(spec.endpoint, credentials), dryRun);
  }

  static Optional<IndexSweep> sweepOf(RulePlan rule) {
    return RuleRunner.primary(rule, IndexSweep.class);
  }

  @Override
  public boolean handles(RulePlan rule) {
    return sweepOf(rule).isPresent();
  }

  @Override
  public Counts run(RulePlan rule) {
    IndexSweepResult r = sweeper.sweep(sweepOf(rule).orElseThrow());
    Long backlogAge = RuleRunner.ageSeconds(r.oldestBacklogCreated(), r.serverNow());
    return new Counts(
        r.serverNow().toString(),
        r.cutoff().toString(),
        null,
        null,
        r.listed(),
        r.deleted(),
        null,
        null,
        r.keptHeld(),
        r.tooYoung(),
        r.noCreationDate(),
        r.errors(),
        r.capReached(),
        r.backlog() > 0,
        backlogAge);
  }

  @Override
  public void close() {
    // The JDK HttpClient holds no resource that needs closing on Java 17.
  }
}
