package dev.ekyc.operator.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SQL fragment and the values for its {@code ?} placeholders, in order. Values are only ever
 * bound, never concatenated into the text.
 */
public record BoundSql(String sql, List<Object> params) {

  public BoundSql {
    long placeholders = sql.chars().filter(c -> c == '?').count();
    if (placeholders != params.size()) {
      throw new IllegalArgumentException(
          placeholders + " placeholders but " + params.size() + " values in: " + sql);
    }
    params = List.copyOf(params);
  }

  public static BoundSql of(String sql, Object... params) {
    return new BoundSql(sql, Arrays.asList(params));
  }

  /** Both fragments, each parenthesised so operator precedence cannot change their meaning. */
  public BoundSql and(BoundSql other) {
    return join(" AND ", other);
  }

  public BoundSql or(BoundSql other) {
    return join(" OR ", other);
  }

  /**
   * NOT of a fragment; only for fragments that are never NULL, so the negation is never "unknown".
   */
  public BoundSql not() {
    return new BoundSql("NOT (" + sql + ")", params);
  }

  private BoundSql join(String operator, BoundSql other) {
    List<Object> all = new ArrayList<>(params);
    all.addAll(other.params);
    return new BoundSql("(" + sql + ")" + operator + "(" + other.sql + ")", all);
  }

  /** Binds the values starting at {@code index}; returns the next free index. */
  public int bind(PreparedStatement statement, int index) throws SQLException {
    for (Object value : params) {
      statement.setObject(index++, value);
    }
    return index;
  }
}
