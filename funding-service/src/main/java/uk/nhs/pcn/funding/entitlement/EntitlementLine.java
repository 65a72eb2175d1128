package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.rules.Basis;
import uk.nhs.pcn.funding.rules.Payee;
import uk.nhs.pcn.funding.rules.Per;

/**
 * One line of a month's entitlement: a component's rate × basis over the days of the month it applied, with every
 * figure that went into it. {@code amount} is rounded to the penny once, here; it is null when the line cannot be
 * calculated, and {@code unavailableReason} says why.
 *
 * @param key identifies the line within its month, so a recalculation can be compared with what was confirmed
 * @param quantity the basis counted: each practice's population (or the beds) × its days ÷ the days in the month;
 *        null when a population is missing
 * @param days days of the month in this line's period (the rate's period within the month, while the network was
 *        open); each part has its own days
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntitlementLine(String key, YearMonth month, String component, String componentName, Basis basis,
        String basisDescription, String label, Payee payee, String practiceCode, BigDecimal quantity, String rate,
        Per per, String ruleSetYear, String revision, LocalDate revisionPublished, String source, LocalDate from,
        LocalDate to, int days, int daysInMonth, List<LinePart> parts, BigDecimal amount, String unavailableReason,
        String explanation) {

    @JsonIgnore
    public boolean available() {
        return amount != null;
    }
}
