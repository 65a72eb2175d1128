package uk.nhs.pcn.referral.outcomes;

import uk.nhs.pcn.platform.problem.ProblemException;

/**
 * The well-being measures a link worker records at first contact and at discharge.
 * <ul>
 * <li>{@link #ONS4}: the ONS personal well-being questions, four items scored 0 to 10 in the order of
 * {@link Ons4Item} (life satisfaction, worthwhile, happy, anxious). The items are never added up: each is read on its
 * own, and for anxious a lower score is better.</li>
 * <li>{@link #WEMWBS}: the Warwick-Edinburgh Mental Wellbeing Scale, fourteen items scored 1 to 5, total 14 to 70.</li>
 * <li>{@link #SWEMWBS}: the short (seven-item) scale, items 1 to 5, raw total 7 to 35, reported as the metric score
 * from the official conversion table ({@link SwemwbsConversion}).</li>
 * </ul>
 */
public enum OutcomeMeasure {
    ONS4("ONS4 personal well-being", 4, 0, 10, false),
    WEMWBS("Warwick-Edinburgh Mental Wellbeing Scale", 14, 1, 5, true),
    SWEMWBS("Short Warwick-Edinburgh Mental Wellbeing Scale", 7, 1, 5, true);

    private final String title;
    private final int itemCount;
    private final int minItem;
    private final int maxItem;
    private final boolean summed;

    OutcomeMeasure(String title, int itemCount, int minItem, int maxItem, boolean summed) {
        this.title = title;
        this.itemCount = itemCount;
        this.minItem = minItem;
        this.maxItem = maxItem;
        this.summed = summed;
    }

    /**
     * The measure named {@code code} ({@code ONS4}, {@code WEMWBS} or {@code SWEMWBS}).
     *
     * @throws ProblemException 400 on field {@code measure}, rule {@code measure-unknown} (or
     *         {@code measure-required} when absent)
     */
    public static OutcomeMeasure parse(String code) {
        if (code == null || code.isBlank()) {
            throw ProblemException.invalid("measure", "measure-required",
                    "measure is required: one of ONS4, WEMWBS, SWEMWBS");
        }
        for (OutcomeMeasure measure : values()) {
            if (measure.name().equals(code)) {
                return measure;
            }
        }
        throw ProblemException.invalid("measure", "measure-unknown",
                "measure must be one of ONS4, WEMWBS, SWEMWBS");
    }

    public String title() {
        return title;
    }

    /** How many items the measure has: 4, 14 or 7. */
    public int itemCount() {
        return itemCount;
    }

    /** The lowest score an item can take: 0 for ONS4, 1 for the Warwick-Edinburgh scales. */
    public int minItem() {
        return minItem;
    }

    /** The highest score an item can take: 10 for ONS4, 5 for the Warwick-Edinburgh scales. */
    public int maxItem() {
        return maxItem;
    }

    /** Whether the items add up to a total: false for ONS4, whose items are never summed. */
    public boolean isSummed() {
        return summed;
    }

    /** The lowest possible total (WEMWBS 14, SWEMWBS raw 7); not defined for ONS4. */
    public int minTotal() {
        requireSummed();
        return itemCount * minItem;
    }

    /** The highest possible total (WEMWBS 70, SWEMWBS raw 35); not defined for ONS4. */
    public int maxTotal() {
        requireSummed();
        return itemCount * maxItem;
    }

    private void requireSummed() {
        if (!summed) {
            throw new IllegalStateException(name() + " items are never summed");
        }
    }
}
