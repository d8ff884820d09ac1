package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The walker with a table that deletes and returns keys in one statement (MariaDB's DELETE ...
 * RETURNING).
 */
class OneStatementBatchesTest {

  /**
   * Matching keys 1..n in memory; changeNext deletes up to limit after a key; commits make changes
   * durable.
   */
  static final class ReturningTable implements KeyBatches {
    final TreeSet<Integer> durable = new TreeSet<>();
    TreeSet<Integer> open;
    final List<String> calls = new ArrayList<>();
    int extraReturned;

    ReturningTable(int rows) {
      for (int i = 1; i <= rows; i++) {
        durable.add(i);
      }
      open = new TreeSet<>(durable);
    }

    @Override
    public List<Object> changeNext(Object afterKey, int limit) {
      calls.add("delete after " + afterKey + " limit " + limit);
      List<Object> deleted = new ArrayList<>();
      for (Integer key : afterKey == null ? open : open.tailSet((Integer) afterKey, false)) {
        if (deleted.size() == limit + extraReturned) {
          break;
        }
        deleted.add(key);
      }
      deleted.forEach(open::remove);
      return deleted;
    }

    @Override
    public List<Object> nextKeys(Object afterKey, int limit) {
      throw new AssertionError("a one-statement table is never asked to select");
    }

    @Override
    public int change(List<Object> keys) {
      throw new AssertionError("a one-statement table is never asked to change selected keys");
    }

    @Override
    public void commit() {
      calls.add("commit");
      durable.clear();
      durable.addAll(open);
    }

    @Override
    public void rollback() {
      calls.add("rollback");
      open = new TreeSet<>(durable);
    }
  }

  @Test
  void deletesInOneStatementPerBatchWithinTheBudget() throws Exception {
    var table = new ReturningTable(7);

    var outcome = new BatchWalker("t", 3, 100).walk("delete", table, 5);

    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(outcome.batches()).isEqualTo(2);
    assertThat(table.durable).containsExactly(6, 7);
    assertThat(table.calls)
        .containsExactly("delete after null limit 3", "commit", "delete after 3 limit 2", "commit");
  }

  @Test
  void aStatementReturningMoreRowsThanItsLimitIsRolledBack() {
    var table = new ReturningTable(7);
    table.extraReturned = 1;

    assertThatThrownBy(() -> new BatchWalker("t", 3, 100).walk("delete", table, 100))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("returned 4 keys for a limit of 3");
    assertThat(table.calls).containsExactly("delete after null limit 3", "rollback");
    assertThat(table.durable).hasSize(7);
  }
}
