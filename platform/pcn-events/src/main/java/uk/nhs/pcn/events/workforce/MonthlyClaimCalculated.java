package uk.nhs.pcn.events.workforce;

import java.math.BigDecimal;
import java.time.LocalDate;

import uk.nhs.pcn.events.CloudEventType;
import uk.nhs.pcn.events.PcnEvent;

/** A network's ARRS reimbursement claim for a month was calculated. {@code month} is YYYY-MM; {@code effectiveDate} its first day. */
@CloudEventType("uk.nhs.pcn.workforce.MonthlyClaimCalculated.v1")
public record MonthlyClaimCalculated(String networkCode, String month, String financialYear, int lineCount, BigDecimal totalAmount, BigDecimal yearToDateAmount, LocalDate effectiveDate) implements PcnEvent {
    @Override
    public String subject() {
        return networkCode;
    }
}
