package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only partitions whose every possible timestamp is older than the cutoff are candidates; one
 * always stays.
 */
class DroppablePartitionsTest {
  private static final LocalDateTime CUTOFF = LocalDateTime.of(2025, 3, 10, 12, 30);

  private static RangePartition upTo(String name, LocalDateTime bound) {
    return new RangePartition(name, bound);
  }

  private static final List<RangePartition> MONTHS =
      List.of(
          upTo("jan", LocalDateTime.of(2025, 2, 1, 0, 0)),
          upTo("feb", LocalDateTime.of(2025, 3, 1, 0, 0)),
          upTo("straddles", LocalDateTime.of(2025, 4, 1, 0, 0)),
          upTo("future", null));

  @Test
  void partitionsEndingAtOrBeforeTheCutoffAreCandidatesButNotTheOneStraddlingItNorMaxvalue() {
    assertThat(DroppablePartitions.candidates(MONTHS, TimestampType.DATETIME, CUTOFF))
        .extracting(RangePartition::name)
        .containsExactly("jan", "feb");
  }

  @Test
  void aBoundExactlyAtTheCutoffQualifiesAndOneJustAfterDoesNot() {
    List<RangePartition> edge =
        List.of(upTo("at", CUTOFF), upTo("after", CUTOFF.plusNanos(1000)), upTo("max", null));
    assertThat(DroppablePartitions.candidates(edge, TimestampType.DATETIME, CUTOFF))
        .extracting(RangePartition::name)
        .containsExactly("at");
  }

  @Test
  void aDateColumnComparesWithTheStartOfTheCutoffsDay() {
    // A DATE row is due only when its day is before the cutoff's day: a bound of the cutoff's day
    // qualifies, a
    // bound later that day (within the cutoff's time) does not.
    List<RangePartition> days =
        List.of(
            upTo("before", LocalDateTime.of(2025, 3, 10, 0, 0)),
            upTo("sameDay", LocalDateTime.of(2025, 3, 10, 6, 0)),
            upTo("max", null));
    assertThat(DroppablePartitions.candidates(days, TimestampType.DATE, CUTOFF))
        .extracting(RangePartition::name)
        .containsExactly("before");
    assertThat(DroppablePartitions.candidates(days, TimestampType.DATETIME, CUTOFF))
        .extracting(RangePartition::name)
        .containsExactly("before", "sameDay");
  }

  @Test
  void timestampColumnsNeverDropPartitions() {
    assertThat(DroppablePartitions.candidates(MONTHS, TimestampType.TIMESTAMP, CUTOFF)).isEmpty();
  }

  @Test
  void theLastPartitionIsNeverACandidateEvenWhenAllAreOld() {
    List<RangePartition> allOld =
        List.of(
            upTo("a", LocalDateTime.of(2020, 1, 1, 0, 0)),
            upTo("b", LocalDateTime.of(2021, 1, 1, 0, 0)));
    assertThat(DroppablePartitions.candidates(allOld, TimestampType.DATETIME, CUTOFF))
        .extracting(RangePartition::name)
        .containsExactly("a");
    assertThat(DroppablePartitions.candidates(allOld.subList(0, 1), TimestampType.DATETIME, CUTOFF))
        .isEmpty();
    assertThat(DroppablePartitions.candidates(List.of(), TimestampType.DATETIME, CUTOFF)).isEmpty();
  }
}
