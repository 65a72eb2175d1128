package uk.nhs.pcn.funding.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a component reaches the network. */
public enum Payment {
    /** Paid monthly, 1/12 of the year's entitlement: a line in the payment schedule. */
    MONTHLY("monthly"),
    /** A budget drawn on by claims (the ARRS sum): shown against claims, not scheduled. */
    BUDGET("budget"),
    /** Paid once after the year on achievement (IIF): listed, not scheduled. */
    ANNUAL("annual");

    private final String code;

    Payment(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Payment of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("payment '" + code + "' is not one of "
                        + Arrays.stream(values()).map(Payment::code).collect(Collectors.joining(", "))));
    }
}
