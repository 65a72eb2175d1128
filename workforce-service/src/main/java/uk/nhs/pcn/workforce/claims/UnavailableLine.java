package uk.nhs.pcn.workforce.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A line the month needs but that cannot be calculated, because the ARRS rule set has no confirmed figure for it:
 * the same period a {@link ClaimLine} would cover, with the figure it waits for. {@code missingFigure} names the
 * rule-set field ({@value #MAX_PER_WTE}); {@code reason} is {@value #MARKED_UNKNOWN} (the rule set marks it unknown
 * from {@code unknownFrom}) or {@value #NOT_IN_RULE_SET} (no entry covers {@code from}). Nothing is guessed: the
 * line has no amount and counts towards no total.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnavailableLine(UUID appointmentId, String staffReference, String roleCode, String roleName,
        LocalDate from, LocalDate to, int daysInPost, int daysInMonth, BigDecimal wte, String missingFigure,
        String reason, LocalDate unknownFrom, String ruleSetYear, String explanation) {

    public static final String MAX_PER_WTE = "maxPerWte";
    public static final String MARKED_UNKNOWN = "marked-unknown";
    public static final String NOT_IN_RULE_SET = "not-in-rule-set";
}
