package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundSqlTest {

  @Test
  void combinesWithParenthesesAndKeepsValueOrder() {
    BoundSql a = BoundSql.of("`a` < ?", 1);
    BoundSql b = BoundSql.of("`b` = ? OR `c` = ?", "x", "y");
    BoundSql combined = a.and(b.not()).or(BoundSql.of("`d` IS TRUE"));
    assertThat(combined.sql())
        .isEqualTo("((`a` < ?) AND (NOT (`b` = ? OR `c` = ?))) OR (`d` IS TRUE)");
    assertThat(combined.params()).containsExactly(1, "x", "y");
  }

  @Test
  void refusesMismatchedPlaceholders() {
    assertThatThrownBy(() -> BoundSql.of("`a` < ?")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BoundSql.of("`a` < 1", 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bindsEveryValueInOrderFromTheGivenIndex() throws Exception {
    List<String> calls = new ArrayList<>();
    PreparedStatement statement =
        (PreparedStatement)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  calls.add(method.getName() + "(" + args[0] + "," + args[1] + ")");
                  return null;
                });
    int next = BoundSql.of("? ? ?", "TH", 20, "2026-01-01").bind(statement, 3);
    assertThat(next).isEqualTo(6);
    assertThat(calls)
        .containsExactly("setObject(3,TH)", "setObject(4,20)", "setObject(5,2026-01-01)");
  }
}
