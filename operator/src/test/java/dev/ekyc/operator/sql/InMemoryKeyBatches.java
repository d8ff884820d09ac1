package dev.ekyc.operator.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A table in memory with transactions, for testing the batch walker's rules without a server: rows
 * are keys with a "matches the predicate" flag; a change removes matching rows in the open
 * transaction, commit makes that durable, rollback forgets it. Hooks let a test change rows between
 * a batch's select and its change, as a concurrent writer would, or make the server misbehave.
 */
final class InMemoryKeyBatches implements KeyBatches {
  private final TreeMap<Integer, Boolean> rows = new TreeMap<>();
  private final Set<Integer> changedInTransaction = new TreeSet<>();
  final List<String> calls = new ArrayList<>();
  Consumer<List<Object>> beforeChange = keys -> {};
  Integer reportedChangeCount;
  SQLException failOnChange;

  InMemoryKeyBatches(int matching, int notMatching) {
    for (int k = 1; k <= matching + notMatching; k++) {
      rows.put(k, k <= matching);
    }
  }

  void stopMatching(int key) {
    rows.put(key, false);
  }

  int durableRows() {
    return rows.size();
  }

  long durableMatching() {
    return rows.values().stream().filter(m -> m).count();
  }

  @Override
  public List<Object> nextKeys(Object afterKey, int limit) {
    calls.add("select after " + afterKey + " limit " + limit);
    List<Object> keys = new ArrayList<>();
    var tail = afterKey == null ? rows : rows.tailMap((Integer) afterKey, false);
    for (var row : tail.entrySet()) {
      if (keys.size() == limit) {
        break;
      }
      if (row.getValue() && !changedInTransaction.contains(row.getKey())) {
        keys.add(row.getKey());
      }
    }
    return keys;
  }

  @Override
  public int change(List<Object> keys) throws SQLException {
    beforeChange.accept(keys);
    calls.add("change " + keys.size());
    if (failOnChange != null) {
      throw failOnChange;
    }
    int changed = 0;
    for (Object key : keys) {
      if (Boolean.TRUE.equals(rows.get((Integer) key)) && changedInTransaction.add((Integer) key)) {
        changed++;
      }
    }
    return reportedChangeCount != null ? reportedChangeCount : changed;
  }

  @Override
  public void commit() {
    calls.add("commit");
    changedInTransaction.forEach(rows::remove);
    changedInTransaction.clear();
  }

  @Override
  public void rollback() {
    calls.add("rollback");
    changedInTransaction.clear();
  }
}
