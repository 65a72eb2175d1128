package uk.nhs.pcn.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.referral.outcomes.OutcomeChange.Direction;

class OutcomeChangeTest {

    @Test
    void ons4ChangesPerItemAndAFallInAnxietyIsAnImprovement() {
        OutcomeChange change = OutcomeChange.between(ons4(4, 5, 6, 8), ons4(7, 5, 4, 3));
        assertThat(change.itemChanges()).containsEntry(Ons4Item.LIFE_SATISFACTION, 3)
                .containsEntry(Ons4Item.WORTHWHILE, 0).containsEntry(Ons4Item.HAPPY, -2)
                .containsEntry(Ons4Item.ANXIOUS, -5);
        assertThat(change.totalChange()).isNull();
        assertThat(change.metricChange()).isNull();
        assertThat(change.direction(Ons4Item.LIFE_SATISFACTION)).isEqualTo(Direction.IMPROVED);
        assertThat(change.direction(Ons4Item.WORTHWHILE)).isEqualTo(Direction.NO_CHANGE);
        assertThat(change.direction(Ons4Item.HAPPY)).isEqualTo(Direction.WORSENED);
        assertThat(change.direction(Ons4Item.ANXIOUS)).isEqualTo(Direction.IMPROVED);
        assertThat(OutcomeChange.between(ons4(5, 5, 5, 2), ons4(5, 5, 5, 6)).direction(Ons4Item.ANXIOUS))
                .isEqualTo(Direction.WORSENED);
        assertThatThrownBy(change::direction).hasMessageContaining("one by one");
    }

    @Test
    void wemwbsChangesInTotal() {
        OutcomeChange change = OutcomeChange.between(wemwbs(2), wemwbs(4));
        assertThat(change.totalChange()).isEqualTo(28);
        assertThat(change.itemChanges()).isEmpty();
        assertThat(change.direction()).isEqualTo(Direction.IMPROVED);
        assertThat(OutcomeChange.between(wemwbs(4), wemwbs(3)).direction()).isEqualTo(Direction.WORSENED);
    }

    @Test
    void swemwbsChangesInMetricScoreNotRawTotal() {
        // raw 14 -> 21 is metric 15.32 -> 19.25
        OutcomeChange change = OutcomeChange.between(swemwbs(14), swemwbs(21));
        assertThat(change.metricChange()).isEqualTo(new BigDecimal("3.93"));
        assertThat(change.totalChange()).isNull();
        assertThat(change.direction()).isEqualTo(Direction.IMPROVED);
        assertThat(OutcomeChange.between(swemwbs(21), swemwbs(21)).direction()).isEqualTo(Direction.NO_CHANGE);
    }

    @Test
    void scoresOfDifferentMeasuresCannotBeCompared() {
        assertThatThrownBy(() -> OutcomeChange.between(wemwbs(3), swemwbs(21)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMeanChangeOfAGroupIsPerItemForOns4() {
        OutcomeChange.Mean mean = OutcomeChange.mean(OutcomeMeasure.ONS4, List.of(
                OutcomeChange.between(ons4(4, 5, 6, 8), ons4(7, 5, 4, 3)),
                OutcomeChange.between(ons4(5, 5, 5, 5), ons4(5, 6, 6, 5)),
                OutcomeChange.between(ons4(2, 2, 2, 9), ons4(3, 2, 2, 9))));
        assertThat(mean.people()).isEqualTo(3);
        assertThat(mean.itemChanges()).containsEntry(Ons4Item.LIFE_SATISFACTION, new BigDecimal("1.33"))
                .containsEntry(Ons4Item.WORTHWHILE, new BigDecimal("0.33"))
                .containsEntry(Ons4Item.HAPPY, new BigDecimal("-0.33"))
                .containsEntry(Ons4Item.ANXIOUS, new BigDecimal("-1.67"));
        assertThat(mean.totalChange()).isNull();
        assertThat(mean.metricChange()).isNull();
    }

    @Test
    void theMeanChangeOfAGroupIsOfTheTotalOrMetricScore() {
        OutcomeChange.Mean wemwbs = OutcomeChange.mean(OutcomeMeasure.WEMWBS, List.of(
                OutcomeChange.between(wemwbs(2), wemwbs(4)), OutcomeChange.between(wemwbs(3), wemwbs(3)),
                OutcomeChange.between(wemwbs(3), wemwbs(2))));
        assertThat(wemwbs.totalChange()).isEqualTo(new BigDecimal("4.67"));
        OutcomeChange.Mean swemwbs = OutcomeChange.mean(OutcomeMeasure.SWEMWBS, List.of(
                OutcomeChange.between(swemwbs(14), swemwbs(21)), OutcomeChange.between(swemwbs(7), swemwbs(8))));
        // (3.93 + 2.51) / 2
        assertThat(swemwbs.metricChange()).isEqualTo(new BigDecimal("3.22"));
        assertThat(swemwbs.people()).isEqualTo(2);
    }

    @Test
    void anEmptyGroupHasNoMeanAndAMixedGroupIsRefused() {
        OutcomeChange.Mean none = OutcomeChange.mean(OutcomeMeasure.SWEMWBS, List.of());
        assertThat(none.people()).isZero();
        assertThat(none.metricChange()).isNull();
        assertThatThrownBy(() -> OutcomeChange.mean(OutcomeMeasure.SWEMWBS,
                List.of(OutcomeChange.between(wemwbs(2), wemwbs(4))))).isInstanceOf(IllegalArgumentException.class);
    }

    private static OutcomeScore ons4(int lifeSatisfaction, int worthwhile, int happy, int anxious) {
        return OutcomeScore.of(OutcomeMeasure.ONS4, List.of(lifeSatisfaction, worthwhile, happy, anxious));
    }

    private static OutcomeScore wemwbs(int everyItem) {
        return OutcomeScore.of(OutcomeMeasure.WEMWBS, Collections.nCopies(14, everyItem));
    }

    private static OutcomeScore swemwbs(int raw) {
        return OutcomeScore.of(OutcomeMeasure.SWEMWBS, SwemwbsConversionTest.itemsAddingUpTo(raw));
    }
}
