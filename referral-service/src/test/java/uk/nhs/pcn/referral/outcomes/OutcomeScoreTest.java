package uk.nhs.pcn.referral.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;

class OutcomeScoreTest {

    @Test
    void ons4ItemsAreKeptOneByOneAndNeverSummed() {
        OutcomeScore score = OutcomeScore.of(OutcomeMeasure.ONS4, List.of(6, 7, 5, 8));
        assertThat(score.total()).isNull();
        assertThat(score.metricScore()).isNull();
        assertThat(score.item(Ons4Item.LIFE_SATISFACTION)).isEqualTo(6);
        assertThat(score.item(Ons4Item.WORTHWHILE)).isEqualTo(7);
        assertThat(score.item(Ons4Item.HAPPY)).isEqualTo(5);
        assertThat(score.item(Ons4Item.ANXIOUS)).isEqualTo(8);
        assertThatThrownBy(score::headline).hasMessageContaining("never summed");
        assertThatThrownBy(OutcomeMeasure.ONS4::maxTotal).hasMessageContaining("never summed");
    }

    @Test
    void ons4AcceptsTheWholeRangeZeroToTen() {
        assertThat(OutcomeScore.of(OutcomeMeasure.ONS4, List.of(0, 10, 0, 10)).items()).containsExactly(0, 10, 0, 10);
    }

    @Test
    void wemwbsIsTheTotalOfFourteenItems() {
        assertThat(OutcomeScore.of(OutcomeMeasure.WEMWBS, Collections.nCopies(14, 1)).total()).isEqualTo(14);
        assertThat(OutcomeScore.of(OutcomeMeasure.WEMWBS, Collections.nCopies(14, 5)).total()).isEqualTo(70);
        OutcomeScore score = OutcomeScore.of(OutcomeMeasure.WEMWBS, List.of(3, 4, 2, 5, 3, 3, 4, 1, 2, 3, 4, 5, 3, 3));
        assertThat(score.total()).isEqualTo(45);
        assertThat(score.metricScore()).isNull();
        assertThat(score.headline()).isEqualByComparingTo("45");
    }

    @Test
    void swemwbsHasARawTotalAndAMetricScore() {
        OutcomeScore score = OutcomeScore.of(OutcomeMeasure.SWEMWBS, List.of(3, 3, 3, 3, 3, 3, 3));
        assertThat(score.total()).isEqualTo(21);
        assertThat(score.metricScore()).isEqualTo(new BigDecimal("19.25"));
        assertThat(score.headline()).isEqualTo(new BigDecimal("19.25"));
    }

    @Test
    void theWrongNumberOfItemsIsRefusedNamingTheMeasure() {
        assertThat(problem(OutcomeMeasure.SWEMWBS, List.of(3, 3, 3, 3, 3, 3)))
                .extracting(Problem.FieldError::field, Problem.FieldError::rule)
                .containsExactly(tuple("items", "item-count"));
        assertThat(problem(OutcomeMeasure.SWEMWBS, List.of(3, 3, 3, 3, 3, 3)).get(0).message())
                .isEqualTo("SWEMWBS has 7 items, each a whole number from 1 to 5; 6 were given");
        assertThat(problem(OutcomeMeasure.WEMWBS, List.of(3, 3, 3, 3, 3, 3, 3)).get(0).message())
                .startsWith("WEMWBS has 14 items");
        assertThat(problem(OutcomeMeasure.ONS4, List.of(1, 2, 3, 4, 5)).get(0).message())
                .isEqualTo("ONS4 has 4 items, each a whole number from 0 to 10; 5 were given");
        assertThat(problem(OutcomeMeasure.ONS4, null).get(0).message()).endsWith("none were given");
    }

    @Test
    void everyItemOutOfRangeIsNamedAtOnce() {
        List<Problem.FieldError> errors = problem(OutcomeMeasure.WEMWBS,
                List.of(3, 0, 3, 3, 6, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        assertThat(errors).extracting(Problem.FieldError::field, Problem.FieldError::rule)
                .containsExactly(tuple("items[1]", "item-range"), tuple("items[4]", "item-range"));
        assertThat(errors.get(1).message()).isEqualTo("items[4] is 6: each WEMWBS item is a whole number from 1 to 5");
    }

    @Test
    void ons4RangeIsZeroToTenAndTheItemIsNamed() {
        List<Problem.FieldError> errors = problem(OutcomeMeasure.ONS4, List.of(5, 5, -1, 11));
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("items[2]", "items[3]");
        assertThat(errors.get(1).message())
                .isEqualTo("items[3] (anxious) is 11: each ONS4 item is a whole number from 0 to 10");
    }

    @Test
    void aMissingItemIsNamed() {
        List<Problem.FieldError> errors = problem(OutcomeMeasure.SWEMWBS, Arrays.asList(3, 3, 3, null, 3, 3, 3));
        assertThat(errors).extracting(Problem.FieldError::field, Problem.FieldError::rule)
                .containsExactly(tuple("items[3]", "item-required"));
    }

    @Test
    void aStoredScoreWhoseTotalsDoNotFollowFromItsItemsIsAProgrammingError() {
        List<Integer> items = List.of(3, 3, 3, 3, 3, 3, 3);
        assertThat(new OutcomeScore(OutcomeMeasure.SWEMWBS, items, 21, new BigDecimal("19.250")).metricScore())
                .isEqualTo(new BigDecimal("19.25"));
        assertThatThrownBy(() -> new OutcomeScore(OutcomeMeasure.SWEMWBS, items, 21, new BigDecimal("19.98")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutcomeScore(OutcomeMeasure.ONS4, List.of(1, 2, 3, 4), 10, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measuresAreReadByName() {
        assertThat(OutcomeMeasure.parse("SWEMWBS")).isEqualTo(OutcomeMeasure.SWEMWBS);
        assertThatThrownBy(() -> OutcomeMeasure.parse("swemwbs")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem("/").errors()).extracting(Problem.FieldError::field,
                        Problem.FieldError::rule).containsExactly(tuple("measure", "measure-unknown")));
        assertThatThrownBy(() -> OutcomeMeasure.parse(null)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem("/").errors().get(0).rule()).isEqualTo("measure-required"));
    }

    private static List<Problem.FieldError> problem(OutcomeMeasure measure, List<Integer> items) {
        try {
            OutcomeScore.of(measure, items);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.toProblem("/referrals/x/outcomes").errors();
        }
        throw new AssertionError("accepted " + items);
    }
}
