package uk.nhs.pcn.funding.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The time a rate is for: a month's amount is the rate ÷ 12, the rate itself, or the rate ÷ the period's months. */
public enum Per {
    YEAR("year"),
    MONTH("month"),
    /** The whole period the term applies for (e.g. October to March): divided by the number of months in it. */
    PERIOD("period");

    private final String code;

    Per(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Per of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("per '" + code + "' is not one of "
                        + Arrays.stream(values()).map(Per::code).collect(Collectors.joining(", "))));
    }
}
