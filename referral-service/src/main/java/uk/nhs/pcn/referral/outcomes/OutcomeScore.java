package uk.nhs.pcn.referral.outcomes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import uk.nhs.pcn.platform.problem.Problem;
import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * One completed well-being measure: the item scores as answered, and what they add up to.
 * <ul>
 * <li>ONS4: {@code total} and {@code metricScore} are null; read each item ({@link #item(Ons4Item)}).</li>
 * <li>WEMWBS: {@code total} 14 to 70; no metric score.</li>
 * <li>SWEMWBS: {@code total} is the raw total 7 to 35, {@code metricScore} its converted score (two decimals), the
 * figure that is reported and compared.</li>
 * </ul>
 * Make one with {@link #of(OutcomeMeasure, List)}, which checks the items and works out the rest.
 */
public record OutcomeScore(OutcomeMeasure measure, List<Integer> items, Integer total, BigDecimal metricScore) {

    /**
     * A score whose total and metric score follow from its items (as read back from storage); a programming error
     * otherwise. Use {@link #of} for what a person entered: it says what is wrong.
     */
    public OutcomeScore {
        Objects.requireNonNull(measure, "measure");
        items = List.copyOf(items);
        if (items.size() != measure.itemCount()
                || items.stream().anyMatch(i -> i < measure.minItem() || i > measure.maxItem())) {
            throw new IllegalArgumentException(measure + " items are " + measure.itemCount() + " scores, each "
                    + range(measure));
        }
        Integer expectedTotal = totalOf(measure, items);
        BigDecimal expectedMetric = metricOf(measure, expectedTotal);
        if (!Objects.equals(total, expectedTotal) || (metricScore == null) != (expectedMetric == null)
                || (metricScore != null && metricScore.compareTo(expectedMetric) != 0)) {
            throw new IllegalArgumentException(measure + " total or metric score does not follow from its items");
        }
        metricScore = expectedMetric;
    }

    /**
     * Checks the items of a completed measure and scores it.
     *
     * @param items the item scores in the measure's order (for ONS4, as {@link Ons4Item})
     * @throws ProblemException 400, naming the measure and its allowed range: field {@code items} rule
     *         {@code item-count} for the wrong number of items; field {@code items[i]} rule {@code item-range} for
     *         each item outside the range, or {@code item-required} for a missing one (all such items at once)
     */
    public static OutcomeScore of(OutcomeMeasure measure, List<Integer> items) {
        Objects.requireNonNull(measure, "measure");
        if (items == null || items.size() != measure.itemCount()) {
            throw ProblemException.invalid("items", "item-count", measure + " has " + measure.itemCount()
                    + " items, each " + range(measure) + "; " + (items == null ? "none were" : items.size()
                            + (items.size() == 1 ? " was" : " were")) + " given");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Integer item = items.get(i);
            String field = "items[" + i + "]";
            String name = measure == OutcomeMeasure.ONS4 ? field + " (" + Ons4Item.values()[i].key() + ")" : field;
            if (item == null) {
                errors.add(new Problem.FieldError(field, "item-required",
                        name + " is missing: each " + measure + " item is " + range(measure)));
            } else if (item < measure.minItem() || item > measure.maxItem()) {
                errors.add(new Problem.FieldError(field, "item-range",
                        name + " is " + item + ": each " + measure + " item is " + range(measure)));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Integer total = totalOf(measure, items);
        return new OutcomeScore(measure, items, total, metricOf(measure, total));
    }

    /** The score of one ONS4 item. */
    public int item(Ons4Item item) {
        if (measure != OutcomeMeasure.ONS4) {
            throw new IllegalStateException(measure + " has no " + item.key() + " item");
        }
        return items.get(item.index());
    }

    /**
     * The figure that is compared between first contact and discharge, for the summed measures: the WEMWBS total,
     * or the SWEMWBS metric score. ONS4 has none (its items are read one by one).
     */
    public BigDecimal headline() {
        return switch (measure) {
            case ONS4 -> throw new IllegalStateException("ONS4 items are never summed");
            case WEMWBS -> BigDecimal.valueOf(total);
            case SWEMWBS -> metricScore;
        };
    }

    private static Integer totalOf(OutcomeMeasure measure, List<Integer> items) {
        return measure.isSummed() ? items.stream().mapToInt(Integer::intValue).sum() : null;
    }

    private static BigDecimal metricOf(OutcomeMeasure measure, Integer total) {
        return measure == OutcomeMeasure.SWEMWBS ? SwemwbsConversion.shipped().metricScore(total) : null;
    }

    private static String range(OutcomeMeasure measure) {
        return "a whole number from " + measure.minItem() + " to " + measure.maxItem();
    }
}
