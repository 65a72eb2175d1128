package uk.nhs.pcn.events.funding;

import java.math.BigDecimal;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/**
 * A commissioner (or ICB finance) confirmed a network's payment for a month (YYYY-MM); it never changes afterwards.
 * {@code totalAmount} includes the adjustment lines paid in the month; {@code incomplete} says some line could not
 * be calculated.
 */
@CloudEventType("uk.nhs.pcn.funding.MonthConfirmed.v1")
public record MonthConfirmed(String networkCode, String month, String financialYear, BigDecimal totalAmount,
        boolean incomplete, int lineCount, int adjustmentCount) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
