package uk.nhs.pcn.referral.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one person's well-being moved between first contact and discharge on one measure: discharge minus first
 * contact.
 * <ul>
 * <li>ONS4: per item ({@code itemChanges}), never summed. For anxious a fall is the improvement: read
 * {@link #direction(Ons4Item)} rather than the sign.</li>
 * <li>WEMWBS: the change in total ({@code totalChange}).</li>
 * <li>SWEMWBS: the change in metric score ({@code metricChange}, two decimals).</li>
 * </ul>
 */
public record OutcomeChange(OutcomeMeasure measure, OutcomeScore first, OutcomeScore discharge,
        Map<Ons4Item, Integer> itemChanges, Integer totalChange, BigDecimal metricChange) {

    /** Whether a change is for the better, taking account of items where lower is better. */
    public enum Direction {
        IMPROVED, NO_CHANGE, WORSENED
    }

    public OutcomeChange {
        itemChanges = itemChanges == null || itemChanges.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(itemChanges));
    }

    /**
     * The change from the score at first contact to the score at discharge.
     *
     * @throws IllegalArgumentException if the two are of different measures
     */
    public static OutcomeChange between(OutcomeScore first, OutcomeScore discharge) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(discharge, "discharge");
        if (first.measure() != discharge.measure()) {
            throw new IllegalArgumentException("cannot compare " + first.measure() + " with " + discharge.measure());
        }
        OutcomeMeasure measure = first.measure();
        return switch (measure) {
            case ONS4 -> {
                Map<Ons4Item, Integer> changes = new EnumMap<>(Ons4Item.class);
                for (Ons4Item item : Ons4Item.values()) {
                    changes.put(item, discharge.item(item) - first.item(item));
                }
                yield new OutcomeChange(measure, first, discharge, changes, null, null);
            }
            case WEMWBS -> new OutcomeChange(measure, first, discharge, Map.of(),
                    discharge.total() - first.total(), null);
            case SWEMWBS -> new OutcomeChange(measure, first, discharge, Map.of(), null,
                    discharge.metricScore().subtract(first.metricScore()));
        };
    }

    /** For WEMWBS and SWEMWBS: whether well-being rose (higher is better on both). */
    public Direction direction() {
        return switch (measure) {
            case ONS4 -> throw new IllegalStateException("ONS4 items are read one by one: use direction(item)");
            case WEMWBS -> directionOf(totalChange, false);
            case SWEMWBS -> directionOf(metricChange.signum(), false);
        };
    }

    /** For ONS4: whether the item got better (for anxious, a fall). */
    public Direction direction(Ons4Item item) {
        if (measure != OutcomeMeasure.ONS4) {
            throw new IllegalStateException(measure + " has no " + item.key() + " item");
        }
        return directionOf(itemChanges.get(item), item.lowerIsBetter());
    }

    private static Direction directionOf(int change, boolean lowerIsBetter) {
        int better = lowerIsBetter ? -Integer.signum(change) : Integer.signum(change);
        return better > 0 ? Direction.IMPROVED : better < 0 ? Direction.WORSENED : Direction.NO_CHANGE;
    }

    /**
     * The mean change over a group of people (a network's discharges in a period), two decimals rounded half up: per
     * item for ONS4, of the total for WEMWBS, of the metric score for SWEMWBS. An empty group has {@code people} 0 and
     * no means.
     *
     * @throws IllegalArgumentException if a change in the group is of another measure
     */
    public static Mean mean(OutcomeMeasure measure, Collection<OutcomeChange> changes) {
        for (OutcomeChange change : changes) {
            if (change.measure() != measure) {
                throw new IllegalArgumentException("a " + change.measure() + " change in a " + measure + " group");
            }
        }
        int people = changes.size();
        if (people == 0) {
            return new Mean(measure, 0, Map.of(), null, null);
        }
        BigDecimal count = BigDecimal.valueOf(people);
        return switch (measure) {
            case ONS4 -> {
                Map<Ons4Item, BigDecimal> means = new EnumMap<>(Ons4Item.class);
                for (Ons4Item item : Ons4Item.values()) {
                    long sum = changes.stream().mapToLong(c -> c.itemChanges().get(item)).sum();
                    means.put(item, BigDecimal.valueOf(sum).divide(count, 2, RoundingMode.HALF_UP));
                }
                yield new Mean(measure, people, means, null, null);
            }
            case WEMWBS -> new Mean(measure, people, Map.of(),
                    BigDecimal.valueOf(changes.stream().mapToLong(OutcomeChange::totalChange).sum())
                            .divide(count, 2, RoundingMode.HALF_UP),
                    null);
            case SWEMWBS -> new Mean(measure, people, Map.of(), null,
                    changes.stream().map(OutcomeChange::metricChange).reduce(BigDecimal.ZERO, BigDecimal::add)
                            .divide(count, 2, RoundingMode.HALF_UP));
        };
    }

    /**
     * The mean change of a group on one measure: {@code itemChanges} for ONS4, {@code totalChange} for WEMWBS,
     * {@code metricChange} for SWEMWBS, each two decimals; {@code people} is how many changes were averaged.
     */
    public record Mean(OutcomeMeasure measure, int people, Map<Ons4Item, BigDecimal> itemChanges,
            BigDecimal totalChange, BigDecimal metricChange) {
        public Mean {
            itemChanges = itemChanges == null || itemChanges.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new EnumMap<>(itemChanges));
        }
    }
}
