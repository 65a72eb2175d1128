package uk.nhs.pcn.funding.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a rate multiplies. Populations are each member practice's, as at the year's population date. */
public enum Basis {
    /** Registered list (raw list size). */
    REGISTERED("registered", "registered list"),
    /** Contractor weighted population (Carr-Hill). */
    WEIGHTED("weighted", "contractor weighted population"),
    /** PCN adjusted population. */
    ADJUSTED("adjusted", "PCN adjusted population"),
    /** Care-home beds aligned to the network (recorded by the commissioner, effective-dated). */
    CARE_HOME_BEDS("care-home-beds", "care-home beds aligned"),
    /** A fixed sum for the network: the rate is the amount. */
    FIXED("fixed", "fixed sum"),
    /** Investment and Impact Fund points achieved (not known to this service). */
    IIF_POINTS("iif-points", "IIF points achieved"),
    /** The population the rate multiplies is not confirmed. */
    UNKNOWN("unknown", "basis not confirmed");

    private final String code;
    private final String description;

    Basis(String code, String description) {
        this.code = code;
        this.description = description;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** Whether the basis is a practice population (so an amount can be split among member practices by it). */
    public boolean isPopulation() {
        return this == REGISTERED || this == WEIGHTED || this == ADJUSTED;
    }

    @JsonCreator
    public static Basis of(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("basis '" + code + "' is not one of "
                        + Arrays.stream(values()).map(Basis::code).collect(Collectors.joining(", "))));
    }
}
