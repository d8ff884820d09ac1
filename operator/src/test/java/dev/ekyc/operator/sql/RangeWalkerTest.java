package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The range walker's cap and transaction rules, on a table in memory (SqlPurgeIT proves them on
 * MariaDB).
 */
class RangeWalkerTest {

  /** Keys that match, a transaction of changed keys, and every call in order. */
  static class InMemoryRanges implements RangeChanges {
    final TreeSet<Long> matching = new TreeSet<>();
    final TreeSet<Long> pending = new TreeSet<>();
    final List<String> calls = new ArrayList<>();

    /** Extra rows a broken server claims to have changed in a range, by range start. */
    final TreeMap<Long, Integer> lies = new TreeMap<>();

    InMemoryRanges(long... keys) {
      for (long key : keys) {
        matching.add(key);
      }
    }

    @Override
    public int change(long from, long to) {
      calls.add("change " + from + ".." + to);
      var hit = new TreeSet<>(matching.subSet(from, true, to, true));
      hit.removeAll(pending);
      pending.addAll(hit);
      return hit.size() + lies.getOrDefault(from, 0);
    }

    @Override
    public void commit() {
      calls.add("commit");
      matching.removeAll(pending);
      pending.clear();
    }

    @Override
    public void rollback() {
      calls.add("rollback");
      pending.clear();
    }
  }

  private static RangeWalker walker(int width) {
    return new RangeWalker("t", BatchSizer.fixed(width), 100);
  }

  @Test
  void walksConsecutiveRangesOneTransactionEachUpToTheLargestKey() throws SQLException {
    var table = new InMemoryRanges(1, 2, 5, 9, 10);

    var outcome = walker(4).walk("erase", new KeySpan(1, 10), table, 100);

    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(outcome.batches()).isEqualTo(3);
    assertThat(table.calls)
        .containsExactly(
            "change 1..4", "commit", "change 5..8", "commit", "change 9..10", "commit");
    assertThat(table.matching).isEmpty();
  }

  @Test
  void aRangeIsNeverWiderThanWhatTheBudgetLeaves() throws SQLException {
    var table = new InMemoryRanges(1, 2, 3, 4, 5, 6, 7, 8);

    var outcome = walker(3).walk("erase", new KeySpan(1, 8), table, 5);

    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(table.calls).containsExactly("change 1..3", "commit", "change 4..5", "commit");
    assertThat(table.matching).containsExactly(6L, 7L, 8L);
  }

  @Test
  void aRangeClaimingMoreRowsThanItHasValuesIsRolledBackAndFails() throws SQLException {
    var table = new InMemoryRanges(1, 2, 3, 4, 5, 6);
    table.lies.put(4L, 1);

    assertThatThrownBy(() -> walker(3).walk("erase", new KeySpan(1, 6), table, 100))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("keys 4..6")
        .hasMessageContaining("rolled back");
    assertThat(table.calls).containsExactly("change 1..3", "commit", "change 4..6", "rollback");
    assertThat(table.matching).containsExactly(4L, 5L, 6L);
  }

  @Test
  void aNegativeCountIsRefusedToo() {
    var table = new InMemoryRanges(1);
    table.lies.put(1L, -2);
    assertThatThrownBy(() -> walker(3).walk("erase", new KeySpan(1, 1), table, 100))
        .isInstanceOf(SqlPurgeException.class);
    assertThat(table.calls).endsWith("rollback");
  }

  @Test
  void aFailingStatementRollsBackTheOpenRange() {
    var table =
        new InMemoryRanges(1, 2) {
          @Override
          public int change(long from, long to) {
            super.change(from, to);
            throw new IllegalStateException("connection lost");
          }
        };
    assertThatThrownBy(() -> walker(5).walk("erase", new KeySpan(1, 2), table, 100))
        .hasMessage("connection lost");
    assertThat(table.calls).containsExactly("change 1..2", "rollback");
    assertThat(table.matching).containsExactly(1L, 2L);
  }

  @Test
  void aSpanEndingAtTheLargestLongEndsWithoutOverflow() throws SQLException {
    var table = new InMemoryRanges(Long.MAX_VALUE - 1, Long.MAX_VALUE);

    var outcome =
        walker(10).walk("erase", new KeySpan(Long.MAX_VALUE - 4, Long.MAX_VALUE), table, 100);

    assertThat(outcome.rows()).isEqualTo(2);
    assertThat(outcome.batches()).isEqualTo(1);
  }

  @Test
  void aZeroBudgetChangesNothing() throws SQLException {
    var table = new InMemoryRanges(1);
    assertThat(walker(3).walk("erase", new KeySpan(1, 1), table, 0).rows()).isZero();
    assertThat(table.calls).isEmpty();
  }

  @Test
  void theSizerSeesEveryRangeAsFullSoAFastWalkWidensItsRanges() throws SQLException {
    var table = new InMemoryRanges();
    var sizer = BatchSizer.adaptive(2, 1, 64, java.time.Duration.ofSeconds(10));

    new RangeWalker("t", sizer, 1).walk("erase", new KeySpan(1, 100), table, 1000);

    assertThat(table.calls)
        .startsWith("change 1..2", "commit", "change 3..6", "commit", "change 7..14");
  }

  @Test
  void aRangeFullOfRowsIsFineAndTheLastRangeIsNeverWiderThanTheWidth() throws SQLException {
    var table = new InMemoryRanges(1, 2, 3, 4, 5);

    var outcome = walker(4).walk("erase", new KeySpan(1, 5), table, 100);

    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(table.calls).containsExactly("change 1..4", "commit", "change 5..5", "commit");
  }

  @Test
  void progressIsLoggedEveryThatManyRangesWithCountsOnly() throws SQLException {
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RangeWalker.class);
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    // Other tests in the same JVM may have changed levels: this one needs INFO from this logger,
    // whatever they did.
    var level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.addAppender(appender);
    try {
      new RangeWalker("t", BatchSizer.fixed(2), 2)
          .walk("erase", new KeySpan(1, 10), new InMemoryRanges(1, 2, 3), 100);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
    assertThat(appender.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .allMatch(m -> m.startsWith("t erase: 3 rows in "))
        .anyMatch(m -> m.contains(" in 2 ranges, "))
        .anyMatch(m -> m.contains(" in 4 ranges, "))
        .allMatch(m -> Long.parseLong(m.replaceAll(".*, (\\d+) rows/s$", "$1")) >= 1);
  }

  @Test
  void aProgressIntervalBelowOneIsRefused() {
    assertThatThrownBy(() -> new RangeWalker("t", BatchSizer.fixed(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
