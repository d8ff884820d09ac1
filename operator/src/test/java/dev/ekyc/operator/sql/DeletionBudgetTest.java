package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeletionBudgetTest {

  @Test
  void erasureComesFirstAndThePurgeGetsWhatIsLeft() {
    var budget = new DeletionBudget(10);

    assertThat(budget.leftAfterErasing(3)).isEqualTo(7);
    assertThat(budget.leftAfterErasing(10)).isZero();
    assertThat(budget.leftAfterErasing(12)).isZero();
  }

  @Test
  void theCapIsReachedWhenErasedAndDeletedTogetherMeetIt() {
    var budget = new DeletionBudget(10);

    assertThat(budget.reached(4, 5)).isFalse();
    assertThat(budget.reached(4, 6)).isTrue();
    assertThat(budget.reached(10, 0)).isTrue();
  }

  @Test
  void aDryRunCountsWhatARealRunWouldChangeUnderTheCap() {
    var budget = new DeletionBudget(10);

    assertThat(budget.dryRun(3, 4)).isEqualTo(new DeletionBudget.Counts(3, 4, false));
    assertThat(budget.dryRun(3, 7)).isEqualTo(new DeletionBudget.Counts(3, 7, false));
    assertThat(budget.dryRun(3, 8)).isEqualTo(new DeletionBudget.Counts(3, 7, true));
    assertThat(budget.dryRun(12, 5)).isEqualTo(new DeletionBudget.Counts(10, 0, true));
    assertThat(budget.dryRun(0, 0)).isEqualTo(new DeletionBudget.Counts(0, 0, false));
  }

  @Test
  void refusesACapBelowOne() {
    assertThatThrownBy(() -> new DeletionBudget(0)).hasMessageContaining("maxDeletionsPerRun");
  }
}
