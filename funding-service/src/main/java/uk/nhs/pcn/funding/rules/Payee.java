package uk.nhs.pcn.funding.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who is paid: the network (its nominated payee) or each member practice, one line per practice. */
public enum Payee {
    NETWORK("network"),
    PRACTICE("practice");

    private final String code;

    Payee(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Payee of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("payee '" + code + "' is not one of "
                        + Arrays.stream(values()).map(Payee::code).collect(Collectors.joining(", "))));
    }
}
