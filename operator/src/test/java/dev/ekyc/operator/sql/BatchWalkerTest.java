package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The walker's budget and transaction rules, on a table in memory (SqlPurgeIT proves them on
 * MariaDB too).
 */
class BatchWalkerTest {

  @Test
  void neverChangesMoreRowsThanTheBudgetAndLeavesTheRestDue() throws SQLException {
    var table = new InMemoryKeyBatches(25, 5);

    var outcome = new BatchWalker("t", 4, 100).walk("delete", table, 10);

    assertThat(outcome.rows()).isEqualTo(10);
    assertThat(outcome.batches()).isEqualTo(3);
    assertThat(table.durableMatching()).isEqualTo(15);
    assertThat(table.durableRows()).isEqualTo(20);
    // The last batch asks only for what the budget still allows.
    assertThat(table.calls).contains("select after 8 limit 2");
  }

  @Test
  void commitsEveryBatchBeforeSelectingTheNext() throws SQLException {
    var table = new InMemoryKeyBatches(5, 0);

    new BatchWalker("t", 2, 100).walk("delete", table, 100);

    assertThat(table.calls)
        .containsExactly(
            "select after null limit 2",
            "change 2",
            "commit",
            "select after 2 limit 2",
            "change 2",
            "commit",
            "select after 4 limit 2",
            "change 1",
            "commit");
    assertThat(table.durableRows()).isZero();
  }

  @Test
  void aFullLastBatchIsFollowedByOneEmptySelectThatEndsTheWalk() throws SQLException {
    var table = new InMemoryKeyBatches(4, 3);

    var outcome = new BatchWalker("t", 2, 100).walk("delete", table, 100);

    assertThat(outcome.rows()).isEqualTo(4);
    assertThat(outcome.batches()).isEqualTo(2);
    assertThat(table.calls).endsWith("select after 4 limit 2", "commit");
    assertThat(table.durableRows()).isEqualTo(3);
  }

  @Test
  void aRowThatStopsMatchingBetweenSelectAndChangeIsKeptAndNotCounted() throws SQLException {
    var table = new InMemoryKeyBatches(6, 0);
    // A legal hold or consent arrives for row 2 after it was selected.
    table.beforeChange =
        keys -> {
          if (keys.contains(2)) {
            table.stopMatching(2);
          }
        };

    var outcome = new BatchWalker("t", 3, 100).walk("delete", table, 100);

    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(table.durableRows()).isEqualTo(1);
    assertThat(table.durableMatching()).isZero();
  }

  @Test
  void keysThatNoLongerMatchDoNotStallTheWalk() throws SQLException {
    var table = new InMemoryKeyBatches(6, 0);
    // Every selected row gains a hold before the change: nothing changes, but the walk moves on and
    // ends.
    table.beforeChange = keys -> keys.forEach(k -> table.stopMatching((Integer) k));

    var outcome = new BatchWalker("t", 2, 100).walk("delete", table, 100);

    assertThat(outcome.rows()).isZero();
    assertThat(outcome.batches()).isEqualTo(3);
    assertThat(table.durableRows()).isEqualTo(6);
  }

  @Test
  void aServerReportingMoreChangedRowsThanKeysIsRolledBackAndStopsTheRun() {
    var table = new InMemoryKeyBatches(6, 0);
    table.reportedChangeCount = 3;

    assertThatThrownBy(() -> new BatchWalker("t", 2, 100).walk("delete", table, 100))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("changed 3 rows for 2 keys in t: rolled back");
    assertThat(table.calls).endsWith("change 2", "rollback");
    assertThat(table.durableRows()).isEqualTo(6);
  }

  @Test
  void aBatchThatWouldPassTheBudgetIsRolledBack() {
    var table = new InMemoryKeyBatches(6, 0);
    table.reportedChangeCount = 2;

    // Budget 3: the second batch may select one key only, and a server answering 2 for it is
    // refused.
    assertThatThrownBy(() -> new BatchWalker("t", 2, 100).walk("delete", table, 3))
        .isInstanceOf(SqlPurgeException.class);
    assertThat(table.durableRows()).isEqualTo(4);
    assertThat(table.calls).endsWith("select after 2 limit 1", "change 1", "rollback");
  }

  @Test
  void aFailureRollsBackTheOpenBatchAndKeepsTheCommittedOnes() {
    var table = new InMemoryKeyBatches(6, 0);
    table.beforeChange =
        keys -> {
          if (keys.contains(3)) {
            table.failOnChange = new SQLException("lock wait timeout");
          }
        };

    assertThatThrownBy(() -> new BatchWalker("t", 2, 100).walk("delete", table, 100))
        .isInstanceOf(SQLException.class)
        .hasMessage("lock wait timeout");
    assertThat(table.calls).endsWith("rollback");
    assertThat(table.durableRows()).isEqualTo(4);
  }

  @Test
  void aZeroBudgetTouchesNothing() throws SQLException {
    var table = new InMemoryKeyBatches(3, 0);

    var outcome = new BatchWalker("t", 2, 100).walk("delete", table, 0);

    assertThat(outcome.rows()).isZero();
    assertThat(table.calls).isEmpty();
  }

  @Test
  void refusesABatchSizeBelowOne() {
    assertThatThrownBy(() -> new BatchWalker("t", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSizerIsToldEachCommittedBatchWithItsOwnDuration() throws SQLException {
    var table = new InMemoryKeyBatches(5, 0);
    List<long[]> observed = new ArrayList<>();
    BatchSizer recording =
        new BatchSizer() {
          @Override
          public int next() {
            return 2;
          }

          @Override
          public void observe(int asked, int got, long nanos) {
            observed.add(new long[] {asked, got, nanos});
          }
        };
    long before = System.nanoTime();

    new BatchWalker("t", recording, 100).walk("delete", table, 100);

    long elapsed = System.nanoTime() - before;
    assertThat(observed).extracting(o -> o[0] + "/" + o[1]).containsExactly("2/2", "2/2", "2/1");
    // Each batch's time is measured from its own start: never negative, never more than the whole
    // walk.
    assertThat(observed).allSatisfy(o -> assertThat(o[2]).isBetween(0L, elapsed));
  }

  @Test
  void progressIsLoggedEveryNBatchesWithCountsOnlyNeverKeys() throws SQLException {
    Logger logger = (Logger) LoggerFactory.getLogger(BatchWalker.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    try {
      // Keys 1..7 in batches of 2: progress after batches 2 and 4 only.
      new BatchWalker("customers", 2, 2).walk("delete", new InMemoryKeyBatches(7, 0), 100);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }

    assertThat(appender.list).hasSize(2);
    ILoggingEvent first = appender.list.get(0);
    Object[] args = first.getArgumentArray();
    assertThat(Arrays.copyOf(args, 4)).containsExactly("customers", "delete", 4L, 2L);
    // A rate in rows per second: 4 rows in well under 4 seconds even on a loaded machine.
    assertThat((Long) args[4]).isPositive();
    assertThat(appender.list.get(1).getArgumentArray()).startsWith("customers", "delete", 7L, 4L);
    // Only the table, the action, numbers and the time-left suffix (empty: no expectation was
    // given): no key
    // reaches the log.
    assertThat(appender.list)
        .allSatisfy(e -> assertThat(e.getArgumentArray()).hasSize(6).endsWith(""));
  }

  @Test
  void progressCarriesTheTimeLeftWhenTheRowsToChangeAreKnown() throws SQLException {
    Logger logger = (Logger) LoggerFactory.getLogger(BatchWalker.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
    try {
      new BatchWalker("customers", 2, 2)
          .reportingTimeLeft(TimeLeft.of(7))
          .walk("delete", new InMemoryKeyBatches(7, 0), 100);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }

    assertThat(appender.list).isNotEmpty();
    assertThat((String) appender.list.get(0).getArgumentArray()[5])
        .startsWith(", about ")
        .endsWith(" s left of ~7 rows");
  }
}
