package uk.nhs.pcn.referral.outcomes;

/**
 * The four ONS personal well-being questions, in the order they are recorded. Each is scored 0 (not at all) to 10
 * (completely) and read on its own. For {@link #ANXIOUS} a lower score is better, so an improvement is a fall.
 */
public enum Ons4Item {
    LIFE_SATISFACTION("lifeSatisfaction", "Life satisfaction",
            "Overall, how satisfied are you with your life nowadays?", false),
    WORTHWHILE("worthwhile", "Worthwhile",
            "Overall, to what extent do you feel that the things you do in your life are worthwhile?", false),
    HAPPY("happy", "Happiness", "Overall, how happy did you feel yesterday?", false),
    ANXIOUS("anxious", "Anxiety", "Overall, how anxious did you feel yesterday?", true);

    private final String key;
    private final String label;
    private final String question;
    private final boolean lowerIsBetter;

    Ons4Item(String key, String label, String question, boolean lowerIsBetter) {
        this.key = key;
        this.label = label;
        this.question = question;
        this.lowerIsBetter = lowerIsBetter;
    }

    /** The item's name in JSON and reports: lifeSatisfaction, worthwhile, happy, anxious. */
    public String key() {
        return key;
    }

    /** The item's code in the project's well-being measure code system: {@code ONS4-LIFE-SATISFACTION} etc. */
    public String code() {
        return "ONS4-" + name().replace('_', '-');
    }

    /** A short name for people: Life satisfaction, Worthwhile, Happiness, Anxiety. */
    public String label() {
        return label;
    }

    public String question() {
        return question;
    }

    /** True for anxious: a lower score is the better one. */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** The item's position (0-based) in an ONS4 score's items. */
    public int index() {
        return ordinal();
    }
}
