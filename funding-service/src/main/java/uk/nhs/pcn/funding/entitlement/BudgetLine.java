package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.nhs.pcn.funding.rules.Basis;
import uk.nhs.pcn.funding.rules.Per;

/**
 * A year's budget from one rate period of a budget component (the ARRS sum): the sum over the year of each
 * member's population × its days, the same day pro-rata as a monthly line, rounded to the penny once for the year.
 *
 * @param quantity the population counted over the period (each population × its share of the period's days)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BudgetLine(String component, String componentName, Basis basis, String label, String rate, Per per,
        String ruleSetYear, String revision, String source, LocalDate from, LocalDate to, BigDecimal quantity,
        BigDecimal amount, String unavailableReason, String explanation) {

    public boolean available() {
        return amount != null;
    }
}
