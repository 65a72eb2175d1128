package uk.nhs.pcn.events.funding;

import java.math.BigDecimal;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A network's ARRS claims for a financial year passed its ARRS sum (rate × weighted population): claims beyond the
 * sum are not reimbursed. Published when the claims pass the sum (again after they had fallen back below it).
 * {@code latestClaimMonth} is YYYY-MM.
 */
@CloudEventType("uk.nhs.pcn.funding.ArrsSumExceeded.v1")
public record ArrsSumExceeded(String networkCode, String financialYear, BigDecimal arrsSum,
        BigDecimal claimsToDate, BigDecimal excess, String latestClaimMonth) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
