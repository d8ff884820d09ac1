package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlIdentifierTest {

  @Test
  void quotesReservedWords() {
    assertThat(SqlIdentifier.of("order").quoted()).isEqualTo("`order`");
    assertThat(SqlIdentifier.of("_x9").quoted()).isEqualTo("`_x9`");
  }

  @Test
  void anIdentifierPutIntoTextIsQuotedToo() {
    // Concatenated into SQL or a message without quoted(), an identifier still cannot be read as a
    // keyword.
    assertThat("DELETE FROM " + SqlIdentifier.of("order")).isEqualTo("DELETE FROM `order`");
  }

  @Test
  void acceptsSixtyFourCharactersButNotSixtyFive() {
    assertThat(SqlIdentifier.of("a".repeat(64)).name()).hasSize(64);
    assertThatThrownBy(() -> SqlIdentifier.of("a".repeat(65)))
        .isInstanceOf(SqlPurgeException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a`b", "a b", "1abc", "", "a-b", "a;drop", "a.b", "é", "a\nb", "a?"})
  void refusesAnythingElse(String name) {
    assertThatThrownBy(() -> SqlIdentifier.of(name))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("not an acceptable SQL identifier");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> SqlIdentifier.of(null)).isInstanceOf(SqlPurgeException.class);
  }

  @Test
  void aBadTableNameIsRefusedBeforeAnySql() {
    // TableTarget is built before the engine touches the connection; a null connection proves no
    // SQL ran.
    var engine = new SqlPurgeEngine(null, "ekyc", SqlPurgeOptions.enforce());
    assertThatThrownBy(() -> engine.run(SqlRuleFixtures.purge("bad name", null, 10, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> engine.run(SqlRuleFixtures.purge("bad`name", null, 10, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("bad`name");
  }
}
