package dev.ekyc.operator.jobrun;

import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a run over its rules, in counts, rates and an estimate of what remains (rules left
 * times the average time per rule so far). Within a rule the engines log their own periodic lines
 * (pages or batches, counts and rate). Never a key or a row value: those can be personal data.
 */
final class RunProgress {
  private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

  private final String policy;
  private final int rules;
  private final long started = System.nanoTime();
  private int done;
  private long changed;

  RunProgress(String policy, int rules) {
    this.policy = policy;
    this.rules = rules;
  }

  void ruleStarting(String rule) {
    LOG.info("{}: rule {}/{} {} starting", policy, done + 1, rules, rule);
  }

  void ruleDone(String rule, RuleRunner.Counts counts, Duration took) {
    done++;
    changed += counts.changed();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    int left = rules - done;
    Duration estimate = done == 0 ? Duration.ZERO : elapsed.dividedBy(done).multipliedBy(left);
    LOG.info(
        "{}: rule {}/{} {} done in {} s: {} deleted, {} erased, cap reached {}; run so far {} changed ({} /s),"
            + " {} rules left, about {} s to go",
        policy,
        done,
        rules,
        rule,
        took.toSeconds(),
        counts.deleted() == null ? 0 : counts.deleted(),
        counts.erased() == null ? 0 : counts.erased(),
        counts.capReached(),
        changed,
        rate(changed, elapsed),
        left,
        estimate.toSeconds());
  }

  void ruleFailed(String rule) {
    done++;
    LOG.error("{}: rule {}/{} {} failed; {} rules left", policy, done, rules, rule, rules - done);
  }

  private static String rate(long count, Duration elapsed) {
    double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
    return String.format(Locale.ROOT, "%.1f", count / seconds);
  }
}
