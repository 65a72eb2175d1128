package uk.nhs.pcn.funding.schedule;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.rules.Basis;

/**
 * An adjustment line: the correction of one line of a confirmed month, paid in a later month. {@code amount} is what
 * is now due less what was paid for that line (the confirmed amount and earlier adjustments); it is null when the
 * corrected amount cannot be calculated, and {@code reason} says why.
 *
 * @param causes the ids of the events (or changes) that caused it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Adjustment(UUID id, String networkCode, YearMonth paidInMonth, YearMonth correctsMonth, String lineKey,
        String component, String componentName, Basis basis, String practiceCode, BigDecimal paidBefore,
        BigDecimal corrected, BigDecimal amount, String reason, String ruleSetYear, String revision,
        List<String> causes) {

    public Adjustment {
        causes = List.copyOf(causes);
    }

    @JsonIgnore
    public boolean available() {
        return amount != null;
    }
}
