package uk.nhs.pcn.funding.entitlement;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One member practice's part of a line (its population, the date that figure is as at, its days of membership in
 * the line's period), or one run of care-home beds (practice absent).
 *
 * @param quantity the population or bed count; null when the practice has no figure for the population date
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinePart(String practiceCode, BigDecimal quantity, LocalDate quantityAsAt, LocalDate from, LocalDate to,
        int days) {
}
