package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only layouts whose bounds read exactly as timestamps of the rule's column are accepted; anything
 * else is none.
 */
class PartitionLayoutTest {
  private static final SqlIdentifier TS = SqlIdentifier.of("created_at");

  private static PartitionLayout.Row columns(String name, String description) {
    return new PartitionLayout.Row(name, "RANGE COLUMNS", "`created_at`", description, null);
  }

  private static PartitionLayout.Row toDays(String name, String description) {
    return new PartitionLayout.Row(name, "RANGE", "to_days(`created_at`)", description, null);
  }

  @Test
  void rangeColumnsBoundsAreReadAsDatesAndDatetimesAndMaxvalueIsUnbounded() {
    var layout =
        PartitionLayout.of(
                List.of(
                    columns("p0", "'2024-01-01'"),
                    columns("p1", "'2025-01-01 12:00:00.5'"),
                    columns("pmax", "MAXVALUE")),
                TS)
            .orElseThrow();
    assertThat(layout)
        .containsExactly(
            new RangePartition("p0", LocalDateTime.of(2024, 1, 1, 0, 0)),
            new RangePartition("p1", LocalDateTime.of(2025, 1, 1, 12, 0, 0, 500_000_000)),
            new RangePartition("pmax", null));
    assertThat(layout.get(2).unbounded()).isTrue();
    assertThat(layout.get(0).unbounded()).isFalse();
  }

  @Test
  void toDaysAndYearBoundsAreTheStartOfThatDayOrYear() {
    // TO_DAYS('2024-01-01') = 739251 on MariaDB 10.11.
    assertThat(
            PartitionLayout.of(List.of(toDays("a", "739251"), toDays("b", "MAXVALUE")), TS)
                .orElseThrow())
        .containsExactly(
            new RangePartition("a", LocalDateTime.of(2024, 1, 1, 0, 0)),
            new RangePartition("b", null));
    var year = new PartitionLayout.Row("y", "RANGE", "year(`CREATED_AT`)", "2023", null);
    assertThat(PartitionLayout.of(List.of(year), TS).orElseThrow())
        .containsExactly(new RangePartition("y", LocalDateTime.of(2023, 1, 1, 0, 0)));
  }

  @Test
  void aTableThatIsNotPartitionedHasNoLayout() {
    assertThat(PartitionLayout.of(List.of(), TS)).isEmpty();
    assertThat(
            PartitionLayout.of(List.of(new PartitionLayout.Row(null, null, null, null, null)), TS))
        .isEmpty();
  }

  @Test
  void otherColumnsFunctionsMethodsAndSubpartitionsAreNotRead() {
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row(
                        "p", "RANGE COLUMNS", "`updated_at`", "'2024-01-01'", null)),
                TS))
        .as("another column")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row(
                        "p", "RANGE", "unix_timestamp(`created_at`)", "1700000000", null)),
                TS))
        .as("a function whose bound is not a day")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row("p", "LIST", "to_days(`created_at`)", "739251", null)),
                TS))
        .as("LIST")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(new PartitionLayout.Row("p", "HASH", "`created_at`", null, null)), TS))
        .as("HASH")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row(
                        "p", "RANGE COLUMNS", "`created_at`", "'2024-01-01'", "HASH")),
                TS))
        .as("subpartitioned")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(new PartitionLayout.Row("p", "RANGE COLUMNS", null, "'2024-01-01'", null)),
                TS))
        .as("no expression")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row(
                        "p", "RANGE COLUMNS", "`created_at`,`id`", "'2024-01-01',5", null)),
                TS))
        .as("two columns")
        .isEmpty();
  }

  @Test
  void anUnreadableOrDisorderedBoundOrAnUnsafeNameGivesNoLayoutAtAll() {
    assertThat(PartitionLayout.of(List.of(columns("p0", "'2024-13-01'")), TS))
        .as("no such month")
        .isEmpty();
    assertThat(PartitionLayout.of(List.of(columns("p0", "2024")), TS)).as("unquoted").isEmpty();
    assertThat(PartitionLayout.of(List.of(columns("p0", null)), TS)).as("missing").isEmpty();
    assertThat(PartitionLayout.of(List.of(columns("p0", "'2024-01-01'; DROP TABLE x")), TS))
        .isEmpty();
    assertThat(PartitionLayout.of(List.of(toDays("a", "x739251")), TS)).isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(
                    new PartitionLayout.Row(
                        "y", "RANGE", "year(`created_at`)", "99999999999", null)),
                TS))
        .as("a year out of range")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(columns("p0", "'2025-01-01'"), columns("p1", "'2024-01-01'")), TS))
        .as("decreasing")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(columns("p0", "'2025-01-01'"), columns("p1", "'2025-01-01'")), TS))
        .as("equal")
        .isEmpty();
    assertThat(
            PartitionLayout.of(
                List.of(columns("p0", "MAXVALUE"), columns("p1", "'2025-01-01'")), TS))
        .as("after MAXVALUE")
        .isEmpty();
    assertThat(
            PartitionLayout.of(List.of(columns("p0", "'2024-01-01'"), toDays("p1", "739300")), TS))
        .as("mixed functions")
        .isEmpty();
    assertThat(PartitionLayout.of(List.of(columns("p`0", "'2024-01-01'")), TS))
        .as("backtick")
        .isEmpty();
    assertThat(PartitionLayout.of(List.of(columns("2024", "'2024-01-01'")), TS))
        .as("digit first")
        .isEmpty();
  }
}
